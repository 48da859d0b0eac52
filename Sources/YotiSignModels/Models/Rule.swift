/// One conditional rule on a recipient: when its conditions hold, `action` applies to the
/// affected tags or tag groups.
public struct Rule: Sendable, Codable, Hashable {
    public enum Action: String, Sendable, Codable, Hashable, CaseIterable {
        case show, hide
        case makeOptional = "make_optional"
        case makeRequired = "make_required"
    }

    public enum Criteria: String, Sendable, Codable, Hashable, CaseIterable {
        case hasValue = "has_value"
        case noValue = "no_value"
    }

    /// `{trigger_tag_name, criteria}`; the trigger is one of the recipient's own tag names and
    /// cannot be a `date_signed_field`.
    public struct Condition: Sendable, Codable, Hashable {
        public var triggerTagName: String
        public var criteria: Criteria

        public init(triggerTagName: String, criteria: Criteria) {
            self.triggerTagName = triggerTagName
            self.criteria = criteria
        }

        enum CodingKeys: String, CodingKey {
            case triggerTagName = "trigger_tag_name"
            case criteria
        }
    }

    public var action: Action
    public var conditions: [Condition]
    public var affectedTagNames: [String]?
    public var affectedTagGroupNames: [String]?
    /// Names unique to exactly one recipient in a later sign group.
    public var affectedTagNamesOtherRecipients: [String]?
    public var affectedTagGroupNamesOtherRecipients: [String]?

    public init(
        action: Action, conditions: [Condition], affectedTagNames: [String]? = nil,
        affectedTagGroupNames: [String]? = nil, affectedTagNamesOtherRecipients: [String]? = nil,
        affectedTagGroupNamesOtherRecipients: [String]? = nil
    ) {
        self.action = action
        self.conditions = conditions
        self.affectedTagNames = affectedTagNames
        self.affectedTagGroupNames = affectedTagGroupNames
        self.affectedTagNamesOtherRecipients = affectedTagNamesOtherRecipients
        self.affectedTagGroupNamesOtherRecipients = affectedTagGroupNamesOtherRecipients
    }

    enum CodingKeys: String, CodingKey {
        case action, conditions
        case affectedTagNames = "affected_tag_names"
        case affectedTagGroupNames = "affected_tag_group_names"
        case affectedTagNamesOtherRecipients = "affected_tag_names_other_recipients"
        case affectedTagGroupNamesOtherRecipients = "affected_tag_group_names_other_recipients"
    }
}
