import Foundation
import Testing

/// The progress line on a terminal: shown on standard error once a run has gone on for about two
/// seconds, never when standard error is not a terminal or with --quiet, and standard output the
/// same either way. Run under a pseudo-terminal with script(1).
@Suite("progress line", .serialized)
struct ProgressLineCLITests {
    /// A run that takes about three seconds: the content bomb scans until its time limit.
    static func slowRun(_ command: String = "scan") -> String {
        #""$TAGSCAN" "# + command + " --timeout 3 --jobs 1 Fixtures/hostile/content-bomb.pdf Fixtures/templates/rotated.pdf"
    }

    /// Runs `command` with standard error (only) on a pseudo-terminal; returns the exit status,
    /// what reached the terminal and what standard output held.
    static func underTerminal(_ command: String) throws -> (status: Int32, terminal: String, stdout: Data) {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let typescript = folder.appendingPathComponent("typescript").path
        let stdout = folder.appendingPathComponent("stdout.json").path
        let outcome = try ShellRunner.run(
            #"script -qefc "$COMMAND > '$STDOUT'; echo status=\$?" "$TYPESCRIPT""#,
            environment: ["COMMAND": command, "STDOUT": stdout, "TYPESCRIPT": typescript])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let terminal = String(decoding: try Data(contentsOf: URL(fileURLWithPath: typescript)), as: UTF8.self)
        let status = terminal.components(separatedBy: "status=").last.flatMap { Int32($0.prefix { $0.isNumber }) } ?? -1
        return (status, terminal, try Data(contentsOf: URL(fileURLWithPath: stdout)))
    }

    @Test("on a terminal, a long run redraws one line: documents done, pages/s, errors, time left", arguments: ["scan", "lint", "convert --from auto"])
    func shown(_ command: String) throws {
        let run = try Self.underTerminal(Self.slowRun(command))
        #expect(run.status == 2)
        #expect(run.terminal.contains("\r\u{1B}[Ktagscan: 0/2 documents, 0 pages/s, 0 errors, time left unknown"), "\(run.terminal.debugDescription)")
        // Erased before the command's own last words, so the terminal is left clean.
        let last = try #require(run.terminal.range(of: "time left unknown", options: .backwards))
        #expect(run.terminal[last.upperBound...].hasPrefix("\r\u{1B}[K"), "\(run.terminal.debugDescription)")
        let plain = try CommandRunner.run(
            command.split(separator: " ").map(String.init) + [
                "--timeout", "3", "--jobs", "1", "Fixtures/hostile/content-bomb.pdf", "Fixtures/templates/rotated.pdf",
            ])
        #expect(plain.status == 2)
        #expect(!plain.stderr.contains("documents,"), "\(plain.stderr)")
        #expect(Self.withoutTimes(run.stdout) == Self.withoutTimes(plain.stdoutData))
    }

    @Test("--quiet: nothing on the terminal, the same report")
    func quiet() throws {
        let run = try Self.underTerminal(Self.slowRun() + " --quiet")
        #expect(run.status == 2)
        #expect(!run.terminal.contains("documents"), "\(run.terminal.debugDescription)")
        #expect(!run.stdout.isEmpty)
    }

    @Test("a short run shows nothing even on a terminal", arguments: ["scan", "lint", "convert --from auto"])
    func quick(_ command: String) throws {
        let run = try Self.underTerminal(#""$TAGSCAN" "# + command + " Fixtures/templates/rotated.pdf")
        #expect(!run.terminal.contains("documents"), "\(run.terminal.debugDescription)")
    }

    /// The report with the timeout's elapsed seconds (which vary) taken out.
    static func withoutTimes(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self).replacingOccurrences(of: #"longer than [0-9.]+ s"#, with: "longer than N s", options: .regularExpression)
    }
}
