/// The body of the `envelope_completion`, `signer_completion` and `upload_errors` webhooks: the
/// envelope's status and details, as get-envelope has them, plus the event's own fields.
public struct EnvelopeStateNotification: Sendable, Codable, Hashable {
    public var envelopeID: String
    public var subscriptionName: String
    public var status: EnvelopeStatus?
    /// `{"type": "API"}` in the docs' example.
    public var platform: Platform?
    public var markedForDeletion: Bool?
    public var details: Envelope.Details?
    public var envelopeName: String?

    public init(
        envelopeID: String, subscriptionName: String, status: EnvelopeStatus? = nil, platform: Platform? = nil,
        markedForDeletion: Bool? = nil, details: Envelope.Details? = nil, envelopeName: String? = nil
    ) {
        self.envelopeID = envelopeID
        self.subscriptionName = subscriptionName
        self.status = status
        self.platform = platform
        self.markedForDeletion = markedForDeletion
        self.details = details
        self.envelopeName = envelopeName
    }

    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id"
        case subscriptionName = "subscription_name"
        case status, platform
        case markedForDeletion = "marked_for_deletion"
        case details
        case envelopeName = "envelope_name"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        envelopeID = try c.decode(String.self, forKey: .envelopeID)
        subscriptionName = try c.decode(String.self, forKey: .subscriptionName)
        status = try c.decodeIfPresent(EnvelopeStatus.self, forKey: .status)
        platform = try c.decodeIfPresent(Platform.self, forKey: .platform)
        markedForDeletion = try c.decodeLenientBoolIfPresent(forKey: .markedForDeletion)
        details = try c.decodeIfPresent(Envelope.Details.self, forKey: .details)
        envelopeName = try c.decodeIfPresent(String.self, forKey: .envelopeName)
    }

    /// Where the envelope was created.
    public struct Platform: Sendable, Codable, Hashable {
        public var type: String?

        public init(type: String? = nil) {
            self.type = type
        }
    }
}
