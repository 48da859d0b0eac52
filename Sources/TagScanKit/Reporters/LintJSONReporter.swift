public import Foundation

/// The schema-1 JSON report of a lint run: each document carries its findings as
/// `diagnostics`.
public struct LintJSONReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> Data {
        JSONReporter().render(report.scanReport)
    }
}
