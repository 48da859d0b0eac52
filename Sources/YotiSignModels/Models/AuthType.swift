/// How a recipient proves who they are before signing.
public enum AuthType: String, Sendable, Codable, Hashable, CaseIterable {
    case noAuth = "no-auth"
    /// A scan with the Yoti app; ignored for witnesses.
    case signAuth = "sign-auth"
    /// An identity-verification session; needs ``Verification/idv``.
    case idv
}
