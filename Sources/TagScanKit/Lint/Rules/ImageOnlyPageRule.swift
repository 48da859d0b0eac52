/// `image-only-page`: a page with no extractable text in a document that has anchors elsewhere.
enum ImageOnlyPageRule: DocumentLintRule {
    static let description = DiagnosticCatalog.imageOnlyPage

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        let result = document.result
        guard result.anchors.contains(where: { $0.tag != nil }) else { return [] }
        let unloadable = Set(result.diagnostics.filter { $0.rule == UnreadableRule.description.id }.compactMap(\.pageNumber))
        // A page whose only text lies beyond its crop box draws text: `anchor-outside-page` says so.
        return result.pages.filter { $0.glyphCount == 0 && ($0.outsideGlyphCount ?? 0) == 0 && !unloadable.contains($0.pageNumber) }.map { page in
            description.diagnostic(
                page: page.pageNumber,
                "page \(page.pageNumber) has no text (an image or a scan?); anchors on it cannot be found")
        }
    }
}
