/// The registry of lint rules, sorted by id. Ids are unique and stable. The rules themselves are
/// internal: a host names them by the ids and descriptions of the diagnostic catalog.
public enum LintRules {
    static let all: [any LintRule.Type] = [
        AnchorOutsidePageRule.self,
        AnchorSpansPagesRule.self,
        AnchorWrapsLineRule.self,
        CurlyQuotesRule.self,
        DuplicateTagNameRule.self,
        EncryptedRule.self,
        FileTooLargeRule.self,
        ForbiddenCharactersRule.self,
        ForeignTagRule.self,
        ImageOnlyPageRule.self,
        IndustryTypeRule.self,
        JavaScriptRule.self,
        MalformedAnchorRule.self,
        MetadataNotAllowedRule.self,
        MissingHeaderRule.self,
        OptionalDateSignedRule.self,
        PageIncompleteRule.self,
        RadioGroupMixedRequiredRule.self,
        RadioGroupTooSmallRule.self,
        RecipientGapRule.self,
        SpacedAnchorRule.self,
        TagClampedRule.self,
        TagNameTooLongRule.self,
        TagsOverlapRule.self,
        TinyAnchorRule.self,
        TooManyFilesRule.self,
        TooManyRecipientsRule.self,
        TooManyTagsRule.self,
        UnreadableRule.self,
        VisibleAnchorRule.self,
    ]

    public static var descriptions: [RuleDescription] { all.map { $0.description } }

    public static var ids: [String] { all.map { $0.description.id } }

    /// The rule with `id`, if there is one.
    static func rule(id: String) -> (any LintRule.Type)? {
        all.first { $0.description.id == id }
    }

    /// The ids in `ids` that name no diagnostic of the catalog (every rule's id is one), sorted.
    public static func unknown(_ ids: some Sequence<String>) -> [String] {
        let known = Set(DiagnosticCatalog.all.map(\.id))
        return Set(ids).subtracting(known).sorted()
    }
}
