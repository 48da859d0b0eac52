/// `metadata-not-allowed`: `ph` (placeholder) or `pf` (pre-filled value) on a field that is not a
/// text field.
enum MetadataNotAllowedRule: DocumentLintRule {
    static let description = DiagnosticCatalog.metadataNotAllowed

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        document.taggedAnchors.compactMap { anchor, tag in
            guard tag.type != .textField, let metadata = anchor.metadata else { return nil }
            let keys = [metadata.ph.map { _ in "ph" }, metadata.pf.map { _ in "pf" }].compactMap { $0 }
            guard !keys.isEmpty else { return nil }
            return description.diagnostic(
                page: anchor.pageNumber,
                "\(anchor.text) sets \(keys.joined(separator: " and ")) on a \(tag.type.rawValue); only text fields take ph and pf",
                anchor: anchor.text)
        }
    }
}
