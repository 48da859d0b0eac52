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
