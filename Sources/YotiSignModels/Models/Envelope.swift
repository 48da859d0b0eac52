/// `GET /v2/envelopes/{id}` and `GET /v2/envelopes/{id}/status`: an envelope's state and, when
/// present, its details.
///
/// Decoding is lenient: every field the docs show is optional here, and unknown fields are
/// ignored, so a richer answer never fails to decode.
public struct Envelope: Sendable, Codable, Hashable {
    public var envelopeID: String?
    public var name: String?
    public var status: EnvelopeStatus
    public var details: Details?

    public init(envelopeID: String? = nil, name: String? = nil, status: EnvelopeStatus, details: Details? = nil) {
        self.envelopeID = envelopeID
        self.name = name
        self.status = status
        self.details = details
    }

    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id"
        case name, status, details
    }

    /// `details`: recipients, timestamps, and the errors of an `ERRORED` envelope.
    public struct Details: Sendable, Codable, Hashable {
        public var recipients: [RecipientState]?
        public var completedAt: String?
        public var archivedAt: String?
        public var errors: [FileError]?
        /// The envelope's files, as completion webhooks list them.
        public var files: [File]?

        public init(
            recipients: [RecipientState]? = nil, completedAt: String? = nil, archivedAt: String? = nil,
            errors: [FileError]? = nil, files: [File]? = nil
        ) {
            self.recipients = recipients
            self.completedAt = completedAt
            self.archivedAt = archivedAt
            self.errors = errors
            self.files = files
        }

        enum CodingKeys: String, CodingKey {
            case recipients
            case completedAt = "completed_at"
            case archivedAt = "archived_at"
            case errors, files
        }
    }

    /// `details.files[]`: `{id, name}`.
    public struct File: Sendable, Codable, Hashable {
        public var id: String?
        public var name: String?

        public init(id: String? = nil, name: String? = nil) {
            self.id = id
            self.name = name
        }
    }

    /// `details.errors[]`: which file failed and why (for example `NO_PAGE_FOR_TAG_ERROR`).
    public struct FileError: Sendable, Codable, Hashable {
        public var fileName: String?
        public var code: String?

        public init(fileName: String? = nil, code: String? = nil) {
            self.fileName = fileName
            self.code = code
        }

        enum CodingKeys: String, CodingKey {
            case fileName = "file_name"
            case code
        }
    }

    /// `details.recipients[]`.
    public struct RecipientState: Sendable, Codable, Hashable {
        public var id: String?
        public var type: String?
        /// `SIGNED` or `UNSIGNED`.
        public var signStatus: String?
        public var name: String?
        public var email: String?
        public var authType: String?
        public var role: String?
        public var signedAt: String?
        public var invitationEmailQueuedAt: String?
        public var signGroupOrder: Int?
        public var ipAddress: String?
        public var lastEmailStatus: String?
        public var tags: [TagValue]?
        /// For a `WITNESS`: the id of the signer they witnessed.
        public var signerID: String?

        public init(
            id: String? = nil, type: String? = nil, signStatus: String? = nil, name: String? = nil,
            email: String? = nil, authType: String? = nil, role: String? = nil, signedAt: String? = nil,
            invitationEmailQueuedAt: String? = nil, signGroupOrder: Int? = nil, ipAddress: String? = nil,
            lastEmailStatus: String? = nil, tags: [TagValue]? = nil, signerID: String? = nil
        ) {
            self.id = id
            self.type = type
            self.signStatus = signStatus
            self.name = name
            self.email = email
            self.authType = authType
            self.role = role
            self.signedAt = signedAt
            self.invitationEmailQueuedAt = invitationEmailQueuedAt
            self.signGroupOrder = signGroupOrder
            self.ipAddress = ipAddress
            self.lastEmailStatus = lastEmailStatus
            self.tags = tags
            self.signerID = signerID
        }

        enum CodingKeys: String, CodingKey {
            case id, type
            case signStatus = "sign_status"
            case name, email
            case authType = "auth_type"
            case role
            case signedAt = "signed_at"
            case invitationEmailQueuedAt = "invitation_email_queued_at"
            case signGroupOrder = "sign_group_order"
            case ipAddress = "ip_address"
            case lastEmailStatus = "last_email_status"
            case tags
            case signerID = "signer_id"
        }

        /// `sign_group_order` leniently: the docs' examples show `""` for a CC recipient.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id)
            type = try c.decodeIfPresent(String.self, forKey: .type)
            signStatus = try c.decodeIfPresent(String.self, forKey: .signStatus)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            email = try c.decodeIfPresent(String.self, forKey: .email)
            authType = try c.decodeIfPresent(String.self, forKey: .authType)
            role = try c.decodeIfPresent(String.self, forKey: .role)
            signedAt = try c.decodeIfPresent(String.self, forKey: .signedAt)
            invitationEmailQueuedAt = try c.decodeIfPresent(String.self, forKey: .invitationEmailQueuedAt)
            signGroupOrder = try c.decodeLenientIntIfPresent(forKey: .signGroupOrder)
            ipAddress = try c.decodeIfPresent(String.self, forKey: .ipAddress)
            lastEmailStatus = try c.decodeIfPresent(String.self, forKey: .lastEmailStatus)
            tags = try c.decodeIfPresent([TagValue].self, forKey: .tags)
            signerID = try c.decodeIfPresent(String.self, forKey: .signerID)
        }
    }

    /// A filled-in tag of a recipient: its name, group, whether it was optional, and its value.
    public struct TagValue: Sendable, Codable, Hashable {
        public var name: String?
        public var tagGroupName: String?
        public var wasOptional: Bool?
        /// Any JSON: text for text fields, and whatever the API reports for other types.
        public var value: JSONValue?

        public init(name: String? = nil, tagGroupName: String? = nil, wasOptional: Bool? = nil, value: JSONValue? = nil) {
            self.name = name
            self.tagGroupName = tagGroupName
            self.wasOptional = wasOptional
            self.value = value
        }

        enum CodingKeys: String, CodingKey {
            case name
            case tagGroupName = "tag_group_name"
            case wasOptional = "was_optional"
            case value
        }

        /// `was_optional` leniently: the docs' examples show the string `"<true/false>"`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            tagGroupName = try c.decodeIfPresent(String.self, forKey: .tagGroupName)
            wasOptional = try c.decodeLenientBoolIfPresent(forKey: .wasOptional)
            value = try c.decodeIfPresent(JSONValue.self, forKey: .value)
        }
    }
}
