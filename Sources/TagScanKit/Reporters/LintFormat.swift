public import Foundation

/// Output formats of `tagscan lint` .
public enum LintFormat: String, Sendable, CaseIterable {
    /// `path:page: severity: message [rule]`, one finding per line.
    case text
    /// The schema-1 report, each document carrying its findings as `diagnostics`.
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
        reporter(failingAt: threshold, baseDirectory: baseDirectory).render(report)
    }

    /// The reporter that writes this format.
    public func reporter(failingAt threshold: Severity = .error, baseDirectory: String? = nil) -> any Reporter<LintReport> {
        switch self {
        case .text: LintTextReporter()
        case .json: LintJSONReporter()
        case .sarif: SARIFReporter(baseDirectory: baseDirectory)
        case .github: GitHubActionsReporter(baseDirectory: baseDirectory)
        case .junit: JUnitReporter(failingAt: threshold)
        }
    }
}
