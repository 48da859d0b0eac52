import Foundation
import Testing

/// `--output` (and preview's files, submit's dry run) open the path given and write through it:
/// nothing that is not a plain regular file is ever renamed over or replaced.
@Suite("--output writes through what it is given")
struct OutputFileCLITests {
    static let rotated = "Fixtures/templates/rotated.pdf"

    /// The three commands that write a report with `--output`, and a check of what they wrote.
    static let reportCommands: [[String]] = [
        ["scan", rotated],
        ["lint", "--format", "json", rotated],
        ["convert", "--from", "auto", rotated],
    ]

    static func isReport(_ data: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["schema_version"] as? Int == 1 && (object["documents"] as? [Any])?.count == 1
    }

    static func fileType(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    @Test("a symlink: its target gets the report, the link stays a link", arguments: reportCommands)
    func symlink(_ command: [String]) throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.json").path
        let link = folder.appendingPathComponent("link.json").path
        try Data("old text".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.json")

        let outcome = try CommandRunner.run(command + ["--output", link])
        #expect(outcome.status == 0 || (command[0] == "lint" && outcome.status == 1), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.json")
        #expect(Self.isReport(try Data(contentsOf: URL(fileURLWithPath: target))))
    }

    @Test("a FIFO with a reader: the reader gets the report and the FIFO stays a FIFO")
    func fifo() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("report.pipe").path
        #expect(mkfifo(pipe, 0o644) == 0)
        let received = Locked(Data())
        let reader = Thread {
            // Opening a FIFO for reading waits for its writer.
            if let handle = FileHandle(forReadingAtPath: pipe) { received.set(handle.readDataToEndOfFile()) }
        }
        reader.start()
        let outcome = try CommandRunner.run(["scan", Self.rotated, "--output", pipe])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        for _ in 0..<500 where !received.isSet { Thread.sleep(forTimeInterval: 0.01) }
        #expect(Self.isReport(received.value))
        #expect(Self.fileType(pipe) == S_IFIFO)
    }

    @Test("a symlink to the process's own stdout: the report arrives on stdout, the link stays")
    func ownStandardOutput() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("out.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/stdout")
        let outcome = try CommandRunner.run(["scan", Self.rotated, "-o", link])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.isReport(outcome.stdoutData))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/stdout")
    }

    @Test("a full device (/dev/full): exit 2, the message names the file, the device is untouched")
    func fullDevice() throws {
        let outcome = try CommandRunner.run(["scan", Self.rotated, "--output", "/dev/full"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("tagscan: cannot write /dev/full: No space left on device"), "\(outcome.stderr)")
        #expect(Self.fileType("/dev/full") == S_IFCHR)
    }

    @Test("standard output on a full device: exit 2 and a message, for scan and submit --dry-run")
    func fullStandardOutput() throws {
        let scan = try ShellRunner.run(#""$TAGSCAN" scan Fixtures/templates/rotated.pdf > /dev/full"#)
        #expect(scan.status == 2)
        #expect(scan.stderr.contains("tagscan: cannot write to standard output: No space left on device"), "\(scan.stderr)")

        let recipients = URL(fileURLWithPath: try SubmitCommandTests.recipientsFile())
        defer { try? FileManager.default.removeItem(at: recipients.deletingLastPathComponent()) }
        let submit = try ShellRunner.run(
            #""$TAGSCAN" submit Fixtures/envelope/nda.pdf --recipients "$RECIPIENTS" --dry-run > /dev/full"#, environment: ["RECIPIENTS": recipients.path])
        #expect(submit.status == 2, "\(submit.stderr)")
        #expect(submit.stderr.contains("tagscan: cannot write to standard output: No space left on device"), "\(submit.stderr)")
    }

    @Test("a regular file is replaced with its mode kept; a hard-linked one is written in place")
    func regularFiles() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(file, 0o640) == 0)
        let outcome = try CommandRunner.run(["scan", Self.rotated, "-o", file])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.isReport(try Data(contentsOf: URL(fileURLWithPath: file))))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue == 0o640)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])

        let other = folder.appendingPathComponent("other-name.json").path
        #expect(link(file, other) == 0)
        let again = try CommandRunner.run(["scan", "--in-process", Self.rotated, "-o", file])
        #expect(again.status == 0, "\(again.stderr)")
        // Both names still share one file, which holds the new report.
        let first = try Data(contentsOf: URL(fileURLWithPath: file)), second = try Data(contentsOf: URL(fileURLWithPath: other))
        #expect(first == second && Self.isReport(first))
    }

    @Test("a read-only folder: a new report is refused naming it (exit 2); an existing writable file is written in place")
    func readOnlyFolder() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let existing = folder.appendingPathComponent("existing.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: existing))
        #expect(chmod(existing, 0o666) == 0)
        #expect(chmod(folder.path, 0o555) == 0)
        // root ignores permissions: run tagscan as nobody then.
        let asUser = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let refused = try ShellRunner.run(
            asUser + #""$TAGSCAN" scan "$FIXTURES/templates/rotated.pdf" --in-process -o "$DIR/new.json""#, environment: ["DIR": folder.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("tagscan: cannot write \(folder.path)/new.json: Permission denied"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.json").path))

        let written = try ShellRunner.run(
            asUser + #""$TAGSCAN" scan "$FIXTURES/templates/rotated.pdf" --in-process -o "$DIR/existing.json""#, environment: ["DIR": folder.path])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(Self.isReport(try Data(contentsOf: URL(fileURLWithPath: existing))))
    }

    @Test("preview writes through a symlinked image and leaves the link")
    func previewSymlink() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("kept.png").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        let link = out.appendingPathComponent("rotated-p1.png").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let outcome = try CommandRunner.run(["preview", Self.rotated, "--pages", "1", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.fileType(link) == S_IFLNK)
        let png = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test("preview into /dev/full: exit 2 and the file named")
    func previewFullDevice() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("rotated-p1.png").path, withDestinationPath: "/dev/full")
        let outcome = try CommandRunner.run(["preview", Self.rotated, "--pages", "1", "--out", folder.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cannot write \(folder.path)/rotated-p1.png: No space left on device"), "\(outcome.stderr)")
        #expect(Self.fileType("/dev/full") == S_IFCHR)
    }
}
