import Foundation
import Testing

/// A page poppler could not finish drawing is never a clean result: `page-incomplete` errors on
/// both extraction paths, in worker processes and in process, and lint fails on them.
@Suite("page-incomplete")
struct PageIncompleteCLITests {
    static let cutShort = "Fixtures/hostile/jbig2-cut-short.pdf"

    static func document(_ outcome: CommandRunner.Outcome) throws -> [String: Any] {
        let object = try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any], "\(outcome.stdout)")
        return try #require((object["documents"] as? [[String: Any]])?.first)
    }

    static func incomplete(_ document: [String: Any]) -> [[String: Any]] {
        (document["diagnostics"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "page-incomplete" }
    }

    @Test(
        "a content stream poppler gives up on: an error on page 1, the anchors before it still found",
        arguments: [[], ["--extraction", "glib"], ["--in-process"], ["--in-process", "--extraction", "glib"]])
    func cutShort(_ options: [String]) throws {
        let outcome = try CommandRunner.run(["scan"] + options + [Self.cutShort])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try Self.document(outcome)
        #expect(document["status"] as? String == "ok")
        #expect((document["anchors"] as? [Any])?.count == 2)
        let found = Self.incomplete(document)
        #expect(found.count == 1)
        #expect(found.first?["severity"] as? String == "error")
        #expect(found.first?["page_number"] as? Int == 1)
        let message = found.first?["message"] as? String ?? ""
        #expect(message.hasPrefix("poppler could not finish drawing page 1"), "\(message)")
        #expect(message.contains("First JBIG2 segment associated with a page must be a page information segment"), "\(message)")
    }

    @Test(
        "an allocation refused under the memory cap: an error on the page, in the worker",
        .disabled(if: HostileCLITests.underSanitizer, "sanitizers reserve terabytes of address space; RLIMIT_AS cannot apply"),
        arguments: [[], ["--extraction", "glib"]])
    func outOfMemory(_ options: [String]) throws {
        let outcome = try CommandRunner.run(["scan", "--max-memory", "512M"] + options + ["Fixtures/hostile/jbig2-out-of-memory.pdf"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try Self.document(outcome)
        #expect(document["status"] as? String == "ok")
        let found = Self.incomplete(document)
        #expect(found.count == 1)
        #expect(found.first?["page_number"] as? Int == 1)
        #expect(found.first?["severity"] as? String == "error")
    }

    @Test(
        "in process under an address-space limit: the host survives the failed allocation and reports the page",
        .disabled(if: HostileCLITests.underSanitizer, "sanitizers reserve terabytes of address space; RLIMIT_AS cannot apply"),
        arguments: ["glyphs", "glib"])
    func outOfMemoryInProcess(_ extraction: String) throws {
        // The limit stands in for a service's own memory cap: tagscan is the host process here.
        let outcome = try ShellRunner.run(
            #"ulimit -v 1048576; "$TAGSCAN" scan --in-process --extraction "$EXTRACTION" Fixtures/hostile/jbig2-out-of-memory.pdf"#,
            environment: ["EXTRACTION": extraction])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try Self.document(outcome)
        #expect(document["status"] as? String == "ok")
        #expect((document["anchors"] as? [Any])?.count == 2)
        let found = Self.incomplete(document)
        #expect(found.map { $0["page_number"] as? Int } == [1])
    }

    @Test("lint fails (exit 1) on a page cut short and says why", arguments: [[], ["--in-process"]])
    func lint(_ options: [String]) throws {
        let outcome = try CommandRunner.run(["lint"] + options + ["Fixtures/lint/page-incomplete/trigger.pdf"])
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("Fixtures/lint/page-incomplete/trigger.pdf:1: error: poppler could not finish drawing page 1"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("[page-incomplete]"))
        let clean = try CommandRunner.run(["lint"] + options + ["Fixtures/lint/page-incomplete/clean.pdf"])
        #expect(clean.status == 0, "\(clean.stdout)")
    }
}
