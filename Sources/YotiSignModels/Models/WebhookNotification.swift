/// One webhook notification Yoti posts to `notifications.destination`, decoded by its
/// `subscription_name`.
///
/// The docs show payloads for `envelope_completion`, `signer_completion`, `envelope_ready` and
/// `upload_errors`; those are typed. The others (`sign_offline_upload_errors`, the `idv_*`
/// events) have no documented body and arrive as ``other(event:envelopeID:body:)`` with the JSON
/// as it came. Yoti documents no signature on webhooks, so nothing here can prove a payload came
/// from Yoti: check the envelope with `YotiSignClient.envelope(id:)` (in YotiSign) before acting on one.
///
/// ```swift
/// switch try WebhookNotification.decode(body) {
/// case .envelopeCompletion(let done): print(done.envelopeID, done.details?.files ?? [])
/// default: break
/// }
/// ```
public enum WebhookNotification: Sendable, Hashable {
    case envelopeCompletion(EnvelopeStateNotification)
    case signerCompletion(EnvelopeStateNotification)
    /// `envelope_ready` or its alias `envelope_created` (``EnvelopeReadyNotification/event``).
    case envelopeReady(EnvelopeReadyNotification)
    case uploadErrors(EnvelopeStateNotification)
    /// An event whose body the docs do not show, or a name they do not list.
    case other(event: String, envelopeID: String?, body: JSONValue)

    /// The `subscription_name`.
    public var event: String {
        switch self {
        case .envelopeCompletion: WebhookEvent.envelopeCompletion.rawValue
        case .signerCompletion: WebhookEvent.signerCompletion.rawValue
        case .envelopeReady(let ready): ready.event.rawValue
        case .uploadErrors: WebhookEvent.uploadErrors.rawValue
        case .other(let event, _, _): event
        }
    }

    public var envelopeID: String? {
        switch self {
        case .envelopeCompletion(let state), .signerCompletion(let state), .uploadErrors(let state): state.envelopeID
        case .envelopeReady(let ready): ready.envelopeID
        case .other(_, let id, _): id
        }
    }

    /// Reads a notification's JSON body.
    /// - Throws: ``YotiSignError/invalidWebhook(reason:)`` when it is not a JSON object with a
    ///   `subscription_name`, or a documented event's body does not have its documented shape.
    public static func decode(_ bytes: [UInt8]) throws -> WebhookNotification {
        let body: JSONValue
        do {
            body = try YotiJSON.decode(JSONValue.self, from: bytes)
        } catch {
            throw YotiSignError.invalidWebhook(reason: "the webhook body is not JSON")
        }
        guard case .object(let object) = body, case .string(let name)? = object["subscription_name"] else {
            throw YotiSignError.invalidWebhook(reason: "the webhook body has no subscription_name")
        }
        let envelopeID: String? = if case .string(let id)? = object["envelope_id"] { id } else { nil }
        func typed<T: Decodable>(_ type: T.Type) throws -> T {
            do {
                return try YotiJSON.decode(type, from: bytes)
            } catch {
                throw YotiSignError.invalidWebhook(reason: "the \(name) webhook does not have the documented shape: \(error)")
            }
        }
        switch WebhookEvent(rawValue: name) {
        case .envelopeCompletion: return .envelopeCompletion(try typed(EnvelopeStateNotification.self))
        case .signerCompletion: return .signerCompletion(try typed(EnvelopeStateNotification.self))
        case .uploadErrors: return .uploadErrors(try typed(EnvelopeStateNotification.self))
        case .envelopeReady, .envelopeCreated: return .envelopeReady(try typed(EnvelopeReadyNotification.self))
        default: return .other(event: name, envelopeID: envelopeID, body: body)
        }
    }
}
