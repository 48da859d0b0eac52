import Foundation
import Testing

/// `tagscan scan` end to end: the built binary, its stdout, stderr and exit code.
@Suite("tagscan scan")
struct ScanCommandTests {
    struct Report: Decodable {
        struct Document: Decodable {
            struct Error: Decodable { var code: String; var message: String }
            struct Box: Decodable { var x, y, width, height: Double }
            struct Anchor: Decodable { var text: String; var page_number: Int; var box: Box; var role: String? }
            var path: String
            var file_name: String
            var status: String
            var error: Error?
            var page_count: Int
            var anchors: [Anchor]
        }
        var schema_version: Int
        var documents: [Document]
    }

    @Test("JSON for a folder: schema 1, sorted paths, boxes in points, exit 0")
    func jsonFolder() throws {
        let outcome = try CommandRunner.run(["scan", "Fixtures/envelope"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: outcome.stdoutData)
        #expect(report.schema_version == 1)
        #expect(report.documents.map(\.path) == ["Fixtures/envelope/annex.pdf", "Fixtures/envelope/nda.pdf", "Fixtures/envelope/schedule.pdf"])
        #expect(report.documents.map(\.file_name) == ["annex.pdf", "nda.pdf", "schedule.pdf"])
        let header = try #require(report.documents[0].anchors.first { $0.text == "|AT|" })
        #expect(abs(header.box.x - 72) < 1 && abs(header.box.y - 52.82) < 1)
    }

    @Test("unreadable input: exit 2, error code per file, the good file still reported")
    func mixedExitCode() throws {
        let outcome = try CommandRunner.run(["scan", "Fixtures/broken/not-a-pdf.pdf", "Fixtures/templates/multi-page.pdf", "Fixtures/broken/missing.pdf"])
        #expect(outcome.status == 2)
        let report = try JSONDecoder().decode(Report.self, from: outcome.stdoutData)
        #expect(report.documents.map(\.status) == ["error", "ok", "error"])
        #expect(report.documents.compactMap(\.error?.code) == ["not-a-pdf", "not-found"])
        #expect(report.documents[1].anchors.count > 0)
    }

    @Test("ndjson: one document per line in input order; --jobs 1 and --jobs 4 print the same")
    func ndjsonAndJobs() throws {
        let one = try CommandRunner.run(["scan", "--format", "ndjson", "--jobs", "1", "Fixtures/templates", "Fixtures/envelope"])
        let four = try CommandRunner.run(["scan", "--format", "ndjson", "--jobs", "4", "Fixtures/templates", "Fixtures/envelope"])
        #expect(one.status == 0 && four.status == 0)
        #expect(one.stdout == four.stdout)
        let lines = one.stdout.split(separator: "\n")
        #expect(lines.count == 15)
        let first = try JSONDecoder().decode(Report.Document.self, from: Data(lines[0].utf8))
        #expect(first.path == "Fixtures/templates/all-roles.pdf")
    }

    @Test("json output is the same for any --jobs")
    func jsonJobs() throws {
        let one = try CommandRunner.run(["scan", "-j", "1", "Fixtures/templates"])
        let two = try CommandRunner.run(["scan", "-j", "2", "Fixtures/templates"])
        #expect(one.stdout == two.stdout)
        #expect(!one.stdout.isEmpty)
    }

    @Test("--output writes the file and leaves stdout empty")
    func outputFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try CommandRunner.run(["scan", "--output", file.path, "Fixtures/templates/rotated.pdf"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.isEmpty)
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: file))
        #expect(report.documents.first?.page_count == 4)
    }

    @Test("stdin with -, password from the environment")
    func stdinAndPassword() throws {
        let pdf = try Data(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/broken/encrypted-aes-256.pdf"))
        let locked = try CommandRunner.run(["scan", "-"], stdin: pdf)
        #expect(locked.status == 2)
        #expect(locked.stdout.contains("\"encrypted\""))
        let opened = try CommandRunner.run(["scan", "-"], stdin: pdf, environment: ["TAGSCAN_PASSWORD": "secret"])
        #expect(opened.status == 0, "\(opened.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: opened.stdoutData)
        #expect(report.documents.first?.file_name == "stdin.pdf")
        #expect(report.documents.first?.anchors.contains { $0.role == "Signer 1" } == true)
    }

    @Test("text format names each recipient and diagnostics as path:page: severity")
    func textFormat() throws {
        let outcome = try CommandRunner.run(["scan", "--format", "text", "Fixtures/templates/wrapped.pdf"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Signer 1 (sign group 1):"))
        #expect(outcome.stdout.contains("Fixtures/templates/wrapped.pdf:1: error: |S2SR| is broken across two lines"))
        #expect(outcome.stdout.contains("[anchor-spans-pages]"))
    }

    @Test("usage errors exit 64", arguments: [["scan"], ["scan", "--format", "yaml", "x.pdf"], ["scan", "--jobs", "0", "x.pdf"], ["frobnicate"]])
    func usage(arguments: [String]) throws {
        let outcome = try CommandRunner.run(arguments)
        #expect(outcome.status == 64, "\(arguments): \(outcome.status) \(outcome.stderr)")
        #expect(!outcome.stderr.isEmpty)
    }

    @Test("--version prints the version")
    func version() throws {
        let outcome = try CommandRunner.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
