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
        let sink = try OutputSink(path: output)
        let format = format
        // JSON is streamed too: each document is written as soon as it and those before it are done.
        let json = JSONReportStream { sink.write($0) }
        let report = try await Scanner(options: input.scanOptions).scan(paths: input.paths) { _, document in
            switch format {
            case .ndjson: sink.write(JSONReporter.line(document))
            case .text: sink.write(Data(TextReporter.document(document).utf8))
            case .json: json.add(document)
            }
        }
        if format == .json { json.finish() }
        try sink.close()
        if report.documents.contains(where: { $0.status == .error }) { throw ExitCode(2) }
    }
}

extension ScanFormat: ExpressibleByArgument {}
