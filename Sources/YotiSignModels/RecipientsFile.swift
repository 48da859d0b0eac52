import Foundation

/// The recipients file of `tagscan submit`: who signs, in the API's own recipient keys, plus an
/// optional envelope name, invitation message and other envelope options.
///
/// ```json
/// { "name": "NDA for Acme",
///   "invitation_message": "Please sign the NDA.",
///   "recipients": [
///     { "role": "Signer 1", "name": "Ada Lovelace", "email": "ada@example.com", "sign_group": 1 },
///     { "role": "Signer 2", "name": "Alan Turing", "email": "alan@example.com", "auth_type": "no-auth" } ] }
/// ```
///
/// Tags found by a scan are joined to recipients by `role` (see ``envelopeOptions(joining:defaultName:)``).
/// Beside `recipients`, the file may carry any top-level option of the API (`emails`, `sender`,
/// `has_envelope_otps`, `autotagging`, `notifications`, `branding`, `parent_redirect_urls`), plus
/// two shorthands: `invitation_message` (for `emails.invitation.body.message`) and `reminders`
/// (for `emails.reminders`). ``decode(json:)`` reads JSON; YAML (with line numbers in its
/// errors) is read by TagScanKit's `RecipientsFileLoader`, which checks the same keys.
public struct RecipientsFile: Sendable, Codable, Hashable {
    public var name: String?
    public var invitationMessage: String?
    public var reminders: Reminders?
    public var emails: Emails?
    public var sender: Sender?
    public var hasEnvelopeOTPs: Bool?
    public var autotagging: Autotagging?
    public var notifications: Notifications?
    public var branding: Branding?
    public var parentRedirectURLs: ParentRedirectURLs?
    public var recipients: [Recipient]

    public init(
        name: String? = nil, invitationMessage: String? = nil, reminders: Reminders? = nil, emails: Emails? = nil,
        sender: Sender? = nil, hasEnvelopeOTPs: Bool? = nil, autotagging: Autotagging? = nil,
        notifications: Notifications? = nil, branding: Branding? = nil,
        parentRedirectURLs: ParentRedirectURLs? = nil, recipients: [Recipient]
    ) {
        self.name = name
        self.invitationMessage = invitationMessage
        self.reminders = reminders
        self.emails = emails
        self.sender = sender
        self.hasEnvelopeOTPs = hasEnvelopeOTPs
        self.autotagging = autotagging
        self.notifications = notifications
        self.branding = branding
        self.parentRedirectURLs = parentRedirectURLs
        self.recipients = recipients
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case invitationMessage = "invitation_message"
        case reminders, emails, sender
        case hasEnvelopeOTPs = "has_envelope_otps"
        case autotagging, notifications, branding
        case parentRedirectURLs = "parent_redirect_urls"
        case recipients
    }

    /// The keys the file may use at each level, as the API spells them. A key outside these is
    /// refused rather than dropped: a misspelt `sign_grup` or `optinal` would otherwise change
    /// the envelope without a word.
    public static let topLevelKeys: [String] = CodingKeys.allCases.map(\.rawValue)
    public static let recipientKeys: [String] = Recipient.CodingKeys.allCases.map(\.rawValue)
    public static let tagKeys: [String] = Tag.CodingKeys.allCases.map(\.rawValue)
    public static let validationKeys: [String] = ["regex", "error_message", "flags"]
    public static let mergeFieldKeys: [String] = Tag.MergeField.CodingKeys.allCases.map(\.rawValue)
    public static let witnessKeys: [String] = ["auth_type", "tags"]

    private static func unknownKeys(_ object: [String: Any], _ allowed: [String], _ at: String) -> [String] {
        object.keys.filter { !allowed.contains($0) }.sorted().map { "\(at).\($0)" }
    }

    /// Reads a recipients file from JSON, refusing unknown keys at the top level, in each
    /// recipient, witness and tag (a misspelt `sign_grup` would otherwise be silently ignored).
    ///
    /// - Throws: ``YotiSignError/invalidRecipientsFile(_:)`` naming the key path at fault.
    public static func decode(json bytes: [UInt8]) throws -> RecipientsFile {
        let data = Data(bytes)
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw YotiSignError.invalidRecipientsFile("it is not valid JSON (\(error.localizedDescription))")
        }
        guard let object = root as? [String: Any] else {
            throw YotiSignError.invalidRecipientsFile("the top level must be an object with a \"recipients\" list")
        }
        var unknown: [String] = []
        let topKeys = Set(CodingKeys.allCases.map(\.rawValue))
        unknown += object.keys.filter { !topKeys.contains($0) }.sorted()
        if let list = object["recipients"] as? [Any] {
            for (index, item) in list.enumerated() {
                guard let recipient = item as? [String: Any] else { continue }
                let at = "recipients[\(index)]"
                unknown += Self.unknownKeys(recipient, Self.recipientKeys, at)
                func tags(_ value: Any?, _ at: String) {
                    for (number, tag) in (value as? [Any] ?? []).enumerated() {
                        guard let tag = tag as? [String: Any] else { continue }
                        unknown += Self.unknownKeys(tag, Self.tagKeys, "\(at)[\(number)]")
                        if let validation = tag["validation"] as? [String: Any] {
                            unknown += Self.unknownKeys(validation, Self.validationKeys, "\(at)[\(number)].validation")
                        }
                        if let mergeField = tag["merge_field"] as? [String: Any] {
                            unknown += Self.unknownKeys(mergeField, Self.mergeFieldKeys, "\(at)[\(number)].merge_field")
                        }
                    }
                }
                tags(recipient["tags"], "\(at).tags")
                if let witness = recipient["witness"] as? [String: Any] {
                    unknown += Self.unknownKeys(witness, Self.witnessKeys, "\(at).witness")
                    tags(witness["tags"], "\(at).witness.tags")
                }
            }
        }
        if !unknown.isEmpty {
            throw YotiSignError.invalidRecipientsFile(
                "unknown key\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))"
            )
        }
        do {
            return try JSONDecoder().decode(RecipientsFile.self, from: data)
        } catch let error as DecodingError {
            throw YotiSignError.invalidRecipientsFile(Self.explain(error))
        }
    }

    /// `recipients[1].auth_type: "sms" is not one of …`.
    public static func explain(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text.isEmpty ? "the top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "\(parent == "the top level" ? "" : parent + ": ")the required key \"\(key.stringValue)\" is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(Self.describe(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(Self.describe(type)), found null"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
