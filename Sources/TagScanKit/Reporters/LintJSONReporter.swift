public import Foundation

/// The schema-1 JSON report (SPEC §4) of a lint run: each document carries its findings as
/// `diagnostics`.
public enum LintJSONReporter {
    public static func report(_ report: LintReport) -> Data {
        JSONReporter.report(report.scanReport)
    }
}
