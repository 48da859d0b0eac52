/// The body of the `envelope_ready` webhook (and its alias `envelope_created`): the envelope is
/// sealed, with each recipient's signing token. The docs spell the recipients' keys `Token` and
/// `Email`, capitalised; the lower-case forms are read too.
public struct EnvelopeReadyNotification: Sendable, Codable, Hashable {
    public var envelopeID: String
    public var event: WebhookEvent
    public var recipients: [EmbeddedEnvelopeCreated.RecipientToken]
    public var envelopeName: String?

    public init(
        envelopeID: String, event: WebhookEvent = .envelopeReady, recipients: [EmbeddedEnvelopeCreated.RecipientToken],
        envelopeName: String? = nil
    ) {
        self.envelopeID = envelopeID
        self.event = event
        self.recipients = recipients
        self.envelopeName = envelopeName
    }

    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id"
        case event = "subscription_name"
        case recipients
        case envelopeName = "envelope_name"
    }

    private enum RecipientKeys: String, CodingKey {
        case token = "Token", email = "Email", lowerToken = "token", lowerEmail = "email"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        envelopeID = try c.decode(String.self, forKey: .envelopeID)
        event = try c.decode(WebhookEvent.self, forKey: .event)
        envelopeName = try c.decodeIfPresent(String.self, forKey: .envelopeName)
        var list = try c.nestedUnkeyedContainer(forKey: .recipients)
        var recipients: [EmbeddedEnvelopeCreated.RecipientToken] = []
        while !list.isAtEnd {
            let r = try list.nestedContainer(keyedBy: RecipientKeys.self)
            let token = try r.decodeIfPresent(String.self, forKey: .token) ?? r.decode(String.self, forKey: .lowerToken)
            let email = try r.decodeIfPresent(String.self, forKey: .email) ?? r.decode(String.self, forKey: .lowerEmail)
            recipients.append(.init(token: token, email: email))
        }
        self.recipients = recipients
    }
}
