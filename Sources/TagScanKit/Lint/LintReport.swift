/// The result of a lint run: every document with its findings as `diagnostics` (the schema-1
/// document), and the rules that ran.
public struct LintReport: Sendable, Hashable {
    /// Input order; each document's `diagnostics` are its lint findings, after disabled rules and
    /// severity overrides, ordered by page (document-wide findings first), then rule id.
    public var documents: [DocumentResult]
    /// Every rule that ran, sorted by id, plus any scanner diagnostic id no rule claims.
    public var rules: [RuleDescription]

    public init(documents: [DocumentResult], rules: [RuleDescription]) {
        self.documents = documents
        self.rules = rules
    }

    /// The report as schema-1 JSON's top-level object.
    public var scanReport: ScanReport { ScanReport(documents: documents) }

    /// Findings of exactly `severity`.
    public func count(_ severity: Severity) -> Int {
        documents.reduce(0) { $0 + $1.diagnostics.count { $0.severity == severity } }
    }

    /// Findings at `threshold` or above.
    public func count(atLeast threshold: Severity) -> Int {
        documents.reduce(0) { $0 + $1.diagnostics.count { $0.severity >= threshold } }
    }

    /// True when some input could not be read (exit code 2).
    public var hasUnreadableDocuments: Bool {
        documents.contains { $0.status == .error }
    }

    /// The exit code of `tagscan lint`: 2 when some input could not be read, else 1 when a finding is at or
    /// above `threshold` (`.error`, or `.warning` with `--strict`), else 0.
    public func exitCode(failingAt threshold: Severity) -> Int32 {
        if hasUnreadableDocuments { return 2 }
        return count(atLeast: threshold) > 0 ? 1 : 0
    }

    /// "3 documents: 2 errors, 1 warning, 0 info".
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(documents.count, "document")): \(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(count(.info)) info"
    }
}
