/// The role letters of Yoti auto-tags.
public enum RecipientRole: String, Sendable, Codable, Hashable, CaseIterable {
    case signer = "S"
    case tenant = "T"
    case landlord = "L"
    case agent = "A"
    case guarantor = "G"
    case contractor = "C"

    /// The name Yoti recipients' `role` is built from: "Signer" in "Signer 1".
    public var name: String {
        switch self {
        case .signer: "Signer"
        case .tenant: "Tenant"
        case .landlord: "Landlord"
        case .agent: "Agent"
        case .guarantor: "Guarantor"
        case .contractor: "Contractor"
        }
    }

    /// The `autotagging` industry type whose matrix holds this role.
    public var industry: String { self == .signer ? "GENERAL" : "REAL_ESTATE" }

    /// "Signer 1", "Guarantor 4": the recipient `role` string an anchor must match.
    public func roleName(_ number: Int) -> String { "\(name) \(number)" }
}
