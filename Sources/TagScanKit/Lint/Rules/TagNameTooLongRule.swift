/// `tag-name-too-long`: an `nm` name longer than Yoti's 50 characters.
public enum TagNameTooLongRule: DocumentLintRule {
    public static let description = RuleDescription(
        id: "tag-name-too-long", severity: .error,
        summary: "A tag name (nm) is longer than the 50 characters Yoti accepts.",
        details: """
            A tag's name identifies it in conditional rules and in the completed values, and Yoti \
            limits it to 50 characters. Shorten the "nm" value in the anchor's metadata.
            """)

    public static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        document.taggedAnchors.compactMap { anchor, tag in
            guard let name = tag.name, name.count > options.maximumTagNameLength else { return nil }
            return description.diagnostic(
                page: anchor.pageNumber,
                "\(anchor.text) has a name of \(name.count) characters; Yoti accepts at most \(options.maximumTagNameLength)",
                anchor: anchor.text)
        }
    }
}
