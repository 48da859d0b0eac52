import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small client for the Yoti Sign (eSignatures) API: create an envelope (standard or
/// embedded), read its details or status, archive it, and send a reminder.
///
/// Every create runs ``Preflight`` first and sends nothing if it finds a problem. Requests are
/// retried with exponential backoff and jitter on 429, 5xx and connection failures (see
/// ``RetryPolicy``); each attempt is bounded by ``Configuration/timeout``. The API key goes only
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
        /// Answers larger than this are refused (the API's answers are small JSON objects).
        public var maximumResponseBytes: Int

        public init(
            timeout: Duration = .seconds(120), retryPolicy: RetryPolicy = .standard,
            maximumResponseBytes: Int = 4 << 20
        ) {
            self.timeout = timeout
            self.retryPolicy = retryPolicy
            self.maximumResponseBytes = maximumResponseBytes
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
    public func createEnvelope(_ options: EnvelopeOptions, documents: [DocumentUpload]) async throws -> EnvelopeCreated {
        let request = try Self.prepareEnvelope(options, documents: documents, kind: .standard, environment: environment)
        return try await send(request).decode(EnvelopeCreated.self)
    }

    /// Creates an embedded envelope (you show the signing page): `POST /v2/embedded-envelopes`,
    /// 200 with a token per recipient.
    public func createEmbeddedEnvelope(
        _ options: EnvelopeOptions, documents: [DocumentUpload]
    ) async throws -> EmbeddedEnvelopeCreated {
        let request = try Self.prepareEnvelope(options, documents: documents, kind: .embedded, environment: environment)
        return try await send(request).decode(EmbeddedEnvelopeCreated.self)
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

    /// `POST /v2/envelopes/{id}/recipients/{recipient_id}/send-reminder`.
    public func sendReminder(envelopeID: String, recipientID: String) async throws -> ReminderSent {
        let response = try await send(.sendReminder(envelopeID: envelopeID, recipientID: recipientID, environment: environment))
        if response.body.isEmpty { return ReminderSent(recipientID: recipientID) }
        return try response.decode(ReminderSent.self)
    }

    // MARK: - Sending

    /// Sends `request` with the bearer key, retrying per the policy, and returns a 2xx answer.
    ///
    /// - Throws: a ``YotiSignError`` for any other outcome, or `CancellationError`.
    public func send(_ request: EnvelopeRequest) async throws -> Response {
        let policy = configuration.retryPolicy
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let outcome: Attempt
            do {
                outcome = try await attemptOnce(request)
            } catch let failure as TransportFailure {
                switch failure {
                case .timedOut:
                    throw YotiSignError.timedOut(after: configuration.timeout, attempts: attempt)
                case .misconfigured(let reason):
                    throw YotiSignError.invalidConfiguration(apiKey.redact(reason))
                case .connection(let reason):
                    guard attempt < policy.maximumAttempts else {
                        throw YotiSignError.connectionFailed(reason: apiKey.redact(reason), attempts: attempt)
                    }
                    try await policy.sleep(policy.delay(beforeRetry: attempt))
                    attempt += 1
                    continue
                case .responseTooLarge(let status):
                    throw YotiSignError.invalidResponse(
                        status: status, reason: "the answer is larger than \(configuration.maximumResponseBytes) bytes"
                    )
                }
            }
            let response = outcome.response
            if (200...299).contains(response.status) {
                return response
            }
            if RetryPolicy.isRetryable(status: response.status) && attempt < policy.maximumAttempts {
                try await policy.sleep(policy.delay(beforeRetry: attempt, retryAfter: outcome.retryAfter))
                attempt += 1
                continue
            }
            throw YotiSignError.from(status: response.status, message: serverMessage(response.body), attempts: attempt)
        }
    }

    /// One answer plus its `Retry-After`, if any.
    private struct Attempt: Sendable {
        var response: Response
        var retryAfter: Duration?
    }

    /// Why an attempt produced no answer.
    private enum TransportFailure: Error {
        case timedOut
        case connection(String)
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
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        outgoing.headers.replaceOrAdd(name: "Authorization", value: apiKey.bearer)
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            // AHC's own deadline is a backstop; `attemptOnce` enforces the real limit.
            let deadline = NIODeadline.now() + .nanoseconds(configuration.timeout.nanoseconds) + .seconds(1)
            let response = try await httpClient.execute(outgoing, deadline: deadline)
            let status = Int(response.status.code)
            let bytes: ByteBuffer
            do {
                bytes = try await response.body.collect(upTo: configuration.maximumResponseBytes)
            } catch is NIOTooManyBytesError {
                throw TransportFailure.responseTooLarge(status: status)
            }
            let headers = response.headers.map { EnvelopeRequest.Header($0.name, $0.value) }
            let retryAfter = response.headers.first(name: "Retry-After")
                .flatMap { Int($0.trimmingWhitespace()) }
                .map { Duration.seconds($0) }
            return Attempt(
                response: Response(status: status, headers: headers, body: Array(buffer: bytes)),
                retryAfter: retryAfter
            )
        } catch let failure as TransportFailure {
            throw failure
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError {
            throw Self.classify(error)
        } catch {
            throw TransportFailure.connection(String(describing: error))
        }
    }

    /// Sorts AHC's errors into timeouts, configuration mistakes and (retryable) connection
    /// failures.
    private static func classify(_ error: HTTPClientError) -> any Error {
        switch error {
        case .deadlineExceeded, .readTimeout:
            return TransportFailure.timedOut
        case .cancelled:
            return CancellationError()
        case .remoteConnectionClosed, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout,
            .getConnectionFromPoolTimeout, .uncleanShutdown, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
            return TransportFailure.connection(String(describing: error))
        default:
            return TransportFailure.misconfigured("The request could not be made: \(error)")
        }
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
