/// One entry of `options.recipients`: a signer (with tags) or a CC recipient.
///
/// Every field the API documents is here. `type` defaults to ``RecipientType/signer`` when a
/// decoded object leaves it out; `mobile_number` is accepted as a JSON number or string (the
/// docs show both) and is always encoded as a string.
public struct Recipient: Sendable, Codable, Hashable {
    public var type: RecipientType
    /// 1–100 characters, none of `/\:*?<>|`.
    public var name: String
    public var email: String
    /// Free text of at most 50 characters, none of `/\:*?<>|`. Tags found by a scan are joined
    /// to recipients by this role (for example `"Signer 1"`).
    public var role: String?
    public var authType: AuthType?
    /// For sign-auth: `full_name`, `date_of_birth`, `postal_address`, `gender`, `nationality`,
    /// `phone_number`, `photo`, `photo_auth`.
    public var yotiAttributes: [String]?
    /// Signing order, sequential from 1; the API defaults it to 1.
    public var signGroup: Int?
    /// How long the recipient's token stays valid (max one year; the API's default is 2 days).
    public var activeForSeconds: Int?
    /// A TZ database name such as `"Pacific/Auckland"`, used by `date_signed_field`.
    public var timeZoneName: String?
    /// Required (possibly empty) for embedded envelopes; when omitted on a standard envelope the
    /// invitation and completion emails are sent.
    public var eventNotifications: [EventNotification]?
    /// Files hidden from this recipient; they cannot carry this recipient's tags.
    public var excludedFiles: [String]?
    public var isoCountryCode: String?
    /// The national number without its leading digit, for example `"7999999999"` with `GB`.
    public var mobileNumber: String?
    public var verification: Verification?
    /// `nil` for CC recipients; may be empty for signers (auto-tagging expects `[]`).
    public var tags: [Tag]?
    public var witness: Witness?
    public var rules: [Rule]?

    public init(
        type: RecipientType = .signer, name: String, email: String, role: String? = nil,
        authType: AuthType? = nil, yotiAttributes: [String]? = nil, signGroup: Int? = nil,
        activeForSeconds: Int? = nil, timeZoneName: String? = nil,
        eventNotifications: [EventNotification]? = nil, excludedFiles: [String]? = nil,
        isoCountryCode: String? = nil, mobileNumber: String? = nil, verification: Verification? = nil,
        tags: [Tag]? = nil, witness: Witness? = nil, rules: [Rule]? = nil
    ) {
        self.type = type
        self.name = name
        self.email = email
        self.role = role
        self.authType = authType
        self.yotiAttributes = yotiAttributes
        self.signGroup = signGroup
        self.activeForSeconds = activeForSeconds
        self.timeZoneName = timeZoneName
        self.eventNotifications = eventNotifications
        self.excludedFiles = excludedFiles
        self.isoCountryCode = isoCountryCode
        self.mobileNumber = mobileNumber
        self.verification = verification
        self.tags = tags
        self.witness = witness
        self.rules = rules
    }

    /// The sign group the API will use: the given one, or 1.
    public var effectiveSignGroup: Int { signGroup ?? 1 }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, email, role
        case authType = "auth_type"
        case yotiAttributes = "yoti_attributes"
        case signGroup = "sign_group"
        case activeForSeconds = "active_for_seconds"
        case timeZoneName = "time_zone_name"
        case eventNotifications = "event_notifications"
        case excludedFiles = "excluded_files"
        case isoCountryCode = "iso_country_code"
        case mobileNumber = "mobile_number"
        case verification, tags, witness, rules
    }

    /// The JSON keys a recipient object may carry, as the API spells them.
    public static let knownKeys: Set<String> = Set(CodingKeys.allCases.map(\.rawValue))

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(RecipientType.self, forKey: .type) ?? .signer
        name = try c.decode(String.self, forKey: .name)
        email = try c.decode(String.self, forKey: .email)
        role = try c.decodeIfPresent(String.self, forKey: .role)
        authType = try c.decodeIfPresent(AuthType.self, forKey: .authType)
        yotiAttributes = try c.decodeIfPresent([String].self, forKey: .yotiAttributes)
        signGroup = try c.decodeIfPresent(Int.self, forKey: .signGroup)
        activeForSeconds = try c.decodeIfPresent(Int.self, forKey: .activeForSeconds)
        timeZoneName = try c.decodeIfPresent(String.self, forKey: .timeZoneName)
        eventNotifications = try c.decodeIfPresent([EventNotification].self, forKey: .eventNotifications)
        excludedFiles = try c.decodeIfPresent([String].self, forKey: .excludedFiles)
        isoCountryCode = try c.decodeIfPresent(String.self, forKey: .isoCountryCode)
        // A string first: a YAML decoder would also read "07999…" as a number and drop the 0.
        if let text = try? c.decodeIfPresent(String.self, forKey: .mobileNumber) {
            mobileNumber = text
        } else {
            mobileNumber = try c.decodeIfPresent(Int64.self, forKey: .mobileNumber).map(String.init)
        }
        verification = try c.decodeIfPresent(Verification.self, forKey: .verification)
        tags = try c.decodeIfPresent([Tag].self, forKey: .tags)
        witness = try c.decodeIfPresent(Witness.self, forKey: .witness)
        rules = try c.decodeIfPresent([Rule].self, forKey: .rules)
    }
}
