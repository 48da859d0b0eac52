extension PageScan {
    /// Runs the custom-rule and foreign-tag finders over the page's normalised text (the same
    /// `SearchText` the auto-tag finder read) and records their matches.
    mutating func findDialectAnchors(in text: SearchText, page: PageText, customRules: [CustomAnchorRule]) {
        let custom = Self.keptForOccurrence(CustomAnchorFinder.find(rules: customRules, in: text, page: page), customRules)
        var claimed = Set<Int>()
        for match in custom {
            let box = Self.union(match.glyphs, page)
            if let outside = Self.outsideVisiblePage(match.text, match.glyphs, box, page) {
                diagnostics.append(outside)
                claimed.formUnion(match.glyphs)
                continue
            }
            anchors.append(
                found(match.text, .custom, .custom(ruleIndex: match.ruleIndex, .init(order: match.order, wrapped: match.wrapped)), box, match.glyphs, page))
            claimed.formUnion(match.glyphs)
        }
        for match in ForeignTagFinder.find(in: text, page: page) {
            // A rule written for the vendor's own syntax (anchor "\s1\") wins over the vendor reading.
            if match.glyphs.contains(where: claimed.contains) { continue }
            let box = Self.union(match.glyphs, page)
            if let outside = Self.outsideVisiblePage(match.text, match.glyphs, box, page) {
                diagnostics.append(outside)
                continue
            }
            anchors.append(
                found(match.text, match.dialect, .foreign(match.result, .init(order: match.order, wrapped: match.wrapped)), box, match.glyphs, page))
        }
    }

    /// Only the matches a rule's occurrence can still choose, so a rule on a common word keeps a
    /// page's first n (or last) matches rather than all of them until the document is assembled.
    /// Wrapped matches are kept: they are reported, and never counted.
    static func keptForOccurrence(_ matches: [CustomAnchorFinder.Match], _ rules: [CustomAnchorRule]) -> [CustomAnchorFinder.Match] {
        var byRule: [Int: [CustomAnchorFinder.Match]] = [:]
        for match in matches { byRule[match.ruleIndex, default: []].append(match) }
        var kept: [CustomAnchorFinder.Match] = []
        for (ruleIndex, list) in byRule.sorted(by: { $0.key < $1.key }) {
            let wrapped = list.filter(\.wrapped)
            let counted = list.filter { !$0.wrapped }.sorted { $0.order < $1.order }
            switch rules[ruleIndex].occurrence {
            case .all: kept += counted
            case .first: kept += counted.prefix(1)
            case .last: kept += counted.suffix(1)
            case .nth(let n): kept += counted.prefix(max(0, n))
            }
            kept += wrapped
        }
        return kept
    }

    private func found(_ text: String, _ dialect: AnchorDialect, _ kind: FoundAnchor.Kind, _ box: Box, _ glyphs: [Int], _ page: PageText) -> FoundAnchor {
        let style = page.style(at: glyphs[0])
        return FoundAnchor(
            text: text, kind: kind, dialect: dialect, box: box,
            fontSize: style?.fontSize, color: style?.hexColor, renderMode: style?.renderMode)
    }

    /// Union of the glyph boxes, skipping empty ones (spaces poppler gives no extent).
    static func union(_ glyphs: [Int], _ page: PageText) -> Box {
        glyphs.map { page.boxes[$0] }.filter { $0.width > 0 || $0.height > 0 }.reduce(nil as Box?) { $0?.union($1) ?? $1 }
            ?? page.boxes[glyphs[0]]
    }

}
