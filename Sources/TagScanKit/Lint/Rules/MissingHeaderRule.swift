/// `missing-header`: a document with auto-tags but no `|AT|` on page 1.
enum MissingHeaderRule: DocumentLintRule {
    static let description = DiagnosticCatalog.missingHeader

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        let yoti = document.result.anchors.filter { $0.dialect == .yoti }
        guard let first = yoti.first(where: { $0.tag != nil }) else { return [] }
        let headers = yoti.filter { $0.text == "|AT|" }
        if headers.contains(where: { $0.pageNumber == 1 }) { return [] }
        if let elsewhere = headers.first {
            return [
                description.diagnostic(
                    page: elsewhere.pageNumber,
                    "|AT| is on page \(elsewhere.pageNumber) but Yoti looks for it on page 1 only; move it to page 1",
                    anchor: "|AT|")
            ]
        }
        return [
            description.diagnostic(
                page: 1,
                "the document has auto-tags (\(first.text) on page \(first.pageNumber)) but no |AT| header on page 1, so Yoti will ignore them",
                anchor: first.text)
        ]
    }
}
