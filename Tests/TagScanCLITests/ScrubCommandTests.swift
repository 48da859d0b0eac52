import Foundation
import Testing

/// `tagscan scrub` and `submit --scrub` through the built binary: files written only when proven,
/// inputs never overwritten, refusals naming page and anchor.
@Suite("tagscan scrub")
struct ScrubCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tagscan-scrub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func fixture(_ relative: String) -> String {
        CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/\(relative)").path
    }

    @Test("-o writes the scrubbed file, prints the three proofs, and the file scans clean and passes qpdf --check")
    func oneFile() throws {
        let out = try Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let target = out.appendingPathComponent("clean.pdf").path
        let outcome = try CommandRunner.run(["scrub", Self.fixture("scrub/mid-string.pdf"), "-o", target])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("scrubbed, 3 anchors removed"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("proof 1 passed") && outcome.stdout.contains("proof 2 passed") && outcome.stdout.contains("proof 3 passed"))
        let scan = try CommandRunner.run(["scan", target])
        #expect(scan.status == 0, "\(scan.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: scan.stdoutData) as? [String: Any])
        let documents = try #require(json["documents"] as? [[String: Any]])
        #expect((documents.first?["anchors"] as? [Any])?.isEmpty == true, "\(scan.stdout)")
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        check.arguments = ["--check", target]
        check.standardOutput = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
    }

    @Test("--out writes each file under its own name; --format json carries the proof")
    func folderAndJSON() throws {
        let out = try Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try CommandRunner.run(
            ["scrub", Self.fixture("scrub/shared-footer.pdf"), Self.fixture("scrub/tj-kerning.pdf"), "--out", out.path, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [[String: Any]])
        #expect(entries.count == 2)
        for entry in entries {
            #expect(entry["status"] as? String == "scrubbed")
            let proof = try #require(entry["proof"] as? [String: Any])
            #expect(proof["passed"] as? Bool == true)
            let written = try #require(entry["output"] as? String)
            #expect(FileManager.default.fileExists(atPath: written))
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("shared-footer.pdf").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("tj-kerning.pdf").path))
    }

    @Test("an anchor that cannot be removed: exit 1, the page and anchor named, nothing written")
    func refused() throws {
        let out = try Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try CommandRunner.run(["scrub", Self.fixture("scrub/type3.pdf"), "--out", out.path])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(
            outcome.stdout.contains("error: page 1: |S1SR| cannot be removed safely: it is drawn by a Type3 font's glyph procedures [anchor-unremovable]"),
            "\(outcome.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)

        let kept = try CommandRunner.run(["scrub", Self.fixture("scrub/type3.pdf"), "--out", out.path, "--keep-unremovable"])
        #expect(kept.status == 0, "\(kept.stdout)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("type3.pdf").path))
    }

    @Test("an input is never overwritten without --in-place")
    func neverOverwritesInput() throws {
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent("contract.pdf")
        try FileManager.default.copyItem(atPath: Self.fixture("scrub/mid-string.pdf"), toPath: input.path)
        let before = try Data(contentsOf: input)

        let refused = try CommandRunner.run(["scrub", input.path, "--out", work.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is an input; not overwriting it"), "\(refused.stderr)")
        #expect(try Data(contentsOf: input) == before)

        let inPlace = try CommandRunner.run(["scrub", input.path, "--in-place"])
        #expect(inPlace.status == 0, "\(inPlace.stderr)")
        #expect(try Data(contentsOf: input) != before)
    }

    @Test(
        "usage errors",
        arguments: [
            (["scrub", "x.pdf"], "say where the scrubbed files go"),
            (["scrub", "a.pdf", "b.pdf", "-o", "c.pdf"], "-o takes one input file"),
            (["scrub", "a.pdf", "--out", "d", "--in-place"], "say where the scrubbed files go"),
        ])
    func usage(_ arguments: [String], _ message: String) throws {
        let outcome = try CommandRunner.run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    @Test("submit --scrub uploads the scrubbed bytes with the originals' tags; refused with --autotagging")
    func submitScrub() throws {
        let recipients = try SubmitCommandTests.recipientsFile()
        let outcome = try CommandRunner.run(
            ["submit", "Fixtures/envelope/nda.pdf", "--recipients", recipients, "--dry-run", "--scrub"],
            environment: ["YOTI_SIGN_API_KEY": SubmitCommandTests.key])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("nda.pdf: scrubbed,"), "\(outcome.stderr)")
        let original = try Data(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/envelope/nda.pdf"))
        #expect(outcome.stdoutData.range(of: original) == nil, "the original bytes are not uploaded")
        #expect(outcome.stdoutData.range(of: Data("%PDF-".utf8)) != nil)
        let text = String(decoding: outcome.stdoutData, as: UTF8.self)
        #expect(text.contains("\"date_signed_field\"") && text.contains("\"signature\""), "the tags of the original travel")

        let refused = try CommandRunner.run(
            ["submit", "Fixtures/envelope/nda.pdf", "--recipients", recipients, "--dry-run", "--scrub", "--autotagging", "GENERAL"],
            environment: ["YOTI_SIGN_API_KEY": SubmitCommandTests.key])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--scrub removes the anchors"), "\(refused.stderr)")
    }
}

extension ScrubCommandTests {
    /// The scan report's one document, through the built binary.
    static func scanDocument(_ path: String, _ extra: [String] = []) throws -> [String: Any] {
        let scan = try CommandRunner.run(["scan", path] + extra)
        #expect(scan.status == 0, "\(scan.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: scan.stdoutData) as? [String: Any])
        return try #require((json["documents"] as? [[String: Any]])?.first)
    }

    /// What every scrub through the binary must show: exit 0, the three proofs passed on every
    /// page, qpdf --check clean, and the written file's own scan on pages of the original's
    /// sizes. Returns that scan.
    static func expectProven(
        _ arguments: [String], input: String, target: String, scanArguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: Any] {
        let outcome = try CommandRunner.run(["scrub", input, "-o", target] + arguments)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)", sourceLocation: sourceLocation)
        for n in 1...3 { #expect(outcome.stdout.contains("proof \(n) passed"), "\(outcome.stdout)", sourceLocation: sourceLocation) }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        check.arguments = ["--check", target]
        check.standardOutput = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "qpdf --check", sourceLocation: sourceLocation)
        let before = try scanDocument(input, scanArguments)
        let after = try scanDocument(target, scanArguments)
        func sizes(_ document: [String: Any]) -> [String] {
            (document["pages"] as? [[String: Any]] ?? []).map { "\($0["width"] ?? 0)x\($0["height"] ?? 0)r\($0["rotation"] ?? 0)" }
        }
        #expect(!sizes(before).isEmpty && sizes(before) == sizes(after), sourceLocation: sourceLocation)
        return after
    }

    static func anchors(_ document: [String: Any]) -> [[String: Any]] { document["anchors"] as? [[String: Any]] ?? [] }

    @Test("--foreign removes other vendors' tags; without it they stay", arguments: ["dialects/docusign.pdf", "dialects/dropbox.pdf"])
    func foreign(_ fixture: String) throws {
        let out = try Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let input = Self.fixture(fixture)
        #expect(Self.anchors(try Self.scanDocument(input)).contains { $0["dialect"] as? String != "yoti" })
        let target = out.appendingPathComponent("clean.pdf").path
        let scrubbed = try Self.expectProven(["--foreign"], input: input, target: target)
        #expect(Self.anchors(scrubbed).isEmpty, "\(Self.anchors(scrubbed))")

        let kept = out.appendingPathComponent("kept.pdf").path
        _ = try CommandRunner.run(["scrub", input, "-o", kept])
        #expect(Self.anchors(try Self.scanDocument(kept)).contains { $0["dialect"] as? String != "yoti" })
        #expect(!Self.anchors(try Self.scanDocument(kept)).contains { $0["dialect"] as? String == "yoti" })
    }

    @Test("a custom rule with scrub: true has its matches removed, the other rules' stay; --custom removes them all", arguments: [false, true])
    func customRules(_ all: Bool) throws {
        let out = try Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let config = out.appendingPathComponent("rules.yml")
        try """
        rules:
          - id: tenant-signature
            anchor: "Tenant Signature:"
            role: Tenant 1
            type: signature
            scrub: true
          - id: company
            anchor: "company name:"
            role: Tenant 1
            type: text_field
        """.write(to: config, atomically: true, encoding: .utf8)
        let input = Self.fixture("dialects/plain/lease.pdf")
        let target = out.appendingPathComponent("clean.pdf").path
        let scrubbed = try Self.expectProven(
            ["--config", config.path] + (all ? ["--custom"] : []), input: input, target: target, scanArguments: ["--config", config.path])
        let left = Self.anchors(scrubbed).compactMap { $0["rule"] as? String }
        #expect(left == (all ? [] : ["company"]), "\(left)")
    }

    @Test("a custom rule's scrub key must be true or false; the error names the file and the line")
    func badScrubKey() throws {
        let out = try Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let config = out.appendingPathComponent("rules.yml")
        try "rules:\n  - anchor: Sign here\n    role: Signer 1\n    type: signature\n    scrub: yes please\n".write(
            to: config, atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["scrub", Self.fixture("scrub/mid-string.pdf"), "--config", config.path, "--out", out.path])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("rules.yml:5:") && outcome.stderr.contains("scrub"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("mid-string.pdf").path))
    }

    @Test("|tagscan-disable:…| directives are removed with the anchors")
    func directives() throws {
        let out = try Self.folder()
        defer { try? FileManager.default.removeItem(at: out) }
        let input = Self.fixture("lint/directives/disable.pdf")
        #expect(try Self.scanDocument(input)["directives"] != nil)
        let target = out.appendingPathComponent("clean.pdf").path
        let scrubbed = try Self.expectProven([], input: input, target: target)
        #expect(scrubbed["directives"] == nil)
        #expect(Self.anchors(scrubbed).isEmpty)
        let json = try CommandRunner.run(["scrub", input, "-o", target, "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
        #expect((entries.first?["directives_removed"] as? [[String: Any]])?.map { $0["text"] as? String } == ["|tagscan-disable:visible-anchor,tiny-anchor|"])
    }
}
