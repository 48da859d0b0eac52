import Foundation
import Testing

/// `tagscan submit` end to end through the built binary, without the network: the dry run's
/// bytes, refusals before sending, and a closed port.
@Suite("tagscan submit")
struct SubmitCommandTests {
    static let recipients = """
        name: NDA for Acme
        invitation_message: Please sign the NDA.
        recipients:
          - { role: Signer 1, name: Ada Lovelace, email: ada@example.com }
          - { role: Signer 2, name: Alan Turing, email: alan@example.com }

        """

    /// A recipients file in a folder of its own.
    static func recipientsFile(_ text: String = recipients) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-submit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("recipients.yml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static let key = "test-key-9f8e7d"

    @Test("--help works (every option name is unique) and names both time limits")
    func help() throws {
        // ArgumentParser refuses duplicate option names in debug builds, before any output.
        let outcome = try CommandRunner.run(["submit", "--help"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.components(separatedBy: "--timeout <seconds>").count == 2, "the scan limit, once")
        #expect(outcome.stdout.components(separatedBy: "--request-timeout <seconds>").count == 2, "the HTTP limit, once")
    }

    @Test("--dry-run prints the exact request: redacted key, the PDF and the tags joined to the recipients")
    func dryRun() throws {
        let outcome = try CommandRunner.run(
            ["submit", "Fixtures/envelope/nda.pdf", "--recipients", try Self.recipientsFile(), "--dry-run"],
            environment: ["YOTI_SIGN_API_KEY": Self.key])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let text = String(decoding: outcome.stdoutData, as: UTF8.self)
        #expect(text.hasPrefix("POST /v2/envelopes HTTP/1.1\r\n"))
        #expect(text.contains("Authorization: Bearer <redacted>\r\n"))
        #expect(!text.contains(Self.key))
        #expect(text.contains(#"form-data; name="file"; filename="nda.pdf""#))
        let pdf = try Data(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/envelope/nda.pdf"))
        #expect(outcome.stdoutData.range(of: pdf) != nil, "the PDF travels byte for byte")
        // The options part: both recipients, each with its signature and date tags from nda.pdf.
        let optionsStart = try #require(text.range(of: #"name="options""#))
        let json = try #require(text[optionsStart.upperBound...].range(of: "{"))
        let end = try #require(text.range(of: "\r\n--", range: json.lowerBound..<text.endIndex))
        let options = try #require(try JSONSerialization.jsonObject(with: Data(text[json.lowerBound..<end.lowerBound].utf8)) as? [String: Any])
        #expect(options["name"] as? String == "NDA for Acme")
        let people = try #require(options["recipients"] as? [[String: Any]])
        #expect(people.map { $0["email"] as? String } == ["ada@example.com", "alan@example.com"])
        for person in people {
            let tags = try #require(person["tags"] as? [[String: Any]])
            #expect(Set(tags.compactMap { $0["type"] as? String }) == ["signature", "date_signed_field"], "\(person)")
        }
    }

    @Test(
        "refusals before sending",
        arguments: [
            (["--request-timeout", "0"], [String: String](), Int32(64), "--request-timeout must be at least 1 second"),
            ([], ["YOTI_SIGN_API_KEY": ""], Int32(64), "set YOTI_SIGN_API_KEY"),
            (["--base-url", "ftp://example.com"], ["YOTI_SIGN_API_KEY": key], Int32(64), "--base-url must be an http:// or https:// URL"),
        ])
    func refusals(extra: [String], environment: [String: String], status: Int32, message: String) throws {
        let outcome = try CommandRunner.run(
            ["submit", "Fixtures/envelope/nda.pdf", "--recipients", try Self.recipientsFile(), "--base-url", "http://127.0.0.1:9"] + extra,
            environment: environment.merging(["YOTI_SIGN_BASE_URL": ""]) { a, _ in a })
        #expect(outcome.status == status, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    @Test("a recipient without a role in the templates is a problem found before sending")
    func preflight() throws {
        let file = try Self.recipientsFile(Self.recipients.replacingOccurrences(of: "role: Signer 2", with: "role: Signer 3"))
        let outcome = try CommandRunner.run(
            ["submit", "Fixtures/envelope/nda.pdf", "--recipients", file, "--base-url", "http://127.0.0.1:9"],
            environment: ["YOTI_SIGN_API_KEY": Self.key])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("not sending"), "\(outcome.stderr)")
    }

    @Test("nothing listening: retried (nothing was sent), each retry logged, exit 1, key not printed")
    func closedPort() throws {
        let recipients = try Self.recipientsFile()
        let ledger = (recipients as NSString).deletingLastPathComponent + "/ledger.jsonl"
        let outcome = try CommandRunner.run(
            [
                "submit", "Fixtures/envelope/nda.pdf", "--recipients", recipients, "--ledger", ledger,
                "--base-url", "http://127.0.0.1:9", "--request-timeout", "5",
            ],
            environment: ["YOTI_SIGN_API_KEY": Self.key])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Could not reach Yoti Sign (after 4 attempts)"), "\(outcome.stderr)")
        for attempt in 1...3 {
            #expect(
                outcome.stderr.contains("POST /v2/envelopes: attempt \(attempt) of 4 failed (connection refused, before the request was sent); retrying in "),
                "\(outcome.stderr)")
        }
        #expect(!outcome.stderr.contains(Self.key) && !outcome.stdout.contains(Self.key))
        let records = try String(contentsOfFile: ledger, encoding: .utf8).split(separator: "\n")
        #expect(records.count == 2 && records[1].contains(#""outcome":"failed""#), "\(records)")
    }
}
