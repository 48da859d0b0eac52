/// `image-only-page`: a page with no extractable text in a document that has anchors elsewhere.
public enum ImageOnlyPageRule: DocumentLintRule {
    public static let description = RuleDescription(
        id: "image-only-page", severity: .warning,
        summary: "A page has no text (a scan or an image) in a document whose other pages have anchors.",
        details: """
            Anchors on a scanned or flattened page are pictures of text: neither tagscan nor Yoti can \
            find them. If the page should carry fields, rebuild it from the source document rather \
            than a scan.
            """)

    public static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        let result = document.result
        guard result.anchors.contains(where: { $0.tag != nil }) else { return [] }
        let unloadable = Set(result.diagnostics.filter { $0.rule == UnreadableRule.description.id }.compactMap(\.pageNumber))
        return result.pages.filter { $0.glyphCount == 0 && !unloadable.contains($0.pageNumber) }.map { page in
            description.diagnostic(
                page: page.pageNumber,
                "page \(page.pageNumber) has no text (an image or a scan?); anchors on it cannot be found")
        }
    }
}
