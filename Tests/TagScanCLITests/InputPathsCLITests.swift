import Foundation
import Testing

/// Runs that scan nothing fail; symlinks are followed, each real file once, loops reported; the
/// totals say what was skipped and why. For `scan` and `lint` alike.
@Suite("paths that give no PDF, symlinks, skipped files")
struct InputPathsCLITests {
    static let templates = CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/templates")

    static func documents(_ outcome: CommandRunner.Outcome) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: outcome.stdoutData) as? [String: Any], "\(outcome.stdout)")
        return try #require(object["documents"] as? [[String: Any]])
    }

    static func error(_ document: [String: Any]) -> (code: String, message: String)? {
        guard let error = document["error"] as? [String: Any] else { return nil }
        return (error["code"] as? String ?? "", error["message"] as? String ?? "")
    }

    /// A folder of three Word files and one OpenDocument text, as people keep templates before
    /// exporting them.
    static func wordFolder() throws -> URL {
        let folder = try ShellRunner.temporaryFolder()
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let foreign = CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/foreign")
        for name in ["nda.docx", "lease.docx", "offer.docx"] {
            try FileManager.default.copyItem(at: foreign.appendingPathComponent("employment.docx"), to: templates.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: foreign.appendingPathComponent("lease.odt"), to: templates.appendingPathComponent("lease.odt"))
        return folder
    }

    @Test("a folder of Word files: scan exits 2 with not-found for the folder and says what it skipped")
    func wordFolderScan() throws {
        let folder = try Self.wordFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["scan", "templates/"], directory: folder)
        #expect(outcome.status == 2)
        let documents = try Self.documents(outcome)
        #expect(documents.count == 1)
        #expect(documents.first?["path"] as? String == "templates/")
        #expect(documents.first?["status"] as? String == "error")
        #expect(Self.error(documents[0])?.code == "not-found")
        #expect(Self.error(documents[0])?.message == "no PDF under templates/ (skipped 3 .docx, 1 .odt)")
        #expect(outcome.stderr.contains("tagscan scan: 1 document (1 could not be read); skipped 4 files (3 .docx, 1 .odt)"), "\(outcome.stderr)")
    }

    @Test("a folder of Word files: lint exits 2 and its totals line counts the skipped files")
    func wordFolderLint() throws {
        let folder = try Self.wordFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CommandRunner.run(["lint", "templates"], directory: folder)
        #expect(outcome.status == 2, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("templates: error: no PDF under templates (skipped 3 .docx, 1 .odt) (not-found) [unreadable]"), "\(outcome.stdout)")
        #expect(outcome.stderr.contains("tagscan lint: 1 document: 1 error, 0 warnings, 0 info; skipped 4 files (3 .docx, 1 .odt)"), "\(outcome.stderr)")
    }

    @Test("an empty folder fails, in scan and in lint", arguments: ["scan", "lint"])
    func emptyFolder(_ command: String) throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let outcome = try CommandRunner.run([command, "empty"], directory: folder)
        #expect(outcome.status == 2)
        #expect((outcome.stdout + outcome.stderr).contains("no PDF under empty (the folder is empty)"), "\(outcome.stdout)\(outcome.stderr)")
    }

    @Test("a misspelt path in a list of folders is not-found; the others are scanned", arguments: ["scan", "lint"])
    func misspelt(_ command: String) throws {
        let outcome = try CommandRunner.run([command, "--format", "json", "Fixtures/envelope", "Fixtures/envelop"])
        #expect(outcome.status == 2)
        let documents = try Self.documents(outcome)
        #expect(
            documents.map { $0["path"] as? String } == [
                "Fixtures/envelope/annex.pdf", "Fixtures/envelope/nda.pdf", "Fixtures/envelope/schedule.pdf", "Fixtures/envelop",
            ])
        #expect(Self.error(documents[3])?.code == "not-found")
    }

    @Test("a symlink to a folder and symlinked PDFs in a folder are followed, each real file once")
    func symlinks() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: Self.templates.path)
        let mixed = folder.appendingPathComponent("mixed")
        try fm.createDirectory(at: mixed, withIntermediateDirectories: true)
        try fm.createSymbolicLink(
            atPath: mixed.appendingPathComponent("a.pdf").path, withDestinationPath: Self.templates.appendingPathComponent("rotated.pdf").path)
        try fm.createSymbolicLink(atPath: mixed.appendingPathComponent("b.pdf").path, withDestinationPath: "a.pdf")

        let linked = try CommandRunner.run(["scan", "linked"], directory: folder)
        #expect(linked.status == 0, "\(linked.stderr)")
        let names = try Self.documents(linked).compactMap { $0["path"] as? String }
        #expect(names.count == 12)
        #expect(names.first == "linked/all-roles.pdf")

        let once = try CommandRunner.run(["scan", "mixed"], directory: folder)
        #expect(once.status == 0, "\(once.stderr)")
        #expect(try Self.documents(once).compactMap { $0["path"] as? String } == ["mixed/a.pdf"])
        #expect(once.stderr.contains("tagscan scan: 1 document; skipped 1 file (1 already listed)"), "\(once.stderr)")
    }

    @Test("a folder given twice, or inside another one given, adds nothing and is no error")
    func repeatedFolder() throws {
        let twice = try CommandRunner.run(["scan", "Fixtures/templates", "Fixtures/templates"])
        #expect(twice.status == 0, "\(twice.stderr)")
        #expect(try Self.documents(twice).count == 12)
        #expect(twice.stderr.contains("tagscan scan: 12 documents; skipped 1 file (1 already listed)"), "\(twice.stderr)")

        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inner = folder.appendingPathComponent("docs/inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.templates.appendingPathComponent("rotated.pdf"), to: inner.appendingPathComponent("rotated.pdf"))
        let nested = try CommandRunner.run(["scan", "docs", "docs/inner"], directory: folder)
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(try Self.documents(nested).compactMap { $0["path"] as? String } == ["docs/inner/rotated.pdf"])
    }

    @Test("a symlink loop is reported and not followed; the files beside it are scanned", arguments: ["scan", "lint"])
    func loop(_ command: String) throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        let inner = folder.appendingPathComponent("docs/inner")
        try fm.createDirectory(at: inner, withIntermediateDirectories: true)
        try fm.copyItem(at: Self.templates.appendingPathComponent("rotated.pdf"), to: inner.appendingPathComponent("rotated.pdf"))
        try fm.createSymbolicLink(atPath: inner.appendingPathComponent("back").path, withDestinationPath: "..")
        let outcome = try CommandRunner.run([command, "--format", "json", "docs"], directory: folder)
        #expect(outcome.status == 0 || (command == "lint" && outcome.status == 1), "\(outcome.stderr)")
        #expect(try Self.documents(outcome).compactMap { $0["path"] as? String } == ["docs/inner/rotated.pdf"])
        #expect(outcome.stderr.contains("tagscan: warning: docs/inner/back: a symlink back to docs; not followed"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("skipped 1 file (1 symlink loop)"), "\(outcome.stderr)")
    }
}

/// Word, OpenDocument and image files given where a PDF should be: recognised by their bytes,
/// with what to do, and the path named once.
@Suite("files that are not PDFs")
struct ForeignFileCLITests {
    static let cases: [(file: String, says: String)] = [
        ("employment.docx", "a Word document (.docx), not a PDF: export it to PDF"),
        ("employment.doc", "a Word document (.doc), not a PDF: export it to PDF"),
        ("lease.odt", "an OpenDocument text (.odt), not a PDF: export it to PDF"),
        ("scan.png", "a PNG image, not a PDF"),
        ("scan.jpg", "a JPEG image, not a PDF"),
        ("scan.tiff", "a TIFF image, not a PDF"),
        ("scan.gif", "a GIF image, not a PDF"),
        ("renamed-docx.pdf", "a Word document (.docx), not a PDF"),
    ]

    @Test("scan --format text: exit 2, what the file is and what to do, the path once", arguments: cases)
    func scanText(_ item: (file: String, says: String)) throws {
        let path = "Fixtures/foreign/\(item.file)"
        let outcome = try CommandRunner.run(["scan", "--format", "text", path])
        #expect(outcome.status == 2)
        let line = outcome.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("\(path): error: \(item.says)"), "\(line)")
        #expect(line.hasSuffix("[not-a-pdf]"), "\(line)")
        #expect(line.components(separatedBy: item.file).count == 2, "the path is named more than once: \(line)")
    }

    @Test("lint: exit 2 and the same advice, the path once", arguments: cases)
    func lint(_ item: (file: String, says: String)) throws {
        let path = "Fixtures/foreign/\(item.file)"
        let outcome = try CommandRunner.run(["lint", path])
        #expect(outcome.status == 2)
        let line = outcome.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("\(path): error: \(item.says)"), "\(line)")
        #expect(line.components(separatedBy: item.file).count == 2, "the path is named more than once: \(line)")
    }

    @Test("JSON keeps the stable code not-a-pdf, also from standard input")
    func json() throws {
        let bytes = try Data(contentsOf: CommandRunner.repositoryRoot.appendingPathComponent("Fixtures/foreign/employment.docx"))
        let outcome = try CommandRunner.run(["scan", "-"], stdin: bytes)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.contains(#""code" : "not-a-pdf""#) || outcome.stdout.contains(#""code":"not-a-pdf""#), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("a Word document (.docx), not a PDF"))
    }
}
