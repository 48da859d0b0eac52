/// The `options` part of a create-envelope request: everything except the files.
///
/// Keys are encoded in the API's snake_case and absent optionals are omitted, so an
/// `EnvelopeOptions` encodes to exactly the JSON object the Yoti documentation shows. The same
/// value serves both endpoints; which one it is sent to is an ``EnvelopeKind``.
///
/// ```swift
/// let options = EnvelopeOptions(
///     name: "NDA",
///     emails: Emails(invitationMessage: "Please sign the NDA."),
///     recipients: [Recipient(name: "Ada", email: "ada@example.com", role: "Signer 1", tags: tags)]
/// )
/// ```
public struct EnvelopeOptions: Sendable, Codable, Hashable {
    /// The envelope name, used as the email subject: 1–125 characters, none of `:*?<>|\`.
    public var name: String
    public var emails: Emails?
    public var sender: Sender?
    /// Turns on SMS one-time passcodes; every signer then needs `mobile_number` and
    /// `iso_country_code`.
    public var hasEnvelopeOTPs: Bool?
    public var autotagging: Autotagging?
    public var recipients: [Recipient]
    public var notifications: Notifications?
    public var branding: Branding?
    public var parentRedirectURLs: ParentRedirectURLs?

    public init(
        name: String, emails: Emails? = nil, sender: Sender? = nil, hasEnvelopeOTPs: Bool? = nil,
        autotagging: Autotagging? = nil, recipients: [Recipient], notifications: Notifications? = nil,
        branding: Branding? = nil, parentRedirectURLs: ParentRedirectURLs? = nil
    ) {
        self.name = name
        self.emails = emails
        self.sender = sender
        self.hasEnvelopeOTPs = hasEnvelopeOTPs
        self.autotagging = autotagging
        self.recipients = recipients
        self.notifications = notifications
        self.branding = branding
        self.parentRedirectURLs = parentRedirectURLs
    }

    enum CodingKeys: String, CodingKey {
        case name, emails, sender
        case hasEnvelopeOTPs = "has_envelope_otps"
        case autotagging, recipients, notifications, branding
        case parentRedirectURLs = "parent_redirect_urls"
    }
}
