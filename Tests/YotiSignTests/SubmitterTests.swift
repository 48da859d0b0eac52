import Foundation
import Testing
import YotiLoopback

@testable import YotiSign
@testable import YotiSignModels

/// One envelope per submission, against a stand-in that stores what it receives: the ledger, the
/// lookup after a lost answer, and the refusal of a second envelope.
@Suite("Submitter and ledger against a loopback server", .timeLimit(.minutes(1)))
struct SubmitterTests {
    /// A ledger path in a fresh folder.
    static func ledger() throws -> SubmissionLedger {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return SubmissionLedger(path: folder.appendingPathComponent("ledger.jsonl").path)
    }

    /// Runs `body` with a server playing `script` and a submitter pointed at it.
    func withSubmitter<T: Sendable>(
        _ script: [LoopbackServer.Action], ledger: SubmissionLedger, timeout: Duration = .seconds(5), searchFailures: Int = 0,
        stored: [LoopbackServer.Stored] = [],
        _ body: (LoopbackServer, EnvelopeSubmitter, EnvelopeSubmitter.Submission) async throws -> T
    ) async throws -> T {
        try await LoopbackServer.with(expectedKey: Fixtures.key, script: script, searchFailures: searchFailures, stored: stored) { server in
            let configuration = YotiSignClient.Configuration(timeout: timeout, retryPolicy: SleepRecorder().policy())
            return try await YotiSignClient.withClient(
                apiKey: APIKey(Fixtures.key), environment: .custom(server.baseURL), configuration: configuration
            ) { client in
                let submission = try EnvelopeSubmitter.Submission(
                    options: Fixtures.options, documents: [Fixtures.nda], kind: .standard, environment: client.environment)
                return try await body(server, EnvelopeSubmitter(client: client, ledger: ledger), submission)
            }
        }
    }

    @Test("created: the ledger records pending then created; a re-run sends nothing and reports the envelope")
    func rerunReportsTheEnvelope() async throws {
        let ledger = try Self.ledger()
        try await withSubmitter([.created, .created], ledger: ledger) { server, submitter, submission in
            let first = try await submitter.submit(submission)
            #expect(first == SubmissionOutcome(envelopeID: "env-1", source: .created))
            let again = try await submitter.submit(submission)
            #expect(again == SubmissionOutcome(envelopeID: "env-1", source: .ledger))
            #expect(server.stored.count == 1)
            #expect(server.scriptedRequests.count == 1)
            let records = try ledger.records()
            #expect(records.map(\.outcome) == [.pending, .created])
            #expect(records.last?.envelopeID == "env-1" && records.last?.foundBy == "answer")
            #expect(records.allSatisfy { $0.key == submission.key && $0.name == "NDA for Acme" && $0.files == ["nda.pdf"] })
        }
    }

    @Test("--new-envelope creates a second one on purpose")
    func newEnvelopeOnPurpose() async throws {
        let ledger = try Self.ledger()
        try await withSubmitter([.created, .created], ledger: ledger) { server, submitter, submission in
            _ = try await submitter.submit(submission)
            let second = try await submitter.submit(submission, allowNewEnvelope: true)
            #expect(second.envelopeID == "env-2")
            #expect(server.stored.count == 2)
        }
    }

    @Test(
        "a lost answer is looked up at once: the search finds the one envelope the server stored",
        arguments: [
            ("502 after store", LoopbackServer.Action.store(then: .respond(status: 502, body: "Bad Gateway"))),
            ("drop after body", .store(then: .drop)),
            ("2xx HTML body", .store(then: .respond(status: 202, body: "<html>accepted</html>"))),
            ("timeout", .store(then: .delay(.seconds(30), then: .respond(status: 202, body: #"{"envelope_id":"late"}"#)))),
        ]
    )
    func lostAnswerIsFound(_ name: String, _ failure: LoopbackServer.Action) async throws {
        let ledger = try Self.ledger()
        // The timeout leaves time for the request to reach the stand-in on a loaded machine.
        try await withSubmitter([failure, .created], ledger: ledger, timeout: .seconds(5)) { server, submitter, submission in
            let outcome = try await submitter.submit(submission)
            #expect(outcome == SubmissionOutcome(envelopeID: "env-1", source: .search), "\(name)")
            #expect(server.stored.count == 1, "\(name)")
            #expect(server.scriptedRequests.count == 1, "\(name)")
            #expect(try ledger.records().map(\.outcome) == [.pending, .unknown, .created])
            // The re-run trusts the ledger now.
            #expect(try await submitter.submit(submission).source == .ledger)
            #expect(server.stored.count == 1)
        }
    }

    @Test("a lost answer the search cannot settle: outcome unknown; the re-run refuses rather than create a second")
    func unsettledOutcomeIsRefused() async throws {
        let ledger = try Self.ledger()
        // The gateway answers 502 without Yoti storing anything, so the search finds nothing.
        try await withSubmitter([.respond(status: 502, body: "Bad Gateway"), .created], ledger: ledger) { server, submitter, submission in
            do {
                _ = try await submitter.submit(submission)
                Issue.record("expected outcomeUnknown")
            } catch YotiSignError.outcomeUnknown(let request, _, _) {
                #expect(request == "POST /v2/envelopes")
            }
            do {
                _ = try await submitter.submit(submission)
                Issue.record("expected previousOutcomeUnknown")
            } catch let error as YotiSignError {
                guard case .previousOutcomeUnknown(let name, _, let path) = error else {
                    Issue.record("expected previousOutcomeUnknown, got \(error)")
                    return
                }
                #expect(name == "NDA for Acme" && path == ledger.path)
            }
            #expect(server.stored.isEmpty)
            #expect(server.scriptedRequests.count == 1, "the second run sent no create")
            // Sure there is none: --new-envelope creates it.
            #expect(try await submitter.submit(submission, allowNewEnvelope: true).envelopeID == "env-1")
            #expect(server.stored.count == 1)
        }
    }

    @Test("the answer lost and the search down: outcome unknown; re-running the same submit reports the envelope that exists")
    func rerunAfterLostAnswer() async throws {
        let ledger = try Self.ledger()
        // Four 503s: every attempt of the first run's search fails.
        try await withSubmitter([.store(then: .respond(status: 502, body: "Bad Gateway")), .created], ledger: ledger, searchFailures: 4) {
            server, submitter, submission in
            do {
                _ = try await submitter.submit(submission)
                Issue.record("expected outcomeUnknown")
            } catch YotiSignError.outcomeUnknown {}
            #expect(try ledger.records().map(\.outcome) == [.pending, .unknown])
            let rerun = try await submitter.submit(submission)
            #expect(rerun == SubmissionOutcome(envelopeID: "env-1", source: .search))
            #expect(server.stored.count == 1)
            #expect(server.scriptedRequests.count == 1, "the re-run sent no create")
        }
    }

    @Test("an envelope of the same name sent to other people, or recorded for another submission, is not taken for this one")
    func sameNameOtherEnvelope() async throws {
        let ledger = try Self.ledger()
        let now = EnvelopeSubmitter.format(Date())
        let strangers = LoopbackServer.Stored(id: "other-1", name: "NDA for Acme", createdAt: now, emails: ["eve@example.com"])
        let theirs = LoopbackServer.Stored(
            id: "other-2", name: "NDA for Acme", createdAt: now, emails: ["ada@example.com", "legal@example.com"])
        try ledger.append(
            LedgerRecord(
                key: SubmissionKey(rawValue: "sha256:another"), outcome: .created, envelopeID: "other-2", name: "NDA for Acme",
                kind: .standard, baseURL: "http://127.0.0.1", files: ["nda.pdf"], attemptedAt: now, recordedAt: now))
        try await withSubmitter([.respond(status: 502, body: "Bad Gateway")], ledger: ledger, stored: [strangers, theirs]) {
            server, submitter, submission in
            do {
                let outcome = try await submitter.submit(submission)
                Issue.record("took \(outcome.envelopeID) for this submission's envelope")
            } catch YotiSignError.outcomeUnknown {}
            #expect(server.scriptedRequests.count == 1)
        }
    }

    @Test("an earlier run that stopped after `pending`: the re-run finds the envelope with the search")
    func pendingIsResolvedBySearch() async throws {
        let ledger = try Self.ledger()
        try await withSubmitter([.created], ledger: ledger) { server, submitter, submission in
            // A run that created the envelope and died before writing the outcome.
            _ = try await submitter.client.create(submission.request, EnvelopeCreated.self)
            try ledger.append(
                LedgerRecord(
                    key: submission.key, outcome: .pending, name: submission.name, kind: .standard,
                    baseURL: submitter.client.environment.baseURL, files: submission.files,
                    attemptedAt: EnvelopeSubmitter.format(Date().addingTimeInterval(-5)), recordedAt: EnvelopeSubmitter.format(Date())))
            let outcome = try await submitter.submit(submission)
            #expect(outcome == SubmissionOutcome(envelopeID: "env-1", source: .search))
            #expect(server.stored.count == 1)
        }
    }

    @Test("refused (422): recorded as failed, and a corrected re-run may create")
    func refusedIsFailed() async throws {
        let ledger = try Self.ledger()
        try await withSubmitter([.respond(status: 422, body: #"{"message":"no"}"#), .created], ledger: ledger) { server, submitter, submission in
            await #expect(throws: YotiSignError.validationFailed(message: "no")) { _ = try await submitter.submit(submission) }
            let outcomes = try ledger.records().map(\.outcome)
            #expect(outcomes == [.pending, .failed])
            let retried = try await submitter.submit(submission)
            #expect(retried.envelopeID == "env-1")
            #expect(server.stored.count == 1)
        }
    }

    @Test("nothing listening: retried, then failed; the ledger says so and no envelope exists")
    func refusedPort() async throws {
        let ledger = try Self.ledger()
        let server = try await LoopbackServer.start(script: [])
        let url = server.baseURL
        await server.shutdown()
        let configuration = YotiSignClient.Configuration(timeout: .seconds(5), retryPolicy: SleepRecorder().policy(maximumAttempts: 2))
        try await YotiSignClient.withClient(apiKey: APIKey(Fixtures.key), environment: .custom(url), configuration: configuration) { client in
            let submission = try EnvelopeSubmitter.Submission(
                options: Fixtures.options, documents: [Fixtures.nda], kind: .standard, environment: client.environment)
            do {
                _ = try await EnvelopeSubmitter(client: client, ledger: ledger).submit(submission)
                Issue.record("expected connectionFailed")
            } catch YotiSignError.connectionFailed(_, let attempts) {
                #expect(attempts == 2)
            }
        }
        #expect(try ledger.records().map(\.outcome) == [.pending, .failed])
    }

    @Test("a ledger that cannot be written: nothing is sent, since the attempt could not be remembered")
    func unwritableLedger() async throws {
        let ledger = SubmissionLedger(path: "/nonexistent-\(UUID().uuidString)/ledger.jsonl")
        try await withSubmitter([.created], ledger: ledger) { server, submitter, submission in
            do {
                _ = try await submitter.submit(submission)
                Issue.record("sent without a ledger record")
            } catch let error as YotiSignError {
                guard case .ledgerFailed(let path, let reason) = error else {
                    Issue.record("expected ledgerFailed, got \(error)")
                    return
                }
                #expect(path == ledger.path && reason.contains("cannot be written"), "\(reason)")
            }
            #expect(server.requests.isEmpty && server.stored.isEmpty)
        }
    }

    @Test("the key hashes the files' bytes and the options: any change is another submission")
    func keyChanges() throws {
        let base = try SubmissionKey(documents: [Fixtures.nda], options: Fixtures.options, kind: .standard, environment: .sandbox)
        #expect(base.rawValue.hasPrefix("sha256:") && base.rawValue.count == 71)
        #expect(base == (try SubmissionKey(documents: [Fixtures.nda], options: Fixtures.options, kind: .standard, environment: .sandbox)))
        var changedFile = Fixtures.nda
        changedFile.bytes.append(0x0A)
        var renamed = Fixtures.options
        renamed.name = "NDA for Acme 2"
        for other in [
            try SubmissionKey(documents: [changedFile], options: Fixtures.options, kind: .standard, environment: .sandbox),
            try SubmissionKey(documents: [Fixtures.nda], options: renamed, kind: .standard, environment: .sandbox),
            try SubmissionKey(documents: [Fixtures.nda], options: Fixtures.options, kind: .embedded, environment: .sandbox),
            try SubmissionKey(documents: [Fixtures.nda], options: Fixtures.options, kind: .standard, environment: .production),
        ] {
            #expect(other != base)
        }
    }

    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("the ledger is appended to, never rewritten; a damaged line is an error naming it")
    func ledgerIsAppendOnly() throws {
        let ledger = try Self.ledger()
        let record = LedgerRecord(
            key: SubmissionKey(rawValue: "sha256:00"), outcome: .created, envelopeID: "e1", name: "n", kind: .standard,
            baseURL: "https://demo.api.yotisign.com", files: ["a.pdf"], attemptedAt: "2026-12-04T10:00:00.000Z",
            recordedAt: "2026-12-04T10:00:01.000Z", foundBy: "answer")
        try ledger.append(record)
        let inode = try FileManager.default.attributesOfItem(atPath: ledger.path)[.systemFileNumber] as? Int
        try ledger.append(record)
        #expect(try FileManager.default.attributesOfItem(atPath: ledger.path)[.systemFileNumber] as? Int == inode)
        #expect(try ledger.records() == [record, record])
        #expect(try ledger.latest(for: SubmissionKey(rawValue: "sha256:00"))?.envelopeID == "e1")
        let handle = try #require(FileHandle(forWritingAtPath: ledger.path))
        handle.seekToEndOfFile()
        handle.write(Data("not json\n".utf8))
        try handle.close()
        #expect(throws: YotiSignError.ledgerFailed(path: ledger.path, reason: "line 3 is not a ledger record")) { try ledger.records() }
    }

    @Test("the default ledger sits beside the documents")
    func defaultLedger() {
        #expect(SubmissionLedger.besideDocuments(["Fixtures/envelope/nda.pdf"]).path == "Fixtures/envelope/.tagscan-ledger.jsonl")
        #expect(SubmissionLedger.besideDocuments(["nda.pdf"]).path == "./.tagscan-ledger.jsonl")
    }
}
