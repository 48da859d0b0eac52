/// `duplicate-tag-name`: one recipient with two fields of the same `nm` name.
enum DuplicateTagNameRule: LintRule {
    static let description = DiagnosticCatalog.duplicateTagName

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        var first: [String: [String: (document: Int, page: Int)]] = [:]
        var findings: [LintFinding] = []
        for (document, anchor, tag) in envelope.taggedAnchors {
            guard let name = tag.name, let role = anchor.role else { continue }
            if let earlier = first[role]?[name] {
                findings.append(
                    description.finding(
                        in: document, at: anchor,
                        "\(anchor.text): \(role) already has a field named \"\(name)\" (\(envelope.place(document: earlier.document, page: earlier.page))); names must be unique per recipient"
                    ))
            } else {
                first[role, default: [:]][name] = (document, anchor.pageNumber)
            }
        }
        return findings
    }
}
