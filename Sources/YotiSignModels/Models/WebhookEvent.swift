/// The event names `notifications.subscriptions` may list, as the docs spell them.
public enum WebhookEvent: String, Sendable, Codable, Hashable, CaseIterable {
    /// Everyone has signed.
    case envelopeCompletion = "envelope_completion"
    /// The envelope is sealed and ready; carries each recipient's token.
    case envelopeReady = "envelope_ready"
    /// An alias of `envelope_ready`; both may be subscribed and both are then sent.
    case envelopeCreated = "envelope_created"
    /// One signer has signed.
    case signerCompletion = "signer_completion"
    /// Creating the envelope failed (a file or tag error).
    case uploadErrors = "upload_errors"
    /// Uploading a document signed offline failed.
    case signOfflineUploadErrors = "sign_offline_upload_errors"
    case idvResourceUpdate = "idv_resource_update"
    case idvSessionCompletion = "idv_session_completion"
    case idvCheckCompletion = "idv_check_completion"
    case idvTaskCompletion = "idv_task_completion"
    case idvSessionLimitReached = "idv_session_limit_reached"
}
