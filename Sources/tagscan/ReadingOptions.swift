import ArgumentParser
import Foundation
import TagScanKit

/// How documents are read: the options of `InputOptions` without the paths, for `tagscan lint`,
/// whose `--list-rules` takes no path. Checked by the command (`validateLimits()`,
/// `validateConfig(paths:)`), so that `--list-rules` can skip the checks.
struct ReadingOptions: ParsableArguments {
    // Optional, so that the help states the default in words rather than this machine's count.
    @Option(name: [.customShort("j"), .customLong("jobs")], help: ArgumentHelp("Worker threads (default: the machine's cores).", valueName: "jobs"))
    var jobsOption: Int?

    var jobs: Int { jobsOption ?? ScanOptions.defaultJobs }

    @Option(help: "Text extraction: glyphs (poppler core, fast), glib (poppler-glib) or automatic.")
    var extraction: ExtractionPath = .automatic

    @Option(help: "Password for encrypted documents (or set TAGSCAN_PASSWORD).")
    var password: String?

    @Option(help: "Configuration file, YAML or JSON (default: tagscan.yml, tagscan.yaml or tagscan.json in a scanned folder).")
    var config: String?

    @Option(help: ArgumentHelp("Seconds one document may take; past it its worker process is stopped and the file gets timeout.", valueName: "seconds"))
    var timeout: Double = IsolationOptions.defaultTimeout

    @Option(
        help: ArgumentHelp("Address-space cap of each worker process (e.g. 512M, 2G; none for no cap); past it the file gets too-large.", valueName: "size"))
    var maxMemory: ByteCount = ByteCount(bytes: IsolationOptions.defaultMaxMemory)

    @Flag(help: "Scan in this process: no worker processes, so no time limit or memory cap.")
    var inProcess = false

    @Flag(name: .shortAndLong, help: "No progress line on standard error (it is shown only on a terminal, once a run has gone on for 2 seconds).")
    var quiet = false

    /// `--jobs` and `--timeout`.
    func validateLimits() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if !(timeout > 0) { throw ValidationError("--timeout must be more than 0 seconds") }
    }

    /// The configuration file loads.
    func validateConfig(paths: [String]) throws {
        do {
            _ = try loadConfig(paths: paths)
        } catch {
            // A bad configuration is a usage error (64), reported as `file:line: message`.
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            throw ExitCode(64)
        }
    }

    /// The configuration from `--config`, or found beside `paths`; nil when none.
    func loadConfig(paths: [String]) throws(ConfigError) -> TagScanConfig? {
        var path = config
        if path == nil { path = try ConfigLoader.discover(for: paths) }
        guard let path else { return nil }
        return try ConfigLoader.load(path: path)
    }

    func scanOptions(paths: [String]) -> ScanOptions {
        var options = ScanOptions(password: password ?? ProcessInfo.processInfo.environment["TAGSCAN_PASSWORD"], jobs: jobs, extraction: extraction)
        options.isolation = isolation
        // validateConfig(paths:) has already refused a configuration that does not load.
        guard let config = try? loadConfig(paths: paths) else { return options }
        return config.applied(to: options)
    }
}
