/// `visible-anchor`: an auto-tag that will show on the signed document. Custom anchors are the
/// document's own words ("Signature:"), meant to be seen, and foreign tags have `foreign-tag`.
///
/// Hidden are: invisible text (render mode 3 or 7, when the extractor reports the mode: the glyph
/// path does, poppler-glib does not); anchors whose rendered box carries almost no ink against
/// its background (unless `LintOptions.rendersAnchors` is off), which catches invisible text on
/// the glib path and text covered by a white shape; and white anchors (every channel ≥ 250)
/// unless their rendered box shows them, as white text on a shaded table cell does. Limit:
/// invisible text over other ink (artwork) counts as visible when the render mode is unknown.
enum VisibleAnchorRule: DocumentLintRule {
    static let description = DiagnosticCatalog.visibleAnchor

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (index, anchor) in document.result.anchors.enumerated() where anchor.dialect == .yoti {
            if let mode = anchor.renderMode, invisibleRenderModes.contains(mode) { continue }
            let ink = index < document.anchorInk.count ? document.anchorInk[index] : nil
            if let ink, ink < AnchorVisibility.visibleCoverage { continue }
            if let color = anchor.color, isNearWhite(color) {
                // White is hidden on white paper; rendered, it shows against anything darker.
                guard ink != nil else { continue }
                found.append(
                    description.diagnostic(
                        page: anchor.pageNumber,
                        "\(anchor.text) is drawn in \(color) on a background that is not white (a shaded cell or artwork), so it shows on the signed document; colour it like its background or move it",
                        anchor: anchor.text))
                continue
            }
            guard anchor.color != nil || ink != nil else { continue }
            let how = anchor.color.map { "drawn in \($0)" } ?? "drawn in a visible colour"
            found.append(
                description.diagnostic(
                    page: anchor.pageNumber,
                    "\(anchor.text) is \(how) and will show on the signed document; colour it white",
                    anchor: anchor.text))
        }
        return found
    }

    /// Text render modes that paint nothing: 3 (invisible) and 7 (clip only).
    static let invisibleRenderModes: Set<Int> = [3, 7]

    /// `#rrggbb` with every channel at 250 or above.
    static func isNearWhite(_ hex: String) -> Bool {
        guard hex.count == 7, hex.first == "#", let value = UInt32(hex.dropFirst(), radix: 16) else { return false }
        return [value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF].allSatisfy { $0 >= 250 }
    }
}
