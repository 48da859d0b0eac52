import ArgumentParser
import Foundation
import TagScanKit

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check templates for problems Yoti would reject or that would misplace a field.",
        discussion: """
            Exit codes: 0 no finding at or above the threshold (errors; warnings too with --strict); 1 findings at or above it; 2 some input could not be read (a path that yields no PDF included) or the report could not be written; 64 usage error.

            Turn a rule off for every document with --disable RULE (or the configuration file's disabled_rules), or for one template by writing |tagscan-disable:RULE,RULE| anywhere in it (white text is fine). tagscan lint --list-rules lists the rules.
            """
    )

    // InputOptions' paths, but optional: `tagscan lint --list-rules` takes none.
    @Argument(help: InputOptions.pathsHelp)
    var paths: [String] = []

    @OptionGroup var reading: ReadingOptions

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
        try reading.validateLimits()
        let unknown = LintRules.unknown(disabledRules)
        if !unknown.isEmpty {
            throw ValidationError("unknown rule\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) (tagscan lint --list-rules lists them)")
        }
        try reading.validateConfig(paths: paths)
    }

    /// Scan settings and the rules turned off, from the flags and the configuration file.
    func lintOptions() -> LintOptions {
        // validate() has already refused a configuration that does not load.
        let configDisabled = (try? reading.loadConfig(paths: paths))?.disabledRules ?? []
        return LintOptions(scan: reading.scanOptions(paths: paths), disabledRules: disabledRules.union(configDisabled), rendersAnchors: !noRender)
    }

    func run() async throws {
        if listRules {
            let width = DiagnosticCatalog.all.map(\.id.count).max() ?? 0
            var text = ""
            for rule in DiagnosticCatalog.all {
                let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                text += "\(id)  \(severity)  \(rule.summary)\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let sink = try OutputSink(path: output)
        let feedback = RunFeedback(PathExpansion(paths), quiet: reading.quiet)
        let envelopes = Linter.envelopes(feedback.expansion, foldersAsEnvelopes: envelope)
        let report: LintReport
        do {
            report = try await Linter(options: lintOptions()).lint(envelopes) { _, document in feedback.finished(document) }
        } catch {
            feedback.end()
            throw error
        }
        feedback.end()
        let threshold: Severity = strict ? .warning : .error
        sink.write(format.render(report, failingAt: threshold, baseDirectory: FileManager.default.currentDirectoryPath))
        try sink.close()
        FileHandle.standardError.write(Data("tagscan lint: \(report.summary)\(feedback.expansion.skippedSuffix)\n".utf8))
        let code = report.exitCode(failingAt: threshold)
        if code != 0 { throw ExitCode(code) }
    }
}

extension LintFormat: ExpressibleByArgument {}
