/// The answer to `POST /v2/envelopes/{id}/recipients/{recipient_id}/send-reminder`.
public struct ReminderSent: Sendable, Codable, Hashable {
    public var recipientID: String?

    public init(recipientID: String?) {
        self.recipientID = recipientID
    }

    enum CodingKeys: String, CodingKey {
        case recipientID = "recipient_id"
    }
}
