/// The answer to an embedded create-envelope request:
/// `200 {"envelope_id": …, "recipients": [{"token": …, "email": …}]}`.
///
/// Show a recipient's signing page with `Environment.embeddedSigningURL(token:)` (in YotiSign).
public struct EmbeddedEnvelopeCreated: Sendable, Codable, Hashable {
    public var envelopeID: String
    public var recipients: [RecipientToken]

    public init(envelopeID: String, recipients: [RecipientToken]) {
        self.envelopeID = envelopeID
        self.recipients = recipients
    }

    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id"
        case recipients
    }

    /// One recipient's signing token.
    public struct RecipientToken: Sendable, Codable, Hashable {
        public var token: String
        public var email: String

        public init(token: String, email: String) {
            self.token = token
            self.email = email
        }
    }
}
