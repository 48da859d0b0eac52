import Foundation
import Testing
import YotiLoopback

@testable import YotiSign
@testable import YotiSignModels

/// The client against a real HTTP server on 127.0.0.1, scripted per test.
@Suite("Client against a loopback server", .timeLimit(.minutes(1)))
struct ClientTests {
    static let created = #"{"envelope_id":"3f1e0c5a-1111-4222-8333-944455556666"}"#

    /// Runs `body` with a server playing `script` and a client pointed at it.
    func withServer<T: Sendable>(
        _ script: [LoopbackServer.Action], timeout: Duration = .seconds(5), sleeps: SleepRecorder = SleepRecorder(),
        _ body: (LoopbackServer, YotiSignClient) async throws -> T
    ) async throws -> T {
        try await LoopbackServer.with(expectedKey: Fixtures.key, script: script) { server in
            let configuration = YotiSignClient.Configuration(timeout: timeout, retryPolicy: sleeps.policy())
            return try await YotiSignClient.withClient(
                apiKey: APIKey(Fixtures.key), environment: .custom(server.baseURL), configuration: configuration
            ) { client in
                try await body(server, client)
            }
        }
    }

    /// Runs `operation`, which must throw a ``YotiSignError``, and returns it.
    func yotiError(_ operation: () async throws -> Void) async -> YotiSignError? {
        do {
            try await operation()
            return nil
        } catch {
            return error as? YotiSignError
        }
    }

    @Test("202: the envelope is created from a documented multipart request")
    func created202() async throws {
        try await withServer([.respond(status: 202, body: Self.created)]) { server, client in
            let result = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda])
            #expect(result.envelopeID == "3f1e0c5a-1111-4222-8333-944455556666")
            #expect(server.rejections == [])
            let request = try #require(server.requests.first)
            #expect(server.requests.count == 1)
            #expect(request.method == "POST" && request.uri == "/v2/envelopes")
            #expect(request.header("Authorization") == "Bearer \(Fixtures.key)")
            #expect(request.header("Accept") == "application/json")
            let boundary = try MultipartParser.boundary(fromContentType: request.header("Content-Type") ?? "")
            let parts = try MultipartParser.parse(request.body, boundary: boundary)
            #expect(parts.map(\.name) == ["file", "options"])
            #expect(parts[0].fileName == "nda.pdf" && parts[0].contentType == "application/pdf")
            #expect(parts[0].bytes == Fixtures.pdfBytes)
            #expect(parts[0].headers["content-disposition"] == #"form-data; name="file"; filename="nda.pdf""#)
            #expect(parts[1].contentType == "application/json")
            #expect(try YotiJSON.decode(EnvelopeOptions.self, from: parts[1].bytes) == Fixtures.options)
        }
    }

    @Test("422: a typed error carrying the server's message, not retried")
    func validationFailed422() async throws {
        let sleeps = SleepRecorder()
        try await withServer(
            [.respond(status: 422, body: #"{"message":"recipients[0].email must be a valid email"}"#)], sleeps: sleeps
        ) { server, client in
            let error = await yotiError { _ = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda]) }
            #expect(error == .validationFailed(message: "recipients[0].email must be a valid email"))
            #expect(error?.description.contains("422") == true)
            #expect(server.requests.count == 1)
            #expect(sleeps.delays.isEmpty)
        }
    }

    @Test(
        "4xx answers become typed errors and are never retried",
        arguments: [
            (400, YotiSignError.badRequest(message: "id is not a UUID")),
            (401, .unauthorized(message: "id is not a UUID")),
            (403, .forbidden(message: "id is not a UUID")),
            (404, .notFound(message: "id is not a UUID")),
            (413, .payloadTooLarge(message: "id is not a UUID")),
            (409, .unexpectedStatus(status: 409, message: "id is not a UUID")),
        ]
    )
    func clientErrors(_ status: Int, _ expected: YotiSignError) async throws {
        try await withServer([.respond(status: status, body: #"{"message":"id is not a UUID"}"#)]) { server, client in
            let error = await yotiError { _ = try await client.envelope(id: "not-a-uuid") }
            #expect(error == expected)
            #expect(error?.status == status)
            #expect(server.requests.count == 1)
        }
    }

    @Test("429 then 202: a create is retried once after the back-off (429 means it was refused)")
    func rateLimitedThenCreated() async throws {
        let sleeps = SleepRecorder()
        try await withServer(
            [.respond(status: 429, body: #"{"message":"slow down"}"#), .created],
            sleeps: sleeps
        ) { server, client in
            let result = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda])
            #expect(result.envelopeID == "env-1")
            #expect(server.stored.count == 1)
            #expect(server.requests.count == 2)
            #expect(server.requests[0].body == server.requests[1].body)
            #expect(sleeps.delays == [.milliseconds(5)])
        }
    }

    @Test("429 with Retry-After in seconds waits what the server asks, within the cap")
    func retryAfterHeader() async throws {
        let sleeps = SleepRecorder()
        try await withServer(
            [.respond(status: 429, headers: ["Retry-After": "3"]), .created], sleeps: sleeps
        ) { server, client in
            _ = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda])
            #expect(sleeps.delays == [.milliseconds(50)])
            #expect(server.stored.count == 1)
        }
    }

    @Test("429 with an HTTP-date Retry-After waits until that date")
    func retryAfterDate() async throws {
        let sleeps = SleepRecorder(sleepsForReal: false)
        let now = Date(timeIntervalSince1970: 1_792_567_680)  // Wed, 21 Oct 2026 07:28:00 GMT
        try await LoopbackServer.with(
            expectedKey: Fixtures.key,
            script: [.respond(status: 429, headers: ["Retry-After": "Wed, 21 Oct 2026 07:28:03 GMT"]), .created]
        ) { server in
            let configuration = YotiSignClient.Configuration(
                timeout: .seconds(5), retryPolicy: sleeps.policy(maximumDelay: .seconds(30), now: { now }))
            _ = try await YotiSignClient.withClient(
                apiKey: APIKey(Fixtures.key), environment: .custom(server.baseURL), configuration: configuration
            ) { try await $0.createEnvelope(Fixtures.options, documents: [Fixtures.nda]) }
            #expect(sleeps.delays == [.seconds(3)])
            #expect(server.stored.count == 1)
        }
    }

    @Test("a GET that fails with 500 three times is retried (5, 10, 20 ms) and succeeds on the fourth attempt")
    func serverErrorsThenReadIsRetried() async throws {
        let sleeps = SleepRecorder()
        let failure = LoopbackServer.Action.respond(status: 500, body: #"{"message":"boom"}"#)
        try await withServer(
            [failure, failure, failure, .respond(status: 200, body: #"{"status":"ACTIVE"}"#)], sleeps: sleeps
        ) { server, client in
            let envelope = try await client.envelope(id: "e1")
            #expect(envelope.status == .active)
            #expect(server.requests.count == 4)
            #expect(sleeps.delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20)])
        }
    }

    @Test("a create answered 502 after the envelope was stored: not repeated, one envelope, outcome unknown")
    func serverErrorAfterStoreIsNotRetried() async throws {
        let sleeps = SleepRecorder()
        try await withServer([.store(then: .respond(status: 502, body: "Bad Gateway")), .created], sleeps: sleeps) { server, client in
            let error = await yotiError { _ = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda]) }
            guard case .outcomeUnknown(let request, let reason, 1) = error else {
                Issue.record("expected outcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(request == "POST /v2/envelopes")
            #expect(reason.contains("502"))
            #expect(error?.description.hasPrefix("the envelope may have been created: ") == true)
            #expect(server.stored.count == 1)
            #expect(server.requests.count == 1)
            #expect(sleeps.delays.isEmpty)
        }
    }

    @Test("5xx on every attempt of a GET: the last error, with the attempt count")
    func serverErrorsExhausted() async throws {
        let failure = LoopbackServer.Action.respond(status: 503, body: "Service Unavailable")
        try await withServer([failure, failure, failure, failure, failure]) { server, client in
            let error = await yotiError { _ = try await client.envelope(id: "e1") }
            #expect(error == .serverError(status: 503, message: "Service Unavailable", attempts: 4))
            #expect(server.requests.count == 4)
        }
    }

    @Test("a GET slower than the timeout: timed out, not retried")
    func slowRead() async throws {
        let sleeps = SleepRecorder()
        try await withServer(
            [.delay(.seconds(60), then: .respond(status: 200, body: #"{"status":"ACTIVE"}"#))], timeout: .seconds(2),
            sleeps: sleeps
        ) { server, client in
            let error = await yotiError { _ = try await client.envelope(id: "e1") }
            #expect(error == .timedOut(after: .seconds(2), attempts: 1))
            #expect(error?.description.contains("2 s") == true)
            // At most one: on a loaded machine the request may not have reached the server yet.
            #expect(server.requests.count <= 1)
            #expect(sleeps.delays.isEmpty)
        }
    }

    @Test("a create whose answer is slower than the timeout: outcome unknown, not retried, one envelope")
    func slowAnswer() async throws {
        let sleeps = SleepRecorder()
        let clock = ContinuousClock()
        try await withServer(
            [.store(then: .delay(.seconds(60), then: .respond(status: 202, body: Self.created))), .created],
            timeout: .seconds(5), sleeps: sleeps
        ) { server, client in
            // The answer would come after a minute; a client that waited for it would take that
            // long. The bound is loose on purpose: the whole suite runs in one process, and on a
            // 2-core machine other tests' work can hold the concurrency pool for seconds (10 s
            // was seen) before this task resumes.
            let start = clock.now
            let error = await yotiError { _ = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda]) }
            #expect(clock.now - start < .seconds(30), "the client waited for the slow answer")
            guard case .outcomeUnknown(_, let reason, 1) = error else {
                Issue.record("expected outcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("5 s"))
            #expect(server.requests.count == 1)
            #expect(server.stored.count == 1)
            #expect(sleeps.delays.isEmpty)
        }
    }

    @Test("a create whose connection drops after the body was sent: not repeated, one envelope")
    func droppedAfterBodyIsNotRetried() async throws {
        try await withServer([.store(then: .drop), .created]) { server, client in
            let error = await yotiError { _ = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda]) }
            guard case .outcomeUnknown(_, let reason, 1) = error else {
                Issue.record("expected outcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("after the request was sent"), "\(reason)")
            #expect(server.requests.count == 1)
            #expect(server.stored.count == 1)
        }
    }

    @Test("a GET whose connection drops is retried")
    func droppedReadIsRetried() async throws {
        try await withServer([.drop, .respond(status: 200, body: #"{"status":"ACTIVE"}"#)]) { server, client in
            _ = try await client.envelope(id: "e1")
            #expect(server.requests.count == 2)
        }
    }

    @Test("a GET whose connection drops on every attempt: connection failed after four attempts")
    func droppedEveryTime() async throws {
        try await withServer([.drop, .drop, .drop, .drop]) { server, client in
            let error = await yotiError { _ = try await client.envelope(id: "e1") }
            guard case .connectionFailed(_, let attempts) = error else {
                Issue.record("expected connectionFailed, got \(String(describing: error))")
                return
            }
            #expect(attempts == 4)
            #expect(server.requests.count == 4)
        }
    }

    @Test("nothing listening: a create is retried (it cannot have been sent), each retry reported, bounded")
    func connectionRefused() async throws {
        let server = try await LoopbackServer.start(script: [])
        let url = server.baseURL
        await server.shutdown()
        let sleeps = SleepRecorder()
        let events = Locked<[RetryEvent]>([])
        let configuration = YotiSignClient.Configuration(
            timeout: .seconds(5), retryPolicy: sleeps.policy(maximumAttempts: 3), onRetry: { event in events.update { $0.append(event) } })
        let error = await yotiError {
            try await YotiSignClient.withClient(apiKey: APIKey(Fixtures.key), environment: .custom(url), configuration: configuration) {
                _ = try await $0.createEnvelope(Fixtures.options, documents: [Fixtures.nda])
            }
        }
        guard case .connectionFailed(let reason, 3) = error else {
            Issue.record("expected connectionFailed after 3 attempts, got \(String(describing: error))")
            return
        }
        #expect(!reason.contains(Fixtures.key))
        #expect(sleeps.delays.count == 2)
        #expect(events.value.map(\.attempt) == [1, 2])
        #expect(events.value.allSatisfy { $0.request == "POST /v2/envelopes" && $0.reason.contains("before the request was sent") })
        #expect(events.value.first?.description.contains("attempt 1 of 3 failed") == true)
        #expect(events.value.map(\.wait) == sleeps.delays)
    }

    @Test("refused, then the server comes up: the create is retried and exactly one envelope is stored")
    func refusedThenUp() async throws {
        let probe = try await LoopbackServer.start(script: [])
        let port = probe.port
        await probe.shutdown()
        let started = Locked<LoopbackServer?>(nil)
        // The back-off is where the server comes up, on the port the first attempt was refused at.
        let policy = RetryPolicy(
            maximumAttempts: 3, baseDelay: .milliseconds(5), jitter: RetryPolicy.noJitter,
            sleep: { _ in
                guard started.value == nil else { return }
                let server = try await LoopbackServer.start(port: port, expectedKey: Fixtures.key, script: [.created])
                started.update { $0 = server }
            })
        let configuration = YotiSignClient.Configuration(timeout: .seconds(5), retryPolicy: policy)
        let created = try await YotiSignClient.withClient(
            apiKey: APIKey(Fixtures.key), environment: .custom("http://127.0.0.1:\(port)"), configuration: configuration
        ) { try await $0.createEnvelope(Fixtures.options, documents: [Fixtures.nda]) }
        let server = try #require(started.value)
        #expect(created.envelopeID == "env-1")
        #expect(server.stored.count == 1)
        #expect(server.requests.count == 1)
        await server.shutdown()
    }

    @Test("a TLS handshake that fails (https to a plain-HTTP port): nothing was sent, so a create is retried; no envelope")
    func tlsFailureIsRetried() async throws {
        let sleeps = SleepRecorder()
        try await LoopbackServer.with(expectedKey: Fixtures.key, script: [.created, .created]) { server in
            let configuration = YotiSignClient.Configuration(timeout: .seconds(10), retryPolicy: sleeps.policy(maximumAttempts: 2))
            let error = await yotiError {
                try await YotiSignClient.withClient(
                    apiKey: APIKey(Fixtures.key), environment: .custom("https://127.0.0.1:\(server.port)"), configuration: configuration
                ) { _ = try await $0.createEnvelope(Fixtures.options, documents: [Fixtures.nda]) }
            }
            guard case .connectionFailed(let reason, 2) = error else {
                Issue.record("expected connectionFailed after 2 attempts, got \(String(describing: error))")
                return
            }
            #expect(!reason.contains(Fixtures.key))
            #expect(sleeps.delays.count == 1)
            #expect(server.requests.isEmpty && server.stored.isEmpty)
        }
    }

    @Test("preflight problems stop the request before it is sent")
    func preflightStopsTheRequest() async throws {
        var options = Fixtures.options
        options.recipients[0].tags?[0].x = 0.99
        try await withServer([.respond(status: 202, body: Self.created)]) { server, client in
            let error = await yotiError { _ = try await client.createEnvelope(options, documents: [Fixtures.nda]) }
            guard case .preflightFailed(let problems) = error else {
                Issue.record("expected preflightFailed, got \(String(describing: error))")
                return
            }
            #expect(problems.map(\.code) == [.tagPositionOutOfRange])
            #expect(server.requests.isEmpty)
        }
    }

    @Test("the key never appears in an error, even when the server echoes it")
    func keyNeverInErrors() async throws {
        try await withServer([.respond(status: 401, body: #"{"message":"bad token \#(Fixtures.key)"}"#)]) { _, client in
            let error = await yotiError { _ = try await client.envelope(id: "e1") }
            #expect(error == .unauthorized(message: "bad token <redacted>"))
            #expect(error?.description.contains(Fixtures.key) == false)
            #expect(String(reflecting: error).contains(Fixtures.key) == false)
        }
    }

    @Test("embedded: 200 with a token per recipient")
    func embedded() async throws {
        let answer = #"{"envelope_id":"e9","recipients":[{"token":"tok-1","email":"ada@example.com"}]}"#
        var options = Fixtures.options
        options.emails = nil
        options.recipients[0].eventNotifications = []
        try await withServer([.respond(status: 200, body: answer)]) { server, client in
            let result = try await client.createEmbeddedEnvelope(options, documents: [Fixtures.nda])
            #expect(result.recipients == [.init(token: "tok-1", email: "ada@example.com")])
            #expect(server.requests.first?.uri == "/v2/embedded-envelopes")
            #expect(server.rejections == [])
        }
    }

    @Test("get envelope, status, archive and send reminder use the documented methods and paths")
    func otherEndpoints() async throws {
        let script: [LoopbackServer.Action] = [
            .respond(status: 200, body: #"{"status":"ACTIVE","details":{"recipients":[{"id":"r1","sign_status":"UNSIGNED"}]}}"#),
            .respond(status: 200, body: #"{"status":"COMPLETED"}"#),
            .respond(status: 204),
            .respond(status: 200, body: #"{"recipient_id":"r1"}"#),
        ]
        try await withServer(script) { server, client in
            let envelope = try await client.envelope(id: "e1")
            #expect(envelope.status == .active && envelope.details?.recipients?.first?.id == "r1")
            #expect(try await client.status(ofEnvelope: "e1").status.isComplete)
            try await client.archiveEnvelope(id: "e1")
            #expect(try await client.sendReminder(envelopeID: "e1", recipientID: "r1").recipientID == "r1")
            #expect(
                server.requests.map { "\($0.method) \($0.uri)" } == [
                    "GET /v2/envelopes/e1", "GET /v2/envelopes/e1/status", "PATCH /v2/envelopes/e1",
                    "POST /v2/envelopes/e1/recipients/r1/send-reminder",
                ]
            )
            #expect(server.requests.allSatisfy { $0.header("Authorization") == "Bearer \(Fixtures.key)" })
        }
    }

    @Test("a create answered 2xx with an HTML body: outcome unknown, not repeated, one envelope")
    func invalidBody() async throws {
        try await withServer([.store(then: .respond(status: 202, body: "<html>ok</html>")), .created]) { server, client in
            let error = await yotiError { _ = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda]) }
            guard case .outcomeUnknown(_, let reason, _) = error else {
                Issue.record("expected outcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("202"))
            #expect(server.stored.count == 1)
            #expect(server.requests.count == 1)
        }
    }

    @Test("a GET answered 2xx with a body that is not the documented JSON is an invalid response")
    func invalidReadBody() async throws {
        try await withServer([.respond(status: 200, body: "<html>ok</html>")]) { _, client in
            let error = await yotiError { _ = try await client.envelope(id: "e1") }
            guard case .invalidResponse(200, _) = error else {
                Issue.record("expected invalidResponse, got \(String(describing: error))")
                return
            }
        }
    }

    @Test("the --dry-run bytes, sent as they are with the key filled in, are accepted")
    func dryRunBytesAreAccepted() async throws {
        try await LoopbackServer.with(expectedKey: Fixtures.key, script: [.respond(status: 202, body: Self.created)]) { server in
            let request = try YotiSignClient.prepareEnvelope(
                Fixtures.options, documents: [Fixtures.nda], environment: .custom(server.baseURL)
            )
            let printed = request.serialized()
            #expect(!String(decoding: printed, as: UTF8.self).contains(Fixtures.key))
            let answer = try await RawHTTPClient.send(request.serialized(authorization: .key(APIKey(Fixtures.key))), toPort: server.port)
            #expect(answer.hasPrefix("HTTP/1.1 202"), "\(answer)")
            #expect(server.rejections == [])
        }
    }

    @Test("the shared HTTPClient can be injected instead of an owned one")
    func injectedClient() async throws {
        try await LoopbackServer.with(expectedKey: Fixtures.key, script: [.respond(status: 202, body: Self.created)]) { server in
            let client = YotiSignClient(apiKey: APIKey(Fixtures.key), environment: .custom(server.baseURL), httpClient: .shared)
            _ = try await client.createEnvelope(Fixtures.options, documents: [Fixtures.nda])
            #expect(server.requests.count == 1)
        }
    }
}
