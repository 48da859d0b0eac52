import Foundation
import Testing

/// Help that the terminal wraps, not the source; mistyped commands and page lists that select
/// nothing are usage errors that say so.
@Suite("help and usage messages")
struct HelpAndUsageCLITests {
    @Test(
        "help paragraphs are one line each for the parser to wrap",
        arguments: [
            (
                ["--help"],
                "Exit codes: 0 clean; 1 lint findings at or above the threshold; 2 some input could not be read (a path that yields no PDF included) or the report could not be written; 3 (submit, envelope) Yoti may have acted on a request whose answer was lost; 64 usage error."
            ),
            (
                ["lint", "--help"],
                "Turn a rule off for every document with --disable RULE (or the configuration file's disabled_rules), or for one template by writing |tagscan-disable:RULE,RULE| anywhere in it (white text is fine). tagscan lint --list-rules lists the rules."
            ),
            (["submit", "--help"], "The API key is read from YOTI_SIGN_API_KEY, never from a flag, so it stays out of shell history."),
        ])
    func unwrapped(_ item: (arguments: [String], paragraph: String)) throws {
        let outcome = try CommandRunner.run(item.arguments, environment: ["COLUMNS": "400"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains(item.paragraph), "\(outcome.stdout)")
    }

    @Test("serve --help names every TAGSCAN_SERVE_ variable and every endpoint")
    func serveHelp() throws {
        let outcome = try CommandRunner.run(["serve", "--help"], environment: ["COLUMNS": "400"])
        #expect(outcome.status == 0)
        let variables = [
            "HOST", "PORT", "WORKERS", "QUEUE_SIZE", "MAX_BODY", "REQUEST_TIMEOUT", "DOCUMENT_TIMEOUT", "MAX_MEMORY", "SHUTDOWN_TIMEOUT", "LOG_LEVEL",
            "IN_PROCESS", "TOKEN",
        ]
        for name in variables {
            #expect(outcome.stdout.contains("TAGSCAN_SERVE_\(name)"), "serve --help does not name TAGSCAN_SERVE_\(name)")
        }
        for endpoint in ["/v1/scan", "/v1/lint", "/v1/preview", "/healthz", "/readyz", "/metrics", "/openapi.yaml"] {
            #expect(outcome.stdout.contains(endpoint), "serve --help does not name \(endpoint)")
        }
    }

    @Test("the submit example is printed verbatim, even on a narrow terminal")
    func submitExample() throws {
        let outcome = try CommandRunner.run(["submit", "--help"], environment: ["COLUMNS": "60"])
        #expect(outcome.status == 0)
        let example = """
                name: NDA for Acme
                invitation_message: Please sign the NDA.
                recipients:
                  - role: Signer 1
                    name: Ada Lovelace
                    email: ada@example.com
                  - role: Signer 2
                    name: Alan Turing
                    email: alan@example.com
                    sign_group: 2
            """
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .init(charactersIn: " ")) }
        let wanted = example.split(separator: "\n").map { $0.trimmingCharacters(in: .init(charactersIn: " ")) }
        let start = try #require(lines.firstIndex(of: wanted[0]), "\(outcome.stdout)")
        #expect(Array(lines[start..<min(lines.count, start + wanted.count)]) == wanted)
    }

    @Test("--jobs states its default once, in words", arguments: ["scan", "lint", "convert", "preview", "submit"])
    func jobsDefault(_ command: String) throws {
        let outcome = try CommandRunner.run([command, "--help"], environment: ["COLUMNS": "400"])
        #expect(outcome.status == 0)
        let line = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("  -j, --jobs") })
        #expect(line.hasSuffix("Worker threads (default: the machine's cores)."), "\(line)")
    }

    @Test(
        "an unknown command says so and suggests the nearest",
        arguments: [
            ("sacn", "tagscan: 'sacn' is not a tagscan command; did you mean 'scan'?"),
            ("lnit", "tagscan: 'lnit' is not a tagscan command; did you mean 'lint'?"),
            ("prev", "tagscan: 'prev' is not a tagscan command; did you mean 'preview'?"),
            ("submti", "tagscan: 'submti' is not a tagscan command; did you mean 'submit'?"),
        ])
    func unknownCommand(_ item: (word: String, message: String)) throws {
        let outcome = try CommandRunner.run([item.word, "x.pdf"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.hasPrefix(item.message), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("(the commands: scan, lint, convert, preview, scrub, submit, envelope, serve; tagscan --help says more)"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test("a word like no command gets no guess")
    func noSuggestion() throws {
        let outcome = try CommandRunner.run(["frobnicate"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.hasPrefix("tagscan: 'frobnicate' is not a tagscan command (the commands:"), "\(outcome.stderr)")
    }

    @Test("preview --pages that match no page of the document: exit 64, nothing written")
    func previewNoPage() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["preview", "Fixtures/templates/rotated.pdf", "--pages", "9", "--out", folder.path])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("tagscan: Fixtures/templates/rotated.pdf: --pages 9 matches no page (it has 4 pages)"), "\(outcome.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        // A list that matches some pages still renders those and notes the rest.
        let partial = try CommandRunner.run(["preview", "Fixtures/templates/rotated.pdf", "--pages", "4-9", "--out", folder.path])
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(partial.stdout.contains("rotated-p4.png"))
    }
}
