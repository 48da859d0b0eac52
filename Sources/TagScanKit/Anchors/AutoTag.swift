public import YotiSignModels

/// A parsed Yoti auto-tag such as `|S1SR|` or `|G4TO{"nm":"guarantor_name"}|`.
public struct AutoTag: Sendable, Codable, Hashable {
    public var role: RecipientRole
    /// Recipient number, 1…30.
    public var number: Int
    public var type: TagType
    /// For `RG<k>` radio buttons: k, which groups the buttons of one recipient.
    public var radioGroup: Int?
    public var optional: Bool
    public var metadata: Metadata?

    /// The `{…}` suffix: `nm` name, `ph` placeholder (help text), `pf` pre-filled value.
    public struct Metadata: Sendable, Codable, Hashable {
        public var nm: String?
        public var ph: String?
        public var pf: String?

        public init(nm: String? = nil, ph: String? = nil, pf: String? = nil) {
            self.nm = nm
            self.ph = ph
            self.pf = pf
        }
    }

    public init(role: RecipientRole, number: Int, type: TagType, radioGroup: Int? = nil, optional: Bool, metadata: Metadata? = nil) {
        self.role = role
        self.number = number
        self.type = type
        self.radioGroup = radioGroup
        self.optional = optional
        self.metadata = metadata
    }

    /// "Signer 1".
    public var roleName: String { role.roleName(number) }
}
