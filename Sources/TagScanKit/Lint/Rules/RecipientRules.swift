/// "Signer 3" → ("Signer", 3); nil for a role string without a trailing number.
func splitRole(_ role: String) -> (name: String, number: Int)? {
    guard let space = role.lastIndex(of: " "), let number = Int(role[role.index(after: space)...]) else { return nil }
    return (String(role[..<space]), number)
}

/// Each recipient role in order of first appearance, with where it first appears.
private func recipients(_ envelope: LintEnvelope) -> [(role: String, document: Int, anchor: Anchor)] {
    var seen: Set<String> = []
    var out: [(role: String, document: Int, anchor: Anchor)] = []
    for (document, anchor, _) in envelope.taggedAnchors {
        guard let role = anchor.role, seen.insert(role).inserted else { continue }
        out.append((role, document, anchor))
    }
    return out
}

/// `too-many-recipients`: more signing recipients than Yoti's 30 per envelope.
enum TooManyRecipientsRule: LintRule {
    static let description = DiagnosticCatalog.tooManyRecipients

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        let all = recipients(envelope)
        guard all.count > options.maximumSigners else { return [] }
        let over = all[options.maximumSigners]
        return [
            description.finding(
                in: over.document, at: over.anchor,
                "\(envelope.name) names \(all.count) signing recipients; Yoti accepts at most \(options.maximumSigners) (\(over.role), from \(over.anchor.text), is number \(options.maximumSigners + 1))"
            )
        ]
    }
}

/// `too-many-tags`: one recipient with more than Yoti's 200 tags.
enum TooManyTagsRule: LintRule {
    static let description = DiagnosticCatalog.tooManyTags

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        var firstOver: [String: (document: Int, anchor: Anchor)] = [:]
        for (document, anchor, _) in envelope.taggedAnchors {
            guard let role = anchor.role else { continue }
            if counts[role] == nil { order.append(role) }
            counts[role, default: 0] += 1
            if counts[role] == options.maximumTagsPerRecipient + 1 { firstOver[role] = (document, anchor) }
        }
        return order.compactMap { role in
            guard let over = firstOver[role], let count = counts[role] else { return nil }
            return description.finding(
                in: over.document, at: over.anchor,
                "\(role) has \(count) fields in \(envelope.name); Yoti accepts at most \(options.maximumTagsPerRecipient) per recipient (field \(options.maximumTagsPerRecipient + 1) is \(over.anchor.text))"
            )
        }
    }
}

/// `recipient-gap`: recipients of one role numbered with a gap (Signer 1 and Signer 3, no Signer 2).
enum RecipientGapRule: LintRule {
    static let description = DiagnosticCatalog.recipientGap

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        var numbers: [String: Set<Int>] = [:]
        var highest: [String: (number: Int, document: Int, anchor: Anchor)] = [:]
        var order: [String] = []
        for (document, anchor, _) in envelope.taggedAnchors {
            guard let role = anchor.role, let (name, number) = splitRole(role) else { continue }
            if numbers[name] == nil { order.append(name) }
            numbers[name, default: []].insert(number)
            if number > highest[name]?.number ?? 0 { highest[name] = (number, document, anchor) }
        }
        return order.compactMap { name in
            guard let top = highest[name], let used = numbers[name] else { return nil }
            let missing = (1..<top.number).filter { !used.contains($0) }
            guard !missing.isEmpty else { return nil }
            let missingNames = missing.map { "\(name) \($0)" }
            return description.finding(
                in: top.document, at: top.anchor,
                "\(envelope.name.capitalisedFirst) has fields for \(name) \(top.number) (\(top.anchor.text)) but none for \(list(missingNames)); check the anchors' recipient numbers"
            )
        }
    }
}

/// `industry-type`: which `autotagging` value the envelope's roles need.
enum IndustryTypeRule: LintRule {
    static let description = DiagnosticCatalog.industryType

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        var industries: Set<String> = []
        var roles: [String] = []
        var first: (document: Int, anchor: Anchor)?
        for (document, anchor, _) in envelope.taggedAnchors where anchor.dialect == .yoti {
            guard let role = anchor.role, let (name, _) = splitRole(role),
                let kind = RecipientRole.allCases.first(where: { $0.name == name })
            else { continue }
            if first == nil { first = (document, anchor) }
            industries.insert(kind.industry)
            if !roles.contains(name) { roles.append(name) }
        }
        guard let first else { return [] }
        let value = industries.count > 1 ? "ALL" : industries.first ?? "GENERAL"
        return [
            LintFinding(
                document: first.document,
                diagnostic: description.diagnostic(
                    page: nil,
                    "the auto-tags' roles (\(list(roles))) need \"autotagging\": \"\(value)\" in the envelope options"))
        ]
    }
}

/// "a", "a and b", "a, b and c".
func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
