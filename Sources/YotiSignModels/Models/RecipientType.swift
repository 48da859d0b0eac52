/// Whether a recipient signs or only receives the completed documents.
public enum RecipientType: String, Sendable, Codable, Hashable, CaseIterable {
    case signer = "SIGNER"
    /// Carbon copy: only `name` and `email`; receives the completion pack and does not sign.
    case cc = "CC"
}
