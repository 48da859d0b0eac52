/// An email or SMS that Yoti sends to a recipient or to the sender.
public enum EventNotification: String, Sendable, Codable, Hashable, CaseIterable {
    case signerInvitation = "signer_invitation"
    /// Needs `signer_invitation` too, plus `mobile_number` and `iso_country_code`. Not for
    /// embedded envelopes.
    case signerInvitationSMS = "signer_invitation_sms"
    case envelopeCompletion = "envelope_completion"
}
