/// `optional-date-signed`: a date-signed field marked optional (`|S1DSO|`).
enum OptionalDateSignedRule: DocumentLintRule {
    static let description = DiagnosticCatalog.optionalDateSigned

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        document.taggedAnchors.filter { $0.tag.type == .dateSignedField && $0.tag.optional }.map { anchor, _ in
            description.diagnostic(
                page: anchor.pageNumber,
                "\(anchor.text) is an optional date-signed field; Yoti requires date_signed_field to be required: use R",
                anchor: anchor.text)
        }
    }
}
