import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small client for the Yoti Sign (eSignatures) API: create an envelope (standard or
/// embedded), read its details or status, archive it, and send a reminder.
///
/// Every create runs ``Preflight`` first and sends nothing if it finds a problem. Requests are
/// retried with exponential backoff and jitter where a repeat is safe (see ``RetryPolicy``): a
/// create or a send-reminder only when it cannot have reached Yoti, or on 429. Each attempt is
/// bounded by ``Configuration/timeout``. The API key goes only
/// into the `Authorization` header; it is never logged and never appears in an error.
///
/// Use ``withClient(apiKey:environment:configuration:_:)`` to have the client own (and shut
/// down) its `HTTPClient`, or pass your own `HTTPClient` to ``init(apiKey:environment:configuration:httpClient:)``.
///
/// ```swift
/// let created = try await YotiSignClient.withClient(apiKey: key, environment: .sandbox) { client in
///     try await client.createEnvelope(options, documents: uploads)
/// }
/// print(created.envelopeID)
/// ```
public struct YotiSignClient: Sendable {
    /// Per-client settings.
    public struct Configuration: Sendable {
        /// The limit for one attempt, from sending the request to the last byte of the answer.
        public var timeout: Duration
        public var retryPolicy: RetryPolicy
        /// Answers larger than this are refused. The API's answers are small JSON objects, except
        /// the completed documents' zip, which holds up to 20 MB of files and a coversheet.
        public var maximumResponseBytes: Int
        /// Called before each retry, with the attempt that failed, why, and the wait.
        public var onRetry: @Sendable (RetryEvent) -> Void

        public init(
            timeout: Duration = .seconds(120), retryPolicy: RetryPolicy = .standard,
            maximumResponseBytes: Int = 64 << 20, onRetry: @escaping @Sendable (RetryEvent) -> Void = { _ in }
        ) {
            self.timeout = timeout
            self.retryPolicy = retryPolicy
            self.maximumResponseBytes = maximumResponseBytes
            self.onRetry = onRetry
        }
    }

    /// A 2xx answer.
    public struct Response: Sendable, Hashable {
        public var status: Int
        public var headers: [EnvelopeRequest.Header]
        public var body: [UInt8]

        public init(status: Int, headers: [EnvelopeRequest.Header] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// Decodes the JSON body.
        /// - Throws: ``YotiSignError/invalidResponse(status:reason:)`` if it does not match `type`.
        public func decode<T: Decodable>(_ type: T.Type) throws -> T {
            do {
                return try YotiJSON.decode(type, from: body)
            } catch {
                let text = String(decoding: body.prefix(200), as: UTF8.self)
                throw YotiSignError.invalidResponse(status: status, reason: "expected \(T.self) JSON, got \"\(text)\"")
            }
        }
    }

    public let environment: Environment
    public let configuration: Configuration
    let apiKey: APIKey
    let httpClient: HTTPClient

    /// A client that uses `httpClient`, whose lifetime stays the caller's.
    public init(
        apiKey: APIKey, environment: Environment, configuration: Configuration = .init(),
        httpClient: HTTPClient = .shared
    ) {
        self.apiKey = apiKey
        self.environment = environment
        self.configuration = configuration
        self.httpClient = httpClient
    }

    /// Runs `body` with a client that owns an `HTTPClient` and shuts it down afterwards, whether
    /// `body` returns or throws.
    ///
    /// The owned `HTTPClient` refuses redirects (so the key is never sent to another host) and
    /// does not retry failed connection attempts itself, leaving that to the ``RetryPolicy``. An
    /// injected client keeps its own settings: `HTTPClient.shared`, for example, retries a refused
    /// connection until the attempt's timeout.
    public static func withClient<Result: Sendable>(
        apiKey: APIKey, environment: Environment, configuration: Configuration = .init(),
        _ body: (YotiSignClient) async throws -> Result
    ) async throws -> Result {
        var httpConfiguration = HTTPClient.Configuration()
        httpConfiguration.redirectConfiguration = .disallow
        httpConfiguration.timeout.connect = .seconds(15)
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
        let client = YotiSignClient(
            apiKey: apiKey, environment: environment, configuration: configuration, httpClient: httpClient
        )
        let result: Swift.Result<Result, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try? await httpClient.shutdown()
        return try result.get()
    }

    // MARK: - Endpoints

    /// Preflights and builds a create-envelope request without sending it (what `--dry-run`
    /// prints, and what ``send(_:)`` then sends).
    ///
    /// - Throws: ``YotiSignError/preflightFailed(_:)`` listing every problem, or
    ///   ``YotiSignError/invalidConfiguration(_:)``.
    public static func prepareEnvelope(
        _ options: EnvelopeOptions, documents: [DocumentUpload], kind: EnvelopeKind = .standard,
        environment: Environment, boundary: String = MultipartBody.randomBoundary()
    ) throws -> EnvelopeRequest {
        let problems = Preflight.check(options, documents: documents, kind: kind)
        guard problems.isEmpty else { throw YotiSignError.preflightFailed(problems) }
        return try EnvelopeRequest.createEnvelope(
            options, documents: documents, kind: kind, environment: environment, boundary: boundary
        )
    }

    /// Creates a standard envelope (Yoti emails the recipients): `POST /v2/envelopes`, 202.
    ///
    /// The create is sent at most once unless it cannot have reached Yoti; a lost answer is
    /// ``YotiSignError/outcomeUnknown(request:reason:attempts:)`` (look the envelope up with
    /// ``searchEnvelopes(_:)`` before creating it again).
    public func createEnvelope(_ options: EnvelopeOptions, documents: [DocumentUpload]) async throws -> EnvelopeCreated {
        let request = try Self.prepareEnvelope(options, documents: documents, kind: .standard, environment: environment)
        return try await create(request, EnvelopeCreated.self)
    }

    /// Creates an embedded envelope (you show the signing page): `POST /v2/embedded-envelopes`,
    /// 200 with a token per recipient. Sent at most once, as ``createEnvelope(_:documents:)``.
    public func createEmbeddedEnvelope(
        _ options: EnvelopeOptions, documents: [DocumentUpload]
    ) async throws -> EmbeddedEnvelopeCreated {
        let request = try Self.prepareEnvelope(options, documents: documents, kind: .embedded, environment: environment)
        return try await create(request, EmbeddedEnvelopeCreated.self)
    }

    /// Sends a prepared create request and reads its answer. A success whose body is not the
    /// documented JSON leaves the outcome unknown: Yoti (or something in front of it) accepted
    /// the request, and whether an envelope exists cannot be told from the answer.
    public func create<Answer: Decodable>(_ request: EnvelopeRequest, _ type: Answer.Type) async throws -> Answer {
        let response = try await send(request)
        do {
            return try response.decode(type)
        } catch YotiSignError.invalidResponse(let status, let reason) {
            throw YotiSignError.outcomeUnknown(
                request: request.summary, reason: "the \(status) answer could not be read (\(reason))", attempts: 1)
        }
    }

    /// `GET /v2/envelopes/{id}`: status and details.
    public func envelope(id: String) async throws -> Envelope {
        try await send(.getEnvelope(id: id, environment: environment)).decode(Envelope.self)
    }

    /// `GET /v2/envelopes/{id}/status`.
    public func status(ofEnvelope id: String) async throws -> Envelope {
        try await send(.envelopeStatus(id: id, environment: environment)).decode(Envelope.self)
    }

    /// `PATCH /v2/envelopes/{id}`: archives (cancels) an incomplete envelope; 204.
    public func archiveEnvelope(id: String) async throws {
        _ = try await send(.archiveEnvelope(id: id, environment: environment))
    }

    /// `POST /v2/envelopes/{id}/recipients/{recipient_id}/send-reminder`. Sent at most once
    /// unless it cannot have reached Yoti: a repeat would email the recipient twice.
    public func sendReminder(envelopeID: String, recipientID: String) async throws -> ReminderSent {
        let response = try await send(.sendReminder(envelopeID: envelopeID, recipientID: recipientID, environment: environment))
        if response.body.isEmpty { return ReminderSent(recipientID: recipientID) }
        return (try? response.decode(ReminderSent.self)) ?? ReminderSent(recipientID: recipientID)
    }

    /// The signed documents of a completed envelope: the zip of
    /// `GET /v2/envelopes/{id}/completed-documents` (the files, a coversheet, an XML signature and
    /// any attachments).
    ///
    /// - Throws: ``YotiSignError/notCompleted(status:unsigned:)`` before every recipient has
    ///   signed, naming who has not; the zip is only asked for after that check.
    public func completedDocuments(envelopeID: String) async throws -> [UInt8] {
        let envelope = try await envelope(id: envelopeID)
        guard envelope.status.isComplete else {
            let unsigned = (envelope.details?.recipients ?? [])
                .filter { $0.type != "CC" && $0.signStatus?.uppercased() != "SIGNED" }
                .map { [$0.name, $0.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ") }
                .filter { !$0.isEmpty }
            throw YotiSignError.notCompleted(status: envelope.status, unsigned: unsigned)
        }
        let response = try await send(.completedDocuments(id: envelopeID, environment: environment))
        return response.body
    }

    /// `GET /v2/organisations/envelopes/search`: the organisation's envelopes by date and status,
    /// one page.
    public func searchEnvelopes(_ query: EnvelopeSearchQuery = .init()) async throws -> EnvelopeSearchResults {
        try await send(.searchEnvelopes(query, environment: environment)).decode(EnvelopeSearchResults.self)
    }

    /// Every page of a search, up to `maximumPages` pages of `pageSize`.
    ///
    /// The docs give `offset` a default of 1 and do not say whether it counts pages or
    /// envelopes; it is sent as the page number, and a page that adds no new envelope ends the
    /// walk either way.
    public func searchAllEnvelopes(
        _ query: EnvelopeSearchQuery = .init(), pageSize: Int = 100, maximumPages: Int = 20
    ) async throws -> [EnvelopeSummary] {
        var all: [EnvelopeSummary] = []
        var seen: Set<String> = []
        var query = query
        query.limit = pageSize
        for page in 1...max(1, maximumPages) {
            query.offset = page
            let results = try await searchEnvelopes(query)
            let fresh = results.envelopes.filter { seen.insert($0.envelopeID).inserted }
            all += fresh
            if fresh.isEmpty || results.envelopes.count < pageSize { break }
            if let total = results.total, all.count >= total { break }
        }
        return all
    }

    /// `POST /v2/organisations/envelopes/find`: the summaries of the given envelopes.
    public func findEnvelopes(ids: [String]) async throws -> [EnvelopeSummary] {
        try await send(.findEnvelopes(ids: ids, environment: environment)).decode(EnvelopeSearchResults.self).envelopes
    }

    // MARK: - Sending

    /// Sends `request` with the bearer key, retrying per the policy, and returns a 2xx answer.
    ///
    /// A request that is not idempotent is repeated only when the failure shows it cannot have
    /// reached Yoti (nothing of it was written) or Yoti refused it with 429. Otherwise a 5xx, a
    /// connection dropped after sending, or a timeout ends in
    /// ``YotiSignError/outcomeUnknown(request:reason:attempts:)``.
    ///
    /// - Throws: a ``YotiSignError`` for any other outcome, or `CancellationError`.
    public func send(_ request: EnvelopeRequest) async throws -> Response {
        let policy = configuration.retryPolicy
        let idempotent = request.isIdempotent
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let outcome: Attempt
            // Why this attempt failed and how long to wait, when another is worth making.
            var retry: (reason: String, wait: Duration)?
            do {
                outcome = try await attemptOnce(request)
            } catch let failure as TransportFailure {
                switch failure {
                case .timedOut:
                    if idempotent { throw YotiSignError.timedOut(after: configuration.timeout, attempts: attempt) }
                    throw YotiSignError.outcomeUnknown(
                        request: request.summary,
                        reason: "no answer came within \(configuration.timeout.formattedSeconds)", attempts: attempt)
                case .misconfigured(let reason):
                    throw YotiSignError.invalidConfiguration(apiKey.redact(reason))
                case .notSent(let reason):
                    let reason = apiKey.redact(reason)
                    guard attempt < policy.maximumAttempts else {
                        throw YotiSignError.connectionFailed(reason: reason, attempts: attempt)
                    }
                    retry = ("\(reason), before the request was sent", policy.delay(beforeRetry: attempt))
                case .dropped(let reason):
                    let reason = apiKey.redact(reason)
                    guard idempotent else {
                        throw YotiSignError.outcomeUnknown(
                            request: request.summary, reason: "the connection was lost after the request was sent (\(reason))",
                            attempts: attempt)
                    }
                    guard attempt < policy.maximumAttempts else {
                        throw YotiSignError.connectionFailed(reason: reason, attempts: attempt)
                    }
                    retry = ("\(reason), after the request was sent", policy.delay(beforeRetry: attempt))
                case .responseTooLarge(let status):
                    let reason = "the answer is larger than \(configuration.maximumResponseBytes) bytes"
                    if !idempotent && (200...299).contains(status) || !idempotent && status >= 500 {
                        throw YotiSignError.outcomeUnknown(request: request.summary, reason: "\(status): \(reason)", attempts: attempt)
                    }
                    throw YotiSignError.invalidResponse(status: status, reason: reason)
                }
                try await wait(retry, after: attempt, of: request)
                attempt += 1
                continue
            }
            let response = outcome.response
            if (200...299).contains(response.status) {
                return response
            }
            let message = serverMessage(response.body)
            if RetryPolicy.isRetryable(status: response.status, idempotent: idempotent) && attempt < policy.maximumAttempts {
                let reason = "\(response.status)" + (message.map { ": \($0)" } ?? "")
                try await wait((reason, policy.delay(beforeRetry: attempt, retryAfter: outcome.retryAfter)), after: attempt, of: request)
                attempt += 1
                continue
            }
            if !idempotent && (500...599).contains(response.status) {
                throw YotiSignError.outcomeUnknown(
                    request: request.summary,
                    reason: "Yoti Sign answered \(response.status)" + (message.map { " (\($0.prefix(200)))" } ?? ""),
                    attempts: attempt)
            }
            throw YotiSignError.from(status: response.status, message: message, attempts: attempt)
        }
    }

    /// Reports the coming retry and sleeps before it.
    private func wait(_ retry: (reason: String, wait: Duration)?, after attempt: Int, of request: EnvelopeRequest) async throws {
        guard let retry else { return }
        let policy = configuration.retryPolicy
        configuration.onRetry(
            RetryEvent(
                request: request.summary, attempt: attempt, maximumAttempts: policy.maximumAttempts, reason: retry.reason,
                wait: retry.wait))
        try await policy.sleep(retry.wait)
    }

    /// One answer plus its `Retry-After`, if any.
    private struct Attempt: Sendable {
        var response: Response
        var retryAfter: Duration?
    }

    /// Why an attempt produced no answer.
    private enum TransportFailure: Error {
        case timedOut
        /// Nothing of the request was written: it cannot have reached Yoti.
        case notSent(String)
        /// The connection failed after (some of) the request was written.
        case dropped(String)
        case misconfigured(String)
        case responseTooLarge(status: Int)
    }

    /// One try, bounded by the timeout from the first byte sent to the last byte received.
    ///
    /// The attempt returns when the timer fires even if the request is slow to notice its
    /// cancellation: a task group would wait for it (seen on a loaded machine: 8 s for a 300 ms
    /// timeout). The abandoned request is cancelled and ends by AHC's own deadline at the latest.
    private func attemptOnce(_ request: EnvelopeRequest) async throws -> Attempt {
        let timeout = configuration.timeout
        let outcome = FirstOutcome<Attempt>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.install(continuation)
                let work = Task { [self] in
                    do { outcome.resume(with: .success(try await perform(request))) } catch { outcome.resume(with: .failure(error)) }
                }
                outcome.onFinish { work.cancel() }
                let timer = Task {
                    try? await Task.sleep(for: timeout)
                    outcome.resume(with: .failure(TransportFailure.timedOut))
                }
                outcome.onFinish { timer.cancel() }
            }
        } onCancel: {
            outcome.resume(with: .failure(CancellationError()))
        }
    }

    private func perform(_ request: EnvelopeRequest) async throws -> Attempt {
        var headers = HTTPHeaders()
        for header in request.headers {
            headers.add(name: header.name, value: header.value)
        }
        headers.replaceOrAdd(name: "Authorization", value: apiKey.bearer)
        let outgoing: HTTPClient.Request
        do {
            outgoing = try HTTPClient.Request(
                url: request.url, method: HTTPMethod(rawValue: request.method), headers: headers,
                body: request.body.map { .bytes($0) })
        } catch {
            throw TransportFailure.misconfigured("The request could not be made: \(error)")
        }
        let delegate = AttemptDelegate(maximumBytes: configuration.maximumResponseBytes)
        // AHC's own deadline is a backstop; `attemptOnce` enforces the real limit.
        let deadline = NIODeadline.now() + .nanoseconds(configuration.timeout.nanoseconds) + .seconds(1)
        let task = httpClient.execute(request: outgoing, delegate: delegate, deadline: deadline)
        do {
            let answer = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            let retryAfter = answer.headers.first { $0.name.lowercased() == "retry-after" }
                .flatMap { RetryPolicy.retryAfter($0.value, now: configuration.retryPolicy.now()) }
            return Attempt(
                response: Response(
                    status: answer.status, headers: answer.headers.map { EnvelopeRequest.Header($0.name, $0.value) },
                    body: answer.body),
                retryAfter: retryAfter
            )
        } catch let tooLarge as AttemptDelegate.TooLarge {
            throw TransportFailure.responseTooLarge(status: tooLarge.status)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError {
            throw Self.classify(error, sent: delegate.requestWasSent)
        } catch {
            let reason = Self.describe(error)
            throw delegate.requestWasSent ? TransportFailure.dropped(reason) : TransportFailure.notSent(reason)
        }
    }

    /// Sorts AHC's errors into timeouts, configuration mistakes and connection failures, the
    /// last split by whether the request had been written.
    private static func classify(_ error: HTTPClientError, sent: Bool) -> any Error {
        switch error {
        case .deadlineExceeded, .readTimeout:
            return TransportFailure.timedOut
        case .cancelled:
            return CancellationError()
        case .remoteConnectionClosed, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout,
            .getConnectionFromPoolTimeout, .uncleanShutdown, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
            let reason = describe(error)
            return sent ? TransportFailure.dropped(reason) : TransportFailure.notSent(reason)
        default:
            return TransportFailure.misconfigured("The request could not be made: \(error)")
        }
    }

    /// A transport error in a few words: `connection refused`, `remote connection closed`.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        let lower = text.lowercased()
        for (needle, words) in [
            ("connection refused", "connection refused"), ("econnrefused", "connection refused"),
            ("remoteconnectionclosed", "the server closed the connection"), ("connecttimeout", "connect timed out"),
            ("tlshandshaketimeout", "TLS handshake timed out"), ("dns", "the host name could not be resolved"),
            ("connection reset", "connection reset"),
        ] where lower.contains(needle) {
            return words
        }
        return text
    }

    /// The server's explanation: a JSON `message` (or `error`, `errors`, `detail`), else the
    /// body's text; trimmed, at most 1000 characters, with the key redacted.
    func serverMessage(_ body: [UInt8]) -> String? {
        var message: String?
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            for key in ["message", "error", "detail", "errors", "error_message"] {
                guard let value = object[key] else { continue }
                if let text = value as? String {
                    message = text
                } else if JSONSerialization.isValidJSONObject(value),
                    let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
                {
                    message = String(decoding: data, as: UTF8.self)
                } else {
                    message = String(describing: value)
                }
                break
            }
        }
        if message == nil {
            message = String(decoding: body, as: UTF8.self)
        }
        guard var text = message?.trimmingWhitespace(), !text.isEmpty else { return nil }
        if text.count > 1000 { text = String(text.prefix(1000)) + "…" }
        return apiKey.redact(text)
    }
}
