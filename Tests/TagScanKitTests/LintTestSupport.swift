import Foundation
import TagScanKit

/// Runs the linter over fixtures below `Fixtures/lint/` (or any `Fixtures/` path).
enum LintFixtures {
    static func path(_ relative: String) -> String { FixtureSupport.path("lint/\(relative)") }

    /// Options for tests: one worker per scan (suites run in parallel on 2 shared cores).
    static func options(_ adjust: (inout LintOptions) -> Void = { _ in }) -> LintOptions {
        var options = LintOptions(scan: ScanOptions(jobs: 1))
        adjust(&options)
        return options
    }

    static func lint(_ paths: [String], envelope: Bool = false, options: LintOptions = options()) async throws -> LintReport {
        try await Linter(options: options).lint(paths: paths, foldersAsEnvelopes: envelope)
    }

    /// Every finding in the report as `(rule, page, anchor)`, in report order.
    static func findings(_ report: LintReport) -> [Finding] {
        report.documents.flatMap { document in
            document.diagnostics.map { Finding(rule: $0.rule, page: $0.pageNumber, anchor: $0.anchor, path: document.path) }
        }
    }

    struct Finding: Hashable, CustomStringConvertible {
        var rule: String
        var page: Int?
        var anchor: String?
        var path: String

        var description: String { "\(rule)@\(page.map(String.init) ?? "-") \(anchor ?? "")" }
    }
}
