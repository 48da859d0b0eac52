/// `malformed-anchor`: text shaped like an auto-tag that does not parse (found by the scanner, with
/// what was expected), and `|tagscan-disable:…|` directives that name no rule.
enum MalformedAnchorRule: DocumentLintRule {
    static let description = DiagnosticCatalog.malformedAnchor

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        var found = document.result.diagnostics.filter { $0.rule == description.id }
        let known = Set(DiagnosticCatalog.all.map(\.id))
        for directive in document.result.directives ?? [] {
            let unknown = directive.disabledRules.filter { !known.contains($0) }
            if directive.disabledRules.isEmpty {
                found.append(
                    description.diagnostic(
                        page: directive.pageNumber,
                        "\(directive.text) names no rule; write |tagscan-disable:rule-id,…| (tagscan lint --list-rules lists the ids)",
                        anchor: directive.text))
            } else if !unknown.isEmpty {
                found.append(
                    description.diagnostic(
                        page: directive.pageNumber,
                        "\(directive.text) names \(unknown.count == 1 ? "an unknown rule" : "unknown rules") \(unknown.map { "'\($0)'" }.joined(separator: ", ")) (tagscan lint --list-rules lists the ids)",
                        anchor: directive.text))
            }
        }
        return found
    }
}
