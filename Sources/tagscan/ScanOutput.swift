import ArgumentParser
import Foundation
import TagScanKit

/// What `tagscan scan` and `tagscan convert` share once their options are read: the scan, each
/// document written in the chosen format as soon as it and those before it are done, and exit
/// status 2 when a document could not be read.
enum ScanOutput {
    static func run(paths: [String], options: ScanOptions, format: ScanFormat, output: String?) async throws {
        let sink = try OutputSink(path: output)
        let json = JSONReportStream { sink.write($0) }
        let report = try await Scanner(options: options).scan(paths: paths) { _, document in
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
