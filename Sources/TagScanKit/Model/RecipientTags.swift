public import YotiSignModels

/// All tags for one recipient role across a document, ordered by page, then y, then x.
public struct RecipientTags: Sendable, Codable, Hashable {
    public var role: String
    public var signGroup: Int
    public var tags: [Tag]

    public init(role: String, signGroup: Int, tags: [Tag]) {
        self.role = role
        self.signGroup = signGroup
        self.tags = tags
    }

    enum CodingKeys: String, CodingKey {
        case role
        case signGroup = "sign_group"
        case tags
    }
}
