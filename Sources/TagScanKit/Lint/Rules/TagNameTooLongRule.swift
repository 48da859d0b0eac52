/// `tag-name-too-long`: an `nm` name longer than Yoti's 50 characters.
enum TagNameTooLongRule: DocumentLintRule {
    static let description = DiagnosticCatalog.tagNameTooLong

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        document.taggedAnchors.compactMap { anchor, tag in
            guard let name = tag.name, name.count > options.maximumTagNameLength else { return nil }
            return description.diagnostic(
                page: anchor.pageNumber,
                "\(anchor.text) has a name of \(name.count) characters; Yoti accepts at most \(options.maximumTagNameLength)",
                anchor: anchor.text)
        }
    }
}
