import ArgumentParser
import Foundation
import TagScanKit

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check templates for problems Yoti would reject or that would misplace a field.",
        discussion: """
            Exit codes: 0 no finding at or above the threshold (errors; warnings too with --strict);
            1 findings at or above it; 2 some input could not be read; 64 usage error.

            Turn a rule off for every document with --disable RULE, or for one template by writing
            |tagscan-disable:RULE,RULE| anywhere in it (white text is fine). tagscan lint --list-rules
            lists the rules.
            """
    )

    // The options of InputOptions, declared here because InputOptions requires at least one path
    // and `tagscan lint --list-rules` takes none; they mean the same as for `tagscan scan`.
    @Argument(help: "PDF files or folders (searched recursively for *.pdf); - reads standard input.")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Worker threads (default: the machine's cores).")
    var jobs: Int = ScanOptions.defaultJobs

    @Option(help: "Text extraction: glyphs (poppler core, fast), glib (poppler-glib) or automatic.")
    var extraction: ExtractionPath = .automatic

    @Option(help: "Password for encrypted documents (or set TAGSCAN_PASSWORD).")
    var password: String?

    @Option(help: "Configuration file, YAML or JSON (default: tagscan.yml, tagscan.yaml or tagscan.json in a linted folder); its disabled_rules are turned off.")
    var config: String?

    @Option(help: ArgumentHelp("Seconds one document may take; past it its worker process is stopped and the file gets timeout.", valueName: "seconds"))
    var timeout: Double = IsolationOptions.defaultTimeout

    @Option(help: ArgumentHelp("Address-space cap of each worker process (e.g. 512M, 2G; none for no cap); past it the file gets too-large.", valueName: "size"))
    var maxMemory: ByteCount = ByteCount(bytes: IsolationOptions.defaultMaxMemory)

    @Flag(help: "Scan in this process: no worker processes, so no time limit or memory cap.")
    var inProcess = false

    @Option(help: "Output format: text, json, sarif, github or junit.")
    var format: LintFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(help: "Fail (exit 1) on warnings as well as errors.")
    var strict = false

    @Option(name: .customLong("disable"), help: ArgumentHelp("Turn a rule off (repeatable; or a comma-separated list).", valueName: "rule"))
    var disabled: [String] = []

    @Flag(help: "Treat each folder given as one envelope: per-envelope limits (files, size, tags per recipient) apply to its files together.")
    var envelope = false

    @Flag(help: "List the rules with their default severity and exit.")
    var listRules = false

    @Flag(help: "Do not render anchors to tell invisible text from visible (faster; visible-anchor then trusts the colour alone).")
    var noRender = false

    var disabledRules: Set<String> {
        Set(disabled.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    func validate() throws {
        if listRules { return }
        if paths.isEmpty { throw ValidationError("give at least one PDF file or folder") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if !(timeout > 0) { throw ValidationError("--timeout must be more than 0 seconds") }
        let unknown = LintRules.unknown(disabledRules)
        if !unknown.isEmpty {
            throw ValidationError("unknown rule\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) (tagscan lint --list-rules lists them)")
        }
        do {
            _ = try loadConfig()
        } catch {
            // A bad configuration is a usage error (64), reported as `file:line: message`.
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            throw ExitCode(64)
        }
    }

    /// The configuration from `--config`, or found beside the linted documents; nil when none.
    func loadConfig() throws(ConfigError) -> TagScanConfig? {
        var path = config
        if path == nil { path = try ConfigLoader.discover(for: paths) }
        guard let path else { return nil }
        return try ConfigLoader.load(path: path)
    }

    /// Scan settings and the rules turned off, from the flags and the configuration file.
    func lintOptions() -> LintOptions {
        var scan = ScanOptions(password: password ?? ProcessInfo.processInfo.environment["TAGSCAN_PASSWORD"], jobs: jobs, extraction: extraction)
        if !inProcess {
            scan.isolation = IsolationOptions(workerExecutable: WorkerExecutable.path, timeout: timeout, maxMemory: maxMemory.bytes)
        }
        var disabled = disabledRules
        // validate() has already refused a configuration that does not load.
        if let config = try? loadConfig() {
            scan = config.applied(to: scan)
            disabled.formUnion(config.disabledRules)
        }
        return LintOptions(scan: scan, disabledRules: disabled, rendersAnchors: !noRender)
    }

    func run() async throws {
        if listRules {
            let width = LintRules.ids.map(\.count).max() ?? 0
            var text = ""
            for rule in LintRules.descriptions {
                let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                text += "\(id)  \(severity)  \(rule.summary)\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let report = try await Linter(options: lintOptions()).lint(paths: paths, foldersAsEnvelopes: envelope)
        let threshold: Severity = strict ? .warning : .error
        let sink = try OutputSink(path: output)
        sink.write(format.render(report, failingAt: threshold, baseDirectory: FileManager.default.currentDirectoryPath))
        try sink.close()
        FileHandle.standardError.write(Data("tagscan lint: \(report.summary)\n".utf8))
        let code = report.exitCode(failingAt: threshold)
        if code != 0 { throw ExitCode(code) }
    }
}

extension LintFormat: ExpressibleByArgument {}
