/// `recipient.witness`: someone who watches the signer sign. Their name and email are entered by
/// the signer at signing time.
///
/// A standard envelope's witness needs at least one tag; an embedded envelope accepts `{}`.
public struct Witness: Sendable, Codable, Hashable {
    /// Documented, but a witness's `sign-auth` is ignored by the API.
    public var authType: AuthType?
    public var tags: [Tag]?

    public init(authType: AuthType? = nil, tags: [Tag]? = nil) {
        self.authType = authType
        self.tags = tags
    }

    enum CodingKeys: String, CodingKey {
        case authType = "auth_type"
        case tags
    }
}
