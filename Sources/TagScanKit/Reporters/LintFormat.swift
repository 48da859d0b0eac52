public import Foundation

/// Output formats of `tagscan lint` (SPEC §5).
public enum LintFormat: String, Sendable, CaseIterable {
    /// `path:page: severity: message [rule]`, one finding per line.
    case text
    /// The schema-1 report (SPEC §4), each document carrying its findings as `diagnostics`.
    case json
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…::…`), escaped.
    case github
    /// JUnit XML, one test suite per document.
    case junit

    /// Renders `report`. `threshold` is the severity that fails the run (JUnit marks findings
    /// below it as output, not failures); `baseDirectory` turns absolute paths into the relative
    /// paths SARIF viewers and GitHub annotations expect.
    public func render(_ report: LintReport, failingAt threshold: Severity = .error, baseDirectory: String? = nil) -> Data {
        switch self {
        case .text: Data(TextLintReporter.report(report).utf8)
        case .json: LintJSONReporter.report(report)
        case .sarif: SARIFReporter.report(report, baseDirectory: baseDirectory)
        case .github: Data(GitHubActionsReporter.report(report, baseDirectory: baseDirectory).utf8)
        case .junit: Data(JUnitReporter.report(report, failingAt: threshold).utf8)
        }
    }
}
