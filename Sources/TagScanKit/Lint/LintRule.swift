/// A lint rule: a stable id with a default severity, and a check over one envelope (the documents
/// sent together in one create-envelope request; a single template is an envelope of one).
///
/// Rules are stateless; limits and switches come from ``LintOptions``. Findings carry the rule's
/// default severity; ``Linter`` applies severity overrides and disabled rules afterwards.
protocol LintRule: Sendable {
    static var description: RuleDescription { get }

    /// Every finding of this rule in `envelope`.
    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding]
}

/// A rule that looks at one readable document at a time.
protocol DocumentLintRule: LintRule {
    /// Findings in `document`, which was read successfully (`status == .ok`).
    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic]
}

extension DocumentLintRule {
    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        var findings: [LintFinding] = []
        for (index, document) in envelope.documents.enumerated() where document.result.status == .ok {
            findings += check(document, options: options).map { LintFinding(document: index, diagnostic: $0) }
        }
        return findings
    }
}

/// A rule whose findings the scanner already reports as diagnostics with the rule's id (a wrapped
/// anchor, a clamped field): the check passes them through rather than detecting them again.
protocol ScannerReportedRule: DocumentLintRule {}

extension ScannerReportedRule {
    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        document.result.diagnostics.filter { $0.rule == description.id }
    }
}

/// One finding, and which document of its envelope it is about.
public struct LintFinding: Sendable, Hashable {
    /// Index into `LintEnvelope.documents`.
    public var document: Int
    public var diagnostic: Diagnostic

    public init(document: Int, diagnostic: Diagnostic) {
        self.document = document
        self.diagnostic = diagnostic
    }
}
