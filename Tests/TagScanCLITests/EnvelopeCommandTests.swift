import Foundation
import Testing
import YotiLoopback

/// `tagscan submit` and `tagscan envelope …` against a stand-in of the API on 127.0.0.1, through
/// the built binary. One at a time: each run is a child of the test process, and the isolation
/// tests running alongside count any child that has exited and not yet been reaped.
@Suite("tagscan submit and envelope against a loopback server", .serialized, .timeLimit(.minutes(2)))
struct EnvelopeCommandTests {
    static let key = "test-key-123"
    static let environment = ["YOTI_SIGN_API_KEY": key, "YOTI_SIGN_BASE_URL": ""]

    /// A fresh folder for a ledger or a download.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-envelope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func submit(_ server: LoopbackServer, ledger: String, _ extra: [String] = []) async throws -> CommandRunner.Outcome {
        try await CommandRunner.runDetached(
            [
                "submit", "Fixtures/envelope/nda.pdf", "--recipients", try SubmitCommandTests.recipientsFile(), "--ledger", ledger,
                "--base-url", server.baseURL + "/v2", "--request-timeout", "2",
            ] + extra,
            environment: environment)
    }

    @Test("submit creates one envelope; the same submit again reports it and sends nothing")
    func submitTwice() async throws {
        let ledger = try Self.folder().appendingPathComponent("ledger.jsonl").path
        try await LoopbackServer.with(expectedKey: Self.key, script: [.created, .created]) { server in
            let first = try await Self.submit(server, ledger: ledger)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains(#""envelope_id" : "env-1""#) && first.stdout.contains(#""source" : "created""#), "\(first.stdout)")
            #expect(server.requests.first?.uri == "/v2/envelopes", "a base URL ending in /v2 is not doubled")
            let again = try await Self.submit(server, ledger: ledger)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains(#""source" : "ledger""#), "\(again.stdout)")
            #expect(again.stderr.contains("already has envelope env-1"), "\(again.stderr)")
            #expect(server.stored.count == 1)
            let lines = try String(contentsOfFile: ledger, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2 && lines[1].contains(#""outcome":"created""#))
            #expect(!first.stderr.contains(Self.key) && !again.stderr.contains(Self.key))
        }
    }

    @Test("502 after Yoti stored the envelope: the search finds it, one envelope, exit 0")
    func lostAnswerFound() async throws {
        let ledger = try Self.folder().appendingPathComponent("ledger.jsonl").path
        try await LoopbackServer.with(expectedKey: Self.key, script: [.store(then: .respond(status: 502, body: "Bad Gateway"))]) { server in
            let outcome = try await Self.submit(server, ledger: ledger)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("the answer was lost, but Yoti's envelope search found envelope env-1"), "\(outcome.stderr)")
            #expect(server.stored.count == 1)
        }
    }

    @Test("502 and nothing stored: exit 3, 'may have been created' and what to run; the re-run creates nothing")
    func lostAnswerUnknown() async throws {
        let ledger = try Self.folder().appendingPathComponent("ledger.jsonl").path
        try await LoopbackServer.with(
            expectedKey: Self.key, script: [.respond(status: 502, body: "Bad Gateway"), .created, .created]
        ) { server in
            let outcome = try await Self.submit(server, ledger: ledger)
            #expect(outcome.status == 3, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("the envelope may have been created: "), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("tagscan envelope list --from"), "\(outcome.stderr)")
            let again = try await Self.submit(server, ledger: ledger)
            #expect(again.status == 3, "\(again.stderr)")
            #expect(again.stderr.contains("--new-envelope"), "\(again.stderr)")
            #expect(server.stored.isEmpty)
            let forced = try await Self.submit(server, ledger: ledger, ["--new-envelope"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(server.stored.count == 1)
        }
    }

    @Test("429 then created: the retry is logged with attempt, reason and wait")
    func retryIsLogged() async throws {
        let ledger = try Self.folder().appendingPathComponent("ledger.jsonl").path
        try await LoopbackServer.with(
            expectedKey: Self.key, script: [.respond(status: 429, body: #"{"message":"slow down"}"#, headers: ["Retry-After": "0"]), .created]
        ) { server in
            let outcome = try await Self.submit(server, ledger: ledger)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("POST /v2/envelopes: attempt 1 of 4 failed (429: slow down); retrying in 0 ms"), "\(outcome.stderr)")
            #expect(server.stored.count == 1)
        }
    }

    @Test("an embedded envelope: signing URLs printed once, tokens never written to the ledger")
    func embedded() async throws {
        let ledger = try Self.folder().appendingPathComponent("ledger.jsonl").path
        let recipients = try SubmitCommandTests.recipientsFile(
            """
            name: NDA for Acme
            recipients:
              - { role: Signer 1, name: Ada Lovelace, email: ada@example.com, event_notifications: [] }
              - { role: Signer 2, name: Alan Turing, email: alan@example.com, event_notifications: [signer_invitation] }

            """)
        try await LoopbackServer.with(expectedKey: Self.key, script: [.created]) { server in
            let arguments = [
                "submit", "Fixtures/envelope/nda.pdf", "--recipients", recipients, "--ledger", ledger, "--embedded",
                "--base-url", server.baseURL, "--request-timeout", "5",
            ]
            let refused = try await CommandRunner.runDetached(arguments, environment: Self.environment)
            #expect(refused.status == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("[invitation-message-missing]"), "an invitation email needs its message: \(refused.stderr)")
            let withMessage = try SubmitCommandTests.recipientsFile(
                String(decoding: try Data(contentsOf: URL(fileURLWithPath: recipients)), as: UTF8.self)
                    .replacingOccurrences(of: "name: NDA for Acme\n", with: "name: NDA for Acme\ninvitation_message: Please sign.\n"))
            var fixed = arguments
            fixed[3] = withMessage
            let outcome = try await CommandRunner.runDetached(fixed, environment: Self.environment)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("ada@example.com: \(server.baseURL)/embedded/sign/tok-env-1"), "\(outcome.stderr)")
            #expect(outcome.stdout.contains(#""token" : "tok-env-1""#), "\(outcome.stdout)")
            #expect(server.requests.last?.uri == "/v2/embedded-envelopes")
            #expect(!(try String(contentsOfFile: ledger, encoding: .utf8)).contains("tok-env-1"))
            #expect(server.stored.count == 1)
        }
    }

    @Test("--autotagging sends tags: [] and the industry type (dry run)")
    func autotaggingDryRun() async throws {
        let outcome = try await CommandRunner.runDetached(
            ["submit", "Fixtures/envelope/nda.pdf", "--recipients", try SubmitCommandTests.recipientsFile(), "--dry-run", "--autotagging", "general"],
            environment: Self.environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = outcome.stdout
        #expect(text.contains(#""autotagging":"GENERAL""#), "\(text.prefix(2000))")
        #expect(!text.contains(#""page_number""#), "no explicit tag is sent")
        #expect(text.components(separatedBy: #""tags":[]"#).count == 3, "both signers carry tags: []")
    }

    @Test("a misspelt key in the recipients file is an error with its line")
    func recipientsFileLine() async throws {
        let file = try SubmitCommandTests.recipientsFile(
            SubmitCommandTests.recipients.replacingOccurrences(of: "email: alan@example.com }", with: "email: alan@example.com, sign_grup: 2 }"))
        let outcome = try await CommandRunner.runDetached(
            ["submit", "Fixtures/envelope/nda.pdf", "--recipients", file, "--dry-run"], environment: Self.environment)
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("recipients.yml:5: unknown key 'sign_grup' in recipient 2"), "\(outcome.stderr)")
    }

    static let active =
        #"{"envelope_id":"e1","status":"ACTIVE","details":{"recipients":[{"id":"r1","sign_status":"UNSIGNED","name":"Ada Lovelace","email":"ada@example.com","role":"Signer 1"},{"id":"r2","sign_status":"SIGNED","name":"Alan Turing","email":"alan@example.com"}]}}"#

    static func envelope(_ server: LoopbackServer, _ arguments: [String]) async throws -> CommandRunner.Outcome {
        try await CommandRunner.runDetached(["envelope"] + arguments + ["--base-url", server.baseURL, "--request-timeout", "5"], environment: environment)
    }

    @Test("envelope status: JSON by default, text on request")
    func status() async throws {
        try await LoopbackServer.with(
            expectedKey: Self.key, script: [.respond(status: 200, body: Self.active), .respond(status: 200, body: Self.active)]
        ) { server in
            let json = try await Self.envelope(server, ["status", "e1"])
            #expect(json.status == 0, "\(json.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
            #expect(object["status"] as? String == "ACTIVE")
            let text = try await Self.envelope(server, ["status", "e1", "--format", "text"])
            #expect(text.stdout.hasPrefix("e1: ACTIVE\n"), "\(text.stdout)")
            #expect(text.stdout.contains("UNSIGNED: Ada Lovelace <ada@example.com> (Signer 1) id r1"), "\(text.stdout)")
            #expect(server.requests.map(\.uri) == ["/v2/envelopes/e1", "/v2/envelopes/e1"])
        }
    }

    @Test("envelope archive and remind use the documented calls; a lost reminder answer is exit 3")
    func archiveAndRemind() async throws {
        try await LoopbackServer.with(
            expectedKey: Self.key,
            script: [.respond(status: 204), .respond(status: 200, body: #"{"recipient_id":"r1"}"#), .respond(status: 502, body: "Bad Gateway")]
        ) { server in
            let archived = try await Self.envelope(server, ["archive", "e1"])
            #expect(archived.status == 0, "\(archived.stderr)")
            #expect(archived.stdout.contains(#""status" : "ARCHIVED""#))
            let reminded = try await Self.envelope(server, ["remind", "e1", "r1"])
            #expect(reminded.status == 0, "\(reminded.stderr)")
            #expect(reminded.stdout.contains(#""recipient_id" : "r1""#))
            let lost = try await Self.envelope(server, ["remind", "e1", "r1"])
            #expect(lost.status == 3, "\(lost.stderr)")
            #expect(lost.stderr.contains("the reminder may have been sent"), "\(lost.stderr)")
            #expect(
                server.requests.map { "\($0.method) \($0.uri)" } == [
                    "PATCH /v2/envelopes/e1", "POST /v2/envelopes/e1/recipients/r1/send-reminder",
                    "POST /v2/envelopes/e1/recipients/r1/send-reminder",
                ], "the 502 was not repeated")
        }
    }

    @Test("envelope download: a clear refusal before everyone signed, the zip after")
    func download() async throws {
        let folder = try Self.folder()
        let zip = folder.appendingPathComponent("signed.zip").path
        let complete = #"{"envelope_id":"e1","status":"COMPLETE","details":{"recipients":[]}}"#
        try await LoopbackServer.with(
            expectedKey: Self.key,
            script: [.respond(status: 200, body: Self.active), .respond(status: 200, body: complete), .respond(status: 200, body: "PK-zip-bytes")]
        ) { server in
            try "keep me".write(toFile: zip, atomically: false, encoding: .utf8)
            let early = try await Self.envelope(server, ["download", "e1", "-o", zip])
            #expect(early.status == 1, "\(early.stderr)")
            #expect(early.stderr.contains("once every recipient has signed (still to sign: Ada Lovelace <ada@example.com>)"), "\(early.stderr)")
            #expect(try String(contentsOfFile: zip, encoding: .utf8) == "keep me", "a refusal leaves the file alone")
            let done = try await Self.envelope(server, ["download", "e1", "-o", zip])
            #expect(done.status == 0, "\(done.stderr)")
            #expect(try String(contentsOfFile: zip, encoding: .utf8) == "PK-zip-bytes")
            #expect(done.stdout.contains(#""bytes" : 12"#), "\(done.stdout)")
            #expect(server.requests.last?.uri == "/v2/envelopes/e1/completed-documents")
        }
    }

    @Test("envelope list: the search with its filters")
    func list() async throws {
        try await LoopbackServer.with(expectedKey: Self.key, script: [.created]) { server in
            // One envelope in the store, made the way submit makes it.
            let ledger = try Self.folder().appendingPathComponent("ledger.jsonl").path
            #expect(try await Self.submit(server, ledger: ledger).status == 0)
            let listed = try await Self.envelope(server, ["list", "--status", "active", "--from", "2026-01-01"])
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains(#""envelope_id" : "env-1""#) && listed.stdout.contains(#""envelope" : "NDA for Acme""#), "\(listed.stdout)")
            let search = try #require(server.requests.last { $0.uri.hasPrefix("/v2/organisations/envelopes/search") })
            #expect(search.uri.contains("from_date=2026-01-01") && search.uri.contains("status%5B%5D=active"), "\(search.uri)")
            let text = try await Self.envelope(server, ["list", "--format", "text"])
            #expect(text.stdout.contains("env-1  ACTIVE"), "\(text.stdout)")
        }
    }

    @Test("every envelope subcommand's --help works and names the shared options", arguments: ["status", "archive", "remind", "download", "list"])
    func help(_ command: String) async throws {
        // ArgumentParser refuses duplicate option names in debug builds, before any output.
        let outcome = try await CommandRunner.runDetached(["envelope", command, "--help"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for option in ["--sandbox", "--production", "--base-url <url>", "--request-timeout <seconds>", "--format <format>"] {
            #expect(outcome.stdout.contains(option), "\(command): \(option)")
        }
    }

    @Test("envelope commands without a key: exit 64, the key never printed", arguments: ["status", "archive", "list"])
    func noKey(_ command: String) async throws {
        let arguments = command == "list" ? ["envelope", "list"] : ["envelope", command, "e1"]
        let outcome = try await CommandRunner.runDetached(arguments + ["--base-url", "http://127.0.0.1:9"], environment: ["YOTI_SIGN_API_KEY": ""])
        #expect(outcome.status == 64, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("set YOTI_SIGN_API_KEY"))
    }
}
