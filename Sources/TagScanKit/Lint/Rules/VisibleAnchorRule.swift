/// `visible-anchor`: an auto-tag that will show on the signed document. Custom anchors are the
/// document's own words ("Signature:"), meant to be seen, and foreign tags have `foreign-tag`.
///
/// Hidden are: white anchors (every channel ≥ 250); invisible text (render mode 3 or 7, when the
/// extractor reports the mode: the glyph path does, poppler-glib does not); and anchors whose
/// rendered box carries almost no ink (unless `LintOptions.rendersAnchors` is off), which catches
/// invisible text on the glib path and text covered by a white shape. Limits: white text on a
/// dark background counts as hidden, and invisible text over other ink (a shaded cell, artwork)
/// counts as visible when the render mode is unknown.
public enum VisibleAnchorRule: DocumentLintRule {
    public static let description = DiagnosticCatalog.visibleAnchor

    public static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (index, anchor) in document.result.anchors.enumerated() where anchor.dialect == .yoti {
            if let color = anchor.color, isNearWhite(color) { continue }
            if let mode = anchor.renderMode, invisibleRenderModes.contains(mode) { continue }
            let ink = index < document.anchorInk.count ? document.anchorInk[index] : nil
            if let ink, ink < AnchorVisibility.visibleCoverage { continue }
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
