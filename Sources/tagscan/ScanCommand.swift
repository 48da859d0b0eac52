import ArgumentParser
import Foundation
import TagScanKit

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find anchors and print each recipient's Yoti tags as schema-1 JSON."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: json, ndjson or text.")
    var format: ScanFormat = .json

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    func run() async throws {
        try await ScanOutput.run(
            command: "scan", paths: input.paths, options: input.scanOptions, format: format, output: output, quiet: input.reading.quiet)
    }
}

extension ScanFormat: ExpressibleByArgument {}
