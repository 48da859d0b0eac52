public import YotiSignModels

/// One recipient in the configuration, keyed by role (`recipients:` in `tagscan.yml`): who signs
/// as "Signer 1", in which sign group, with which authentication. `tagscan submit` joins scanned
/// tags to these by role. It is decoded as part of ``TagScanConfig``, whose map key is the role, and
/// encodes without the role for the same reason.
///
/// ```yaml
/// recipients:
///   Signer 1: { name: Ada Lovelace, email: ada@example.com, sign_group: 1, auth_type: no-auth }
/// ```
public struct ConfigRecipient: Sendable, Hashable, Encodable {
    /// The Yoti recipient role the tags carry, e.g. "Signer 1".
    public var role: String
    public var name: String?
    public var email: String?
    public var signGroup: Int?
    public var authType: AuthType?

    public init(role: String, name: String? = nil, email: String? = nil, signGroup: Int? = nil, authType: AuthType? = nil) {
        self.role = role
        self.name = name
        self.email = email
        self.signGroup = signGroup
        self.authType = authType
    }

    /// Keys inside a recipient's entry (the role is the entry's own key).
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case name, email
        case signGroup = "sign_group"
        case authType = "auth_type"
    }

    /// Decodes the entry's fields; the role comes from the caller (the map key).
    init(role: String, from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func fail(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }
        self.role = role
        name = try c.decodeIfPresent(String.self, forKey: .name)
        if let name {
            if name.isEmpty || name.count > 100 { throw fail(.name, "name must be 1–100 characters (Yoti's limit)") }
            if name.contains(where: CustomAnchorRule.forbiddenCharacters.contains) {
                throw fail(.name, "name must not contain any of / \\ : * ? < > | (Yoti refuses them)")
            }
        }
        email = try c.decodeIfPresent(String.self, forKey: .email)
        if let email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || email.contains(where: \.isWhitespace) {
                throw fail(.email, "'\(email)' is not an email address")
            }
        }
        signGroup = try c.decodeIfPresent(Int.self, forKey: .signGroup)
        if let group = signGroup, group < 1 { throw fail(.signGroup, "sign_group must be 1 or more, not \(group)") }
        if let text = try c.decodeIfPresent(String.self, forKey: .authType) {
            guard let type = AuthType(rawValue: text) else {
                throw fail(.authType, "auth_type '\(text)' is not one of: \(AuthType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            authType = type
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(signGroup, forKey: .signGroup)
        try c.encodeIfPresent(authType, forKey: .authType)
    }
}
