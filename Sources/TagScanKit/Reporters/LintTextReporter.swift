public import Foundation

/// Lint findings as `path:page: severity: message [rule]` lines (`path: severity: …` for findings
/// about the whole file), in input order; nothing for a clean run.
public struct LintTextReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> Data {
        Data(report.documents.map(document).joined().utf8)
    }

    public func document(_ document: DocumentResult) -> String {
        document.diagnostics.map { diagnostic in
            let location = diagnostic.pageNumber.map { "\(document.path):\($0)" } ?? document.path
            // One line per finding, whatever the message holds.
            let message = diagnostic.message.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "\(location): \(diagnostic.severity.rawValue): \(message) [\(diagnostic.rule)]\n"
        }.joined()
    }
}
