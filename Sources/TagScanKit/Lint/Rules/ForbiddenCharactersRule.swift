import YotiSignModels

/// `forbidden-characters`: a placeholder or pre-filled value holding a character Yoti refuses.
enum ForbiddenCharactersRule: DocumentLintRule {
    static let description = DiagnosticCatalog.forbiddenCharacters

    /// The characters the API refuses in help text and pre-filled values.
    static let forbidden = Preflight.forbiddenCharacterList

    static func check(_ document: LintDocument, options: LintOptions) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for anchor in document.result.anchors {
            guard let metadata = anchor.metadata else { continue }
            for (key, value) in [("ph", metadata.ph), ("pf", metadata.pf)] {
                guard let value else { continue }
                let bad = forbidden.filter { value.contains($0) }
                guard !bad.isEmpty else { continue }
                found.append(
                    description.diagnostic(
                        page: anchor.pageNumber,
                        "\(anchor.text): the \(key) value \"\(value)\" contains \(bad.map { "'\($0)'" }.joined(separator: ", ")), which Yoti refuses",
                        anchor: anchor.text))
            }
        }
        return found
    }
}
