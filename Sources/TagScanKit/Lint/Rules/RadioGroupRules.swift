import YotiSignModels

/// Radio buttons grouped by recipient and `tag_group_name`, in envelope order.
private func radioGroups(_ envelope: LintEnvelope) -> [(key: String, members: [(document: Int, anchor: Anchor, tag: Tag)])] {
    var order: [String] = []
    var members: [String: [(document: Int, anchor: Anchor, tag: Tag)]] = [:]
    for entry in envelope.taggedAnchors where entry.tag.type == .radioField {
        guard let group = entry.tag.tagGroupName, let role = entry.anchor.role else { continue }
        let key = "\(role)\u{0}\(group)"
        if members[key] == nil { order.append(key) }
        members[key, default: []].append(entry)
    }
    return order.map { ($0, members[$0] ?? []) }
}

/// `radio-group-too-small`: a radio group with a single button.
enum RadioGroupTooSmallRule: LintRule {
    static let description = DiagnosticCatalog.radioGroupTooSmall

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        radioGroups(envelope).compactMap { _, members in
            guard members.count < 2, let only = members.first else { return nil }
            return description.finding(
                in: only.document, at: only.anchor,
                "\(only.anchor.text) is the only button of \(only.anchor.role ?? "its recipient")'s \"\(only.tag.tagGroupName ?? "")\"; a radio group needs at least 2"
            )
        }
    }
}

/// `radio-group-mixed-required`: a radio group mixing required and optional buttons.
enum RadioGroupMixedRequiredRule: LintRule {
    static let description = DiagnosticCatalog.radioGroupMixedRequired

    static func check(_ envelope: LintEnvelope, options: LintOptions) -> [LintFinding] {
        radioGroups(envelope).compactMap { _, members in
            guard let first = members.first, let odd = members.first(where: { $0.tag.optional != first.tag.optional }) else { return nil }
            return description.finding(
                in: odd.document, at: odd.anchor,
                "\(odd.anchor.text) is \(odd.tag.optional ? "optional" : "required") but \(first.anchor.text) (\(envelope.place(document: first.document, page: first.anchor.pageNumber))) in the same group \"\(first.tag.tagGroupName ?? "")\" is \(first.tag.optional ? "optional" : "required")"
            )
        }
    }
}
