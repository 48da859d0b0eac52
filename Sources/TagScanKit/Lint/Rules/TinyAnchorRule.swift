/// `tiny-anchor`: an anchor set in type too small for every text extractor to keep.
enum TinyAnchorRule: DocumentLintRule {
    static let description = DiagnosticCatalog.tinyAnchor

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        document.result.anchors.compactMap { anchor in
            guard anchor.dialect == .yoti || anchor.dialect == .custom, let size = anchor.fontSize, size < options.minimumAnchorFontSize else {
                return nil
            }
            return description.diagnostic(
                page: anchor.pageNumber,
                "\(anchor.text) is set in \(formatPoints(size)) pt type; below \(formatPoints(options.minimumAnchorFontSize)) pt some extractors drop it",
                anchor: anchor.text)
        }
    }
}

/// `3.5`, `4`: points without a trailing `.0`, at most two decimals.
func formatPoints(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}
