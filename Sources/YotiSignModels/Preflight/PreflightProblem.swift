/// One reason the API would reject a create-envelope request, found before any network call.
///
/// `code` is stable and meant for programs; `message` is a sentence for people that names the
/// recipient, tag or file; `location` points into the options JSON (`recipients[1].tags[3]`) or
/// names a file.
public struct PreflightProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public var code: Code
    public var message: String
    public var location: String?

    public init(_ code: Code, _ message: String, at location: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `location: message [code]`.
    public var description: String {
        if let location { "\(location): \(message) [\(code.rawValue)]" } else { "\(message) [\(code.rawValue)]" }
    }

    /// Stable identifiers of the preflight rules. Never renamed once released.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        // Files.
        case noFiles = "no-files"
        case tooManyFiles = "too-many-files"
        case filesTooLarge = "files-too-large"
        case unsupportedFileType = "unsupported-file-type"
        case emptyFile = "empty-file"
        case fileNameInvalid = "file-name-invalid"
        case duplicateFileName = "duplicate-file-name"
        // Envelope options.
        case envelopeNameInvalid = "envelope-name-invalid"
        case invitationMessageMissing = "invitation-message-missing"
        case invitationMessageInvalid = "invitation-message-invalid"
        case senderNameInvalid = "sender-name-invalid"
        case replyToInvalid = "reply-to-invalid"
        case reminderFrequencyInvalid = "reminder-frequency-invalid"
        case senderNotificationInvalid = "sender-notification-invalid"
        case notificationDestinationInvalid = "notification-destination-invalid"
        case redirectURLInvalid = "redirect-url-invalid"
        case logoTooLarge = "logo-too-large"
        case webhookEventUnknown = "webhook-event-unknown"
        case autotaggingWithTags = "autotagging-with-tags"
        case autotaggingIndustryMismatch = "autotagging-industry-mismatch"
        // Recipients.
        case noRecipients = "no-recipients"
        case noSigners = "no-signers"
        case tooManySigners = "too-many-signers"
        case tooManyCC = "too-many-cc"
        case recipientNameInvalid = "recipient-name-invalid"
        case roleInvalid = "role-invalid"
        case emailInvalid = "email-invalid"
        case duplicateCCEmail = "duplicate-cc-email"
        case ccFieldsNotAllowed = "cc-fields-not-allowed"
        case signerWithoutFields = "signer-without-fields"
        case signGroupsNotSequential = "sign-groups-not-sequential"
        case eventNotificationsMissing = "event-notifications-missing"
        case eventNotificationsInvalid = "event-notifications-invalid"
        case mobileNumberMissing = "mobile-number-missing"
        case idvVerificationMissing = "idv-verification-missing"
        case activeForSecondsInvalid = "active-for-seconds-invalid"
        case excludedFileUnknown = "excluded-file-unknown"
        case witnessWithoutTags = "witness-without-tags"
        case ruleInvalid = "rule-invalid"
        // Tags.
        case tooManyTags = "too-many-tags"
        case tagFileUnknown = "tag-file-unknown"
        case tagFileExcluded = "tag-file-excluded"
        case tagPageOutOfRange = "tag-page-out-of-range"
        case tagPositionOutOfRange = "tag-position-out-of-range"
        case textFieldWidthMissing = "text-field-width-missing"
        case textFieldWidthInvalid = "text-field-width-invalid"
        case textFieldTooWide = "text-field-too-wide"
        case dateSignedOptional = "date-signed-optional"
        case tagNameInvalid = "tag-name-invalid"
        case duplicateTagName = "duplicate-tag-name"
        case tagGroupTooSmall = "tag-group-too-small"
        case tagGroupNameInvalid = "tag-group-name-invalid"
        case tagGroupMixed = "tag-group-mixed"
        case prefilledValueInvalid = "prefilled-value-invalid"
        case helpTextInvalid = "help-text-invalid"
        // Joining scanned tags to a recipients file.
        case unknownRole = "unknown-role"
        case duplicateRole = "duplicate-role"
    }
}
