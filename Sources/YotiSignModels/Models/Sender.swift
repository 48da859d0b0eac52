/// `options.sender`: which emails the envelope's sender receives.
public struct Sender: Sendable, Codable, Hashable {
    /// `[.envelopeCompletion]` or `[]`; an empty list stops the completion email to the sender.
    public var eventNotifications: [EventNotification]

    public init(eventNotifications: [EventNotification]) {
        self.eventNotifications = eventNotifications
    }

    enum CodingKeys: String, CodingKey {
        case eventNotifications = "event_notifications"
    }
}
