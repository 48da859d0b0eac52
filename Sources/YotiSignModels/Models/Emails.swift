/// `options.emails`: the invitation text, reply address, sender display name and reminders.
public struct Emails: Sendable, Codable, Hashable {
    public var invitation: Invitation?
    /// Where replies to the invitation go.
    public var replyTo: String?
    /// The sender's display name; none of `/\:*?<>|`.
    public var name: String?
    /// Reminder cadence. The full-request example in the docs nests it here.
    public var reminders: Reminders?

    public init(
        invitation: Invitation? = nil, replyTo: String? = nil, name: String? = nil,
        reminders: Reminders? = nil
    ) {
        self.invitation = invitation
        self.replyTo = replyTo
        self.name = name
        self.reminders = reminders
    }

    /// Emails carrying just an invitation message (and optionally reminders).
    public init(invitationMessage: String, reminders: Reminders? = nil) {
        self.init(invitation: Invitation(message: invitationMessage), reminders: reminders)
    }

    enum CodingKeys: String, CodingKey {
        case invitation
        case replyTo = "reply_to"
        case name, reminders
    }

    /// `emails.invitation`: `{"body": {"message": …}}`.
    public struct Invitation: Sendable, Codable, Hashable {
        public var body: Body

        public init(body: Body) {
            self.body = body
        }

        public init(message: String) {
            self.body = Body(message: message)
        }

        /// The invitation message is 1–600 characters.
        public struct Body: Sendable, Codable, Hashable {
            public var message: String

            public init(message: String) {
                self.message = message
            }
        }
    }
}
