/// `options.autotagging`: which auto-tag matrix Yoti searches the documents with.
public enum Autotagging: String, Sendable, Codable, Hashable, CaseIterable {
    /// Role S (Signer).
    case general = "GENERAL"
    /// Roles T, L, A, G, C (Tenant, Landlord, Agent, Guarantor, Contractor).
    case realEstate = "REAL_ESTATE"
    case all = "ALL"
}
