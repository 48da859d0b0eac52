/// The configuration file, `tagscan.yml` (or `.yaml`, or JSON): custom anchor rules, recipients,
/// defaults, disabled lint rules and the role map for foreign tags. Read it with ``ConfigLoader``,
/// which reports unknown keys and bad values with the file and line.
///
/// ```yaml
/// defaults:
///   text_field_width: 0.25        # fraction of the page width (or "25%")
///   date_required: true           # make optional date_signed_field tags required (Yoti demands it)
/// recipients:
///   Signer 1: { name: Ada Lovelace, email: ada@example.com, sign_group: 1, auth_type: no-auth }
/// role_map:                       # foreign tags' recipients → Yoti roles (default "Signer N")
///   signer2: Guarantor 1
/// disabled_rules: [visible-anchor]
/// rules:
///   - anchor: "Signature:"
///     role: Signer 1
///     type: signature
///     align: right
///     x_offset: 2mm
/// ```
public struct TagScanConfig: Sendable, Hashable, Codable {
    public struct Defaults: Sendable, Hashable, Codable {
        /// Width of `text_field` tags as a fraction of the page width.
        public var textFieldWidth: Double?
        /// Make optional `date_signed_field` tags required (default true).
        public var dateRequired: Bool?

        public init(textFieldWidth: Double? = nil, dateRequired: Bool? = nil) {
            self.textFieldWidth = textFieldWidth
            self.dateRequired = dateRequired
        }

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case textFieldWidth = "text_field_width"
            case dateRequired = "date_required"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            if let width = try CustomAnchorRule.decodeWidth(c, forKey: .textFieldWidth) {
                guard width.unit == .page || width.unit == .percent else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .textFieldWidth, in: c,
                        debugDescription: "text_field_width must be a fraction of the page width (as 0.25 or \"25%\"), not \(width)")
                }
                textFieldWidth = width.fraction(pageExtent: 1)
            }
            dateRequired = try c.decodeIfPresent(Bool.self, forKey: .dateRequired)
        }
    }

    public var rules: [CustomAnchorRule]
    /// In the order written.
    public var recipients: [ConfigRecipient]
    public var defaults: Defaults
    /// Lint rule ids turned off for every document scanned with this configuration.
    public var disabledRules: [String]
    /// Yoti role per foreign recipient (`signer1`, `r2`, `First Party`); see ``RoleMapping``.
    public var roleMap: [String: String]

    public init(
        rules: [CustomAnchorRule] = [], recipients: [ConfigRecipient] = [], defaults: Defaults = Defaults(),
        disabledRules: [String] = [], roleMap: [String: String] = [:]
    ) {
        self.rules = rules
        self.recipients = recipients
        self.defaults = defaults
        self.disabledRules = disabledRules
        self.roleMap = roleMap
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case rules, recipients, defaults
        case disabledRules = "disabled_rules"
        case roleMap = "role_map"
    }

    /// A map key: a role, or a foreign recipient.
    struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rules = try c.decodeIfPresent([CustomAnchorRule].self, forKey: .rules) ?? []
        defaults = try c.decodeIfPresent(Defaults.self, forKey: .defaults) ?? Defaults()

        recipients = []
        if c.contains(.recipients), try !c.decodeNil(forKey: .recipients) {
            let map = try c.nestedContainer(keyedBy: NameKey.self, forKey: .recipients)
            for key in map.allKeys {
                if let problem = CustomAnchorRule.roleProblem(key.stringValue) {
                    throw DecodingError.dataCorruptedError(forKey: key, in: map, debugDescription: problem)
                }
                recipients.append(try ConfigRecipient(role: key.stringValue, from: map.superDecoder(forKey: key)))
            }
        }

        disabledRules = try c.decodeIfPresent([String].self, forKey: .disabledRules) ?? []
        for (index, id) in disabledRules.enumerated() where !Self.isRuleID(id) {
            var list = try c.nestedUnkeyedContainer(forKey: .disabledRules)
            for _ in 0..<index { _ = try list.decode(String.self) }
            throw DecodingError.dataCorruptedError(
                in: list, debugDescription: "'\(id)' is not a rule id (lower-case letters, digits and hyphens, as in foreign-tag)")
        }

        roleMap = [:]
        if c.contains(.roleMap), try !c.decodeNil(forKey: .roleMap) {
            let map = try c.nestedContainer(keyedBy: NameKey.self, forKey: .roleMap)
            for key in map.allKeys {
                let role = try map.decode(String.self, forKey: key)
                if let problem = CustomAnchorRule.roleProblem(role) {
                    throw DecodingError.dataCorruptedError(forKey: key, in: map, debugDescription: problem)
                }
                roleMap[key.stringValue] = role
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rules, forKey: .rules)
        var map = c.nestedContainer(keyedBy: NameKey.self, forKey: .recipients)
        for recipient in recipients { try map.encode(recipient, forKey: NameKey(stringValue: recipient.role)) }
        try c.encode(defaults, forKey: .defaults)
        try c.encode(disabledRules, forKey: .disabledRules)
        try c.encode(roleMap, forKey: .roleMap)
    }

    static func isRuleID(_ id: String) -> Bool {
        !id.isEmpty && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// The scan options this configuration sets, on top of `options`: its rules, role map and
    /// defaults, and each recipient's and rule's sign group.
    public func applied(to options: ScanOptions) -> ScanOptions {
        var options = options
        options.customRules += rules
        options.roleMap.merge(roleMap) { current, _ in current }
        if let width = defaults.textFieldWidth { options.textFieldWidth = width }
        if let required = defaults.dateRequired { options.dateSignedRequired = required }
        for rule in rules {
            if let group = rule.signGroup, options.signGroups[rule.role] == nil { options.signGroups[rule.role] = group }
        }
        for recipient in recipients {
            if let group = recipient.signGroup { options.signGroups[recipient.role] = group }
        }
        return options
    }
}
