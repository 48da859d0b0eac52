import ArgumentParser
import Foundation
import TagScanKit

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find anchors and print each recipient's Yoti tags as schema-1 JSON.",
        discussion: """
            Batch runs: --files-from takes the input list from a file (one path a line; - for standard input); --shard INDEX/COUNT scans only every COUNT-th document of the sorted list from position INDEX (0-based; with COUNT alone the index comes from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX); --format ndjson --output FILE --resume skips the documents FILE already holds and appends the others, so a retried job continues where it stopped.
            """
    )

    // InputOptions' paths, but optional: --files-from may give them all.
    @Argument(help: InputOptions.pathsHelp)
    var paths: [String] = []

    @OptionGroup var reading: ReadingOptions

    @Option(help: "Output format: json, ndjson or text.")
    var format: ScanFormat = .json

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Also scan the paths listed in this file, one a line (- reads standard input).", valueName: "list"))
    var filesFrom: String?

    @Option(
        help: ArgumentHelp(
            "Scan only this share of the sorted input list: INDEX/COUNT, or COUNT with the index from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX.",
            valueName: "index/count"))
    var shard: String?

    @Flag(help: "With --format ndjson --output FILE: skip the documents FILE already holds and append the rest.")
    var resume = false

    func validate() throws {
        if paths.isEmpty && filesFrom == nil { throw ValidationError("give at least one PDF file or folder, or --files-from LIST") }
        if resume && (format != .ndjson || output == nil) { throw ValidationError("--resume needs --format ndjson and --output FILE") }
        if paths.contains("-") && filesFrom == "-" { throw ValidationError("standard input cannot be both a document (-) and the --files-from list") }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError(error.description) }
        }
        try reading.validateLimits()
        // With --files-from the configuration is checked once the list is read.
        if filesFrom == nil { try reading.validateConfig(paths: paths) }
    }

    func run() async throws {
        var all = paths
        if let filesFrom {
            do {
                all += try FileList.read(filesFrom)
            } catch {
                FileHandle.standardError.write(Data("tagscan: \(error.description)\n".utf8))
                throw ExitCode(2)
            }
            if all.isEmpty { throw ValidationError("the file list \(filesFrom) names no path") }
            try reading.validateConfig(paths: all)
        }
        let shard = try self.shard.map { text in
            do { return try Shard(parsing: text) } catch { throw ValidationError("\(error)") }
        }
        var resumed: NDJSONResume?
        if resume, let output {
            do {
                resumed = try NDJSONResume.prepare(path: output)
            } catch {
                FileHandle.standardError.write(Data("tagscan: \(error.description)\n".utf8))
                throw ExitCode(2)
            }
        }
        try await ScanOutput.run(
            command: "scan", paths: all, options: reading.scanOptions(paths: all), format: format, output: output, quiet: reading.quiet,
            append: resume,
            select: { sources in
                let share = shard?.select(sources) ?? sources
                return resumed?.remaining(share) ?? share
            })
    }
}

extension ScanFormat: ExpressibleByArgument {}
