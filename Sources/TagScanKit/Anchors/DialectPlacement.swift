import YotiSignModels

/// Turns a document's custom-rule matches and foreign tags into anchors, tags and diagnostics.
///
/// - Custom rules: occurrences are counted over the whole document in reading order; the chosen
///   matches place their field at the rule's reference point plus its offsets; a rule that places
///   nothing is an `anchor-not-found` error unless it says `ignore_if_missing`.
/// - Foreign tags are always listed as anchors, with the Yoti role their recipient maps to. A scan
///   places nothing for them and warns (`foreign-tag`): Yoti ignores them and they stay in the
///   document as text. When their dialect is in `ScanOptions.translatedDialects` (`tagscan
///   convert --from`), they place the nearest Yoti field at the tag's top-left, sized like the
///   tag where the vendor sizes fields from it, and each loss of meaning is a diagnostic
///   (`foreign-tag-unsupported`, `foreign-tag-dropped`).
struct DialectPlacement {
    var placer: FieldPlacer
    private var options: ScanOptions { placer.options }

    init(placer: FieldPlacer) {
        self.placer = placer
    }

    struct Output {
        var anchors: [Anchor] = []
        var diagnostics: [Diagnostic] = []
    }

    private typealias Match = (page: PageInfo, anchor: FoundAnchor, order: Int)

    func place(_ found: [(page: PageInfo, anchor: FoundAnchor)]) -> Output {
        var output = Output()
        var byRule: [Int: [Match]] = [:]
        var wrappedByRule: [Int: [(page: PageInfo, anchor: FoundAnchor)]] = [:]
        for (page, anchor) in found {
            switch anchor.kind {
            case .custom(let ruleIndex, let match):
                if match.wrapped {
                    wrappedByRule[ruleIndex, default: []].append((page, anchor))
                } else {
                    byRule[ruleIndex, default: []].append((page, anchor, match.order))
                }
            case .foreign(let result, let match):
                placeForeign(anchor, result, wrapped: match.wrapped, on: page, into: &output)
            case .header, .autoTag:
                continue
            }
        }
        for (ruleIndex, rule) in options.customRules.enumerated() {
            let matches = (byRule[ruleIndex] ?? []).sorted { ($0.page.pageNumber, $0.order) < ($1.page.pageNumber, $1.order) }
            let chosen: ArraySlice<Match>
            switch rule.occurrence {
            case .all: chosen = matches[...]
            case .first: chosen = matches.prefix(1)
            case .last: chosen = matches.suffix(1)
            case .nth(let n): chosen = n >= 1 && n <= matches.count ? matches[(n - 1)...(n - 1)] : []
            }
            // A match broken across two lines places nothing. Say so where it matters: for a rule
            // that places a field at every match, or one that ends up placing none.
            if rule.occurrence == .all || chosen.isEmpty {
                for (page, found) in wrappedByRule[ruleIndex] ?? [] {
                    output.diagnostics.append(
                        DiagnosticCatalog.anchorWrapsLine.diagnostic(
                            page: page.pageNumber,
                            "\(found.text) (custom anchor rule '\(rule.displayName)') is broken across two lines, so no field was placed there",
                            anchor: found.text, box: found.box.rounded))
                }
            }
            if chosen.isEmpty {
                if !rule.ignoreIfMissing {
                    let found = matches.isEmpty ? "matches nothing in this document" : "asks for match \(rule.occurrence) but the document has \(matches.count)"
                    output.diagnostics.append(
                        DiagnosticCatalog.anchorNotFound.diagnostic(
                            page: nil,
                            "custom anchor rule '\(rule.displayName)' \(found), so no \(rule.type.rawValue) was placed for \(rule.role) (set ignore_if_missing to allow this)",
                            anchor: rule.anchor))
                }
                continue
            }
            for match in chosen { placeCustom(match.anchor, rule, on: match.page, into: &output) }
        }
        return output
    }

    // MARK: Custom rules

    private func placeCustom(_ found: FoundAnchor, _ rule: CustomAnchorRule, on page: PageInfo, into output: inout Output) {
        let placed = placer.place(rule.fieldRequest(forMatchAt: found.box, fontSize: found.fontSize, on: page), anchor: found.text, on: page)
        output.diagnostics += placed.diagnostics
        var anchor = found.listed(on: page.pageNumber)
        anchor.role = rule.role
        anchor.signGroup = placed.signGroup
        anchor.tag = placed.tag
        anchor.rule = rule.displayName
        output.anchors.append(anchor)
    }

    // MARK: Foreign tags

    private func placeForeign(
        _ found: FoundAnchor, _ result: Result<ForeignTag, ForeignTag.Failure>, wrapped: Bool, on page: PageInfo, into output: inout Output
    ) {
        let translating = options.translatedDialects.contains(found.dialect)
        let vendor = ForeignTag.vendorName(found.dialect)
        var anchor = found.listed(on: page.pageNumber)
        // Unless the run converts this vendor's tags, they place nothing: a problem with one is
        // worth a warning, not the error it is when a field depends on it.
        func report(_ entry: RuleDescription, _ message: String, atMostWarning: Bool = false) {
            var diagnostic = entry.diagnostic(page: page.pageNumber, message, anchor: found.text, box: found.box.rounded)
            if atMostWarning, diagnostic.severity > .warning { diagnostic.severity = .warning }
            output.diagnostics.append(diagnostic)
        }

        let foreign: ForeignTag
        switch result {
        case .failure(let failure):
            output.anchors.append(anchor)
            report(
                DiagnosticCatalog.foreignTagMalformed,
                "\(found.text) looks like \(Self.article(vendor)) \(vendor) tag but is not a valid one: \(failure.description)", atMostWarning: !translating)
            return
        case .success(let tag):
            foreign = tag
        }
        anchor.vendorType = foreign.vendorType
        let role = RoleMapping.role(for: foreign.recipient, number: foreign.recipientNumber, map: options.roleMap)
        anchor.role = role
        anchor.signGroup = role.map { placer.signGroup(for: $0) }

        if wrapped {
            output.anchors.append(anchor)
            report(
                DiagnosticCatalog.anchorWrapsLine,
                "\(found.text) (\(vendor)) is broken across two lines, so \(vendor) would not read it and no field was placed; keep it on one line",
                atMostWarning: !translating)
            return
        }
        guard translating else {
            output.anchors.append(anchor)
            let outcome: String
            if let type = foreign.type, let role {
                outcome = "`tagscan convert --from \(found.dialect.rawValue)` places \(Self.article(type.rawValue)) \(type.rawValue) tag for \(role) there"
            } else {
                outcome = "it has no Yoti equivalent (\(foreign.notes.first?.message ?? "no field type maps to it")); remove it"
            }
            report(
                DiagnosticCatalog.foreignTag,
                "\(found.text) is \(Self.article(vendor)) \(vendor) tag: Yoti ignores it and it stays in the document as text; \(outcome)")
            return
        }

        for note in foreign.notes {
            switch note.kind {
            case .unsupportedType: report(DiagnosticCatalog.foreignTagUnsupported, "\(found.text): \(note.message)")
            case .droppedAttribute: report(DiagnosticCatalog.foreignTagDropped, "\(found.text): \(note.message)")
            }
        }
        guard let role, let request = foreign.fieldRequest(role: role, at: found.box, on: page) else {
            output.anchors.append(anchor)
            return
        }
        let placed = placer.place(request, anchor: found.text, on: page)
        output.diagnostics += placed.diagnostics
        anchor.tag = placed.tag
        output.anchors.append(anchor)
    }

    // MARK: Shared

    /// "a" or "an" before `word`, by its first letter.
    static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeio".contains(first) ? "an" : "a"
    }
}
