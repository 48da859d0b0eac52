/// `unreadable`: a document (or page) that could not be read at all: not a PDF, damaged, missing.
enum UnreadableRule: LintRule {
    static let description = DiagnosticCatalog.unreadable

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        var findings: [LintFinding] = []
        for (index, document) in envelope.documents.enumerated() {
            let result = document.result
            if result.status == .error {
                if let error = result.error, EncryptedRule.codes.contains(error.code) { continue }
                let message = result.error.map { "\($0.message(withoutPath: result.path)) (\($0.code.rawValue))" } ?? "the document could not be read"
                findings.append(LintFinding(document: index, diagnostic: description.diagnostic(page: nil, message)))
            } else {
                findings += result.diagnostics.filter { $0.rule == description.id }.map { LintFinding(document: index, diagnostic: $0) }
            }
        }
        return findings
    }
}
