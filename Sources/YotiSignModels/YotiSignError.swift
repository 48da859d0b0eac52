import Foundation

/// Everything that can go wrong talking to Yoti Sign, with the context to act on it.
///
/// HTTP failures carry the server's own message (from a JSON `message`/`error` field, or the
/// body's text). No case ever contains the API key: server text and transport errors are passed
/// through ``APIKey`` redaction before they are stored.
public enum YotiSignError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// Where the client reads the API key from; named in the message of a refused key.
    package static let apiKeyEnvironmentVariable = "YOTI_SIGN_API_KEY"

    /// The request broke documented rules; nothing was sent.
    case preflightFailed([PreflightProblem])
    /// 400: a malformed request (for example an id that is not a UUID).
    case badRequest(message: String?)
    /// 401: the key is missing, wrong, or for the other environment.
    case unauthorized(message: String?)
    /// 403: the key may not act on this envelope.
    case forbidden(message: String?)
    /// 404: no such envelope or recipient.
    case notFound(message: String?)
    /// 413: the files exceed the 20 MB limit.
    case payloadTooLarge(message: String?)
    /// 422: the request did not pass the API's validation.
    case validationFailed(message: String?)
    /// 429 on every attempt.
    case rateLimited(message: String?, attempts: Int)
    /// 5xx on every attempt.
    case serverError(status: Int, message: String?, attempts: Int)
    /// Another status the API does not document for this call.
    case unexpectedStatus(status: Int, message: String?)
    /// No complete answer within the timeout, for a request that is safe to repeat (a create
    /// that times out is ``outcomeUnknown(request:reason:attempts:)``). Not retried.
    case timedOut(after: Duration, attempts: Int)
    /// The connection could not be made, on every attempt (or, for an idempotent request, was
    /// dropped).
    case connectionFailed(reason: String, attempts: Int)
    /// A success status whose body is not what the API documents.
    case invalidResponse(status: Int, reason: String)
    /// A request that is not idempotent (a create, a send-reminder) may have reached Yoti, but no
    /// usable answer came back: a 5xx, a connection dropped after the request was sent, a
    /// timeout, or a success whose body was not the documented JSON. It was not repeated, since a
    /// repeat could create a second envelope or send a second email. `request` is
    /// `POST /v2/envelopes`.
    case outcomeUnknown(request: String, reason: String, attempts: Int)
    /// The completed documents exist only once every recipient has signed.
    case notCompleted(status: EnvelopeStatus, unsigned: [String])
    /// A request that cannot be made as configured (bad base URL, missing key, unsupported file).
    case invalidConfiguration(String)
    /// A recipients file that cannot be read.
    case invalidRecipientsFile(String)
    /// A webhook body that is not a notification of the documented shape.
    case invalidWebhook(reason: String)
    /// The submissions ledger cannot be read or written.
    case ledgerFailed(path: String, reason: String)
    /// An earlier attempt at this very submission has an unknown outcome, and Yoti's search did
    /// not settle it; creating now could make a second envelope.
    case previousOutcomeUnknown(name: String, attemptedAt: String, ledger: String)

    /// The HTTP status this error came from, if any.
    public var status: Int? {
        switch self {
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .payloadTooLarge: 413
        case .validationFailed: 422
        case .rateLimited: 429
        case .serverError(let status, _, _), .unexpectedStatus(let status, _), .invalidResponse(let status, _): status
        default: nil
        }
    }

    /// The error for a non-2xx answer.
    package static func from(status: Int, message: String?, attempts: Int) -> YotiSignError {
        switch status {
        case 400: .badRequest(message: message)
        case 401: .unauthorized(message: message)
        case 403: .forbidden(message: message)
        case 404: .notFound(message: message)
        case 413: .payloadTooLarge(message: message)
        case 422: .validationFailed(message: message)
        case 429: .rateLimited(message: message, attempts: attempts)
        case 500...599: .serverError(status: status, message: message, attempts: attempts)
        default: .unexpectedStatus(status: status, message: message)
        }
    }

    public var description: String {
        func with(_ message: String?) -> String {
            guard let message, !message.isEmpty else { return "" }
            return ": \(message)"
        }
        func tries(_ attempts: Int) -> String {
            attempts == 1 ? "" : " (after \(attempts) attempts)"
        }
        switch self {
        case .preflightFailed(let problems):
            let lines = problems.map { "  - \($0)" }.joined(separator: "\n")
            return "The envelope was not sent: \(problems.count) problem\(problems.count == 1 ? "" : "s") found before sending:\n\(lines)"
        case .badRequest(let message):
            return "Yoti Sign rejected the request as malformed (400 Bad Request)\(with(message))"
        case .unauthorized(let message):
            return
                "Yoti Sign refused the API key (401 Unauthorized)\(with(message)). Check \(Self.apiKeyEnvironmentVariable) and that the key belongs to this environment (sandbox and production keys differ)."
        case .forbidden(let message):
            return "Yoti Sign refused access (403 Forbidden)\(with(message))"
        case .notFound(let message):
            return "Yoti Sign found no such envelope or recipient (404 Not Found)\(with(message))"
        case .payloadTooLarge(let message):
            return "Yoti Sign refused the files as too large (413; the combined limit is 20 MB)\(with(message))"
        case .validationFailed(let message):
            return "Yoti Sign rejected the envelope (422 Unprocessable Entity)\(with(message))"
        case .rateLimited(let message, let attempts):
            return "Yoti Sign is rate-limiting requests (429 Too Many Requests)\(tries(attempts))\(with(message))"
        case .serverError(let status, let message, let attempts):
            return "Yoti Sign had a server error (\(status))\(tries(attempts))\(with(message))"
        case .unexpectedStatus(let status, let message):
            return "Yoti Sign answered with unexpected status \(status)\(with(message))"
        case .timedOut(let after, let attempts):
            return "Yoti Sign did not answer within \(after.formattedSeconds)\(tries(attempts))."
        case .connectionFailed(let reason, let attempts):
            return "Could not reach Yoti Sign\(tries(attempts)): \(reason)"
        case .invalidResponse(let status, let reason):
            return "Yoti Sign answered \(status) with a body that could not be read: \(reason)"
        case .outcomeUnknown(let request, let reason, let attempts):
            let what = request.hasSuffix("/send-reminder") ? "the reminder may have been sent" : "the envelope may have been created"
            return
                "\(what): \(request) reached Yoti Sign or may have, but \(reason)\(tries(attempts)). It was not sent again, since a repeat could duplicate it."
        case .notCompleted(let status, let unsigned):
            var text = "The envelope is \(status), not complete: its signed documents can be downloaded once every recipient has signed"
            if !unsigned.isEmpty { text += " (still to sign: \(unsigned.joined(separator: ", ")))" }
            return text + "."
        case .invalidWebhook(let reason):
            return "The webhook notification could not be read: \(reason)"
        case .ledgerFailed(let path, let reason):
            return "The submissions ledger \(path) \(reason)"
        case .previousOutcomeUnknown(let name, let attemptedAt, let ledger):
            return
                "An earlier attempt at this submission (\"\(name)\", \(attemptedAt), recorded in \(ledger)) ended without an answer, and Yoti's envelope search shows no envelope of that name since then; the envelope may still have been created."
        case .invalidConfiguration(let reason):
            return reason
        case .invalidRecipientsFile(let reason):
            return "The recipients file is invalid: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}

extension Duration {
    /// `2.5 s`, `150 ms`.
    package var formattedSeconds: String {
        let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        let tenths = milliseconds / 100
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }
}
