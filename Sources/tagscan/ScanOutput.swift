import ArgumentParser
import Foundation
import TagScanKit

/// What `tagscan scan` and `tagscan convert` share once their options are read: the scan, each
/// document written in the chosen format as soon as it and those before it are done, what was
/// skipped on standard error, and exit status 2 when a document could not be read (a path that
/// gave no PDF included) or the report could not be written.
enum ScanOutput {
    ///
    /// `select` picks the documents to scan from those the paths give (a shard, what a resumed
    /// report lacks); `append` adds to `output` instead of replacing it.
    static func run(
        command: String, paths: [String], options: ScanOptions, format: ScanFormat, output: String?, quiet: Bool, append: Bool = false,
        select: ([DocumentSource]) -> [DocumentSource] = { $0 }
    ) async throws {
        let sink = try OutputSink(path: output, append: append)
        let expansion = PathExpansion(paths)
        let sources = select(expansion.sources)
        let feedback = RunFeedback(expansion, quiet: quiet, total: sources.count)
        let json = JSONReportStream { sink.write($0) }
        let report: ScanReport
        do {
            report = try await Scanner(options: options).scan(sources) { _, document in
                feedback.finished(document)
                switch format {
                case .ndjson: sink.write(JSONReporter().line(document))
                case .text: sink.write(Data(TextReporter().document(document).utf8))
                case .json: json.add(document)
                }
            }
        } catch {
            feedback.end()
            throw error
        }
        feedback.end()
        if format == .json { json.finish() }
        try sink.close()
        if let totals = feedback.skippedTotals(report.documents) {
            FileHandle.standardError.write(Data("tagscan \(command): \(totals)\n".utf8))
        }
        if report.documents.contains(where: { $0.status == .error }) { throw ExitCode(2) }
    }
}
