import YotiSign

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
    var options: ScanOptions
    var fileName: String

    struct Output {
        var anchors: [Anchor] = []
        var diagnostics: [Diagnostic] = []
    }

    func place(_ hits: [(page: PageInfo, anchor: PageScan.FoundAnchor)]) -> Output {
        var output = Output()
        var byRule: [Int: [(page: PageInfo, anchor: PageScan.FoundAnchor, order: Int)]] = [:]
        var wrappedByRule: [Int: [(page: PageInfo, anchor: PageScan.FoundAnchor)]] = [:]
        for (page, found) in hits {
            guard let hit = found.hit else { continue }
            switch hit.kind {
            case .custom(let ruleIndex):
                if hit.wrapped {
                    wrappedByRule[ruleIndex, default: []].append((page, found))
                } else {
                    byRule[ruleIndex, default: []].append((page, found, hit.order))
                }
            case .foreign(let result):
                placeForeign(found, result, wrapped: hit.wrapped, on: page, into: &output)
            }
        }
        for (ruleIndex, rule) in options.customRules.enumerated() {
            let matches = (byRule[ruleIndex] ?? []).sorted { ($0.page.pageNumber, $0.order) < ($1.page.pageNumber, $1.order) }
            let chosen: ArraySlice<(page: PageInfo, anchor: PageScan.FoundAnchor, order: Int)>
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

    private func placeCustom(_ found: PageScan.FoundAnchor, _ rule: CustomAnchorRule, on page: PageInfo, into output: inout Output) {
        let point = rule.referencePoint(for: found.box, on: page, fontSize: found.fontSize)
        let width = rule.width.map { TagPlacer.round4($0.fraction(pageExtent: page.width)) } ?? options.textFieldWidth
        let placement = TagPlacer(textFieldWidth: width).place(Box(x: point.x, y: point.y, width: 0, height: 0), on: page, type: rule.type, anchor: found.text)
        output.diagnostics += placement.diagnostics
        let isText = rule.type == .textField
        let tag = Tag(
            pageNumber: page.pageNumber, x: placement.x, y: placement.y, type: rule.type,
            optional: optional(!rule.required, rule.type, found.text, page, &output), fileName: fileName,
            width: placement.width, name: rule.name,
            prefilledValue: isText ? rule.prefilledValue : nil, helpText: isText ? rule.helpText : nil,
            validation: isText ? rule.validation : nil)
        var anchor = Anchor(
            text: found.text, dialect: .custom, pageNumber: page.pageNumber, box: found.box.rounded, role: rule.role,
            signGroup: rule.signGroup ?? options.signGroups[rule.role] ?? ruleSignGroup(rule.role) ?? 1, tag: tag,
            fontSize: found.fontSize, color: found.color, renderMode: found.renderMode)
        anchor.rule = rule.displayName
        output.anchors.append(anchor)
    }

    /// The sign group another rule gives `role`, so all of a role's fields agree.
    private func ruleSignGroup(_ role: String) -> Int? {
        options.customRules.first { $0.role == role && $0.signGroup != nil }?.signGroup
    }

    // MARK: Foreign tags

    private func placeForeign(
        _ found: PageScan.FoundAnchor, _ result: Result<ForeignTag, ForeignTag.Failure>, wrapped: Bool, on page: PageInfo, into output: inout Output
    ) {
        let translating = options.translatedDialects.contains(found.dialect)
        let vendor = ForeignTag.vendorName(found.dialect)
        var anchor = Anchor(
            text: found.text, dialect: found.dialect, pageNumber: page.pageNumber, box: found.box.rounded,
            fontSize: found.fontSize, color: found.color, renderMode: found.renderMode)
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
        anchor.signGroup = role.map { options.signGroups[$0] ?? 1 }

        if wrapped {
            output.anchors.append(anchor)
            report(
                DiagnosticCatalog.anchorWrapsLine,
                "\(found.text) (\(vendor)) is broken across two lines, so \(vendor) would not read it and no field was placed; keep it on one line", atMostWarning: !translating)
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
        guard let type = foreign.type, role != nil else {
            output.anchors.append(anchor)
            return
        }
        var width = options.textFieldWidth
        if foreign.sizedByTag, page.width > 0 {
            // The vendor sizes the field from the tag; Yoti's v1 docs give 0.05 as the least width.
            width = max(0.05, TagPlacer.round4(found.box.width / page.width))
        }
        let placement = TagPlacer(textFieldWidth: width).place(found.box, on: page, type: type, anchor: found.text)
        output.diagnostics += placement.diagnostics
        let isText = type == .textField
        anchor.tag = Tag(
            pageNumber: page.pageNumber, x: placement.x, y: placement.y, type: type,
            optional: optional(foreign.optional, type, found.text, page, &output), fileName: fileName,
            width: placement.width, name: foreign.name, tagGroupName: foreign.tagGroupName,
            prefilledValue: isText ? foreign.prefilledValue : nil, helpText: isText ? foreign.helpText : nil,
            readonly: isText && foreign.readonly ? true : nil, validation: isText ? foreign.validation : nil)
        output.anchors.append(anchor)
    }

    // MARK: Shared

    /// "a" or "an" before `word`, by its first letter.
    static func article(_ word: String) -> String {
        guard let first = word.lowercased().first else { return "a" }
        return "aeio".contains(first) ? "an" : "a"
    }

    /// Yoti requires `date_signed_field` tags; unless the configuration turns it off
    /// (`defaults.date_required: false`), an optional one is made required and that is reported.
    private func optional(_ optional: Bool, _ type: TagType, _ text: String, _ page: PageInfo, _ output: inout Output) -> Bool {
        guard optional, type == .dateSignedField, options.dateSignedRequired else { return optional }
        output.diagnostics.append(
            DiagnosticCatalog.dateRequired.diagnostic(
                page: page.pageNumber,
                "\(text) asks for an optional date_signed_field; Yoti requires date_signed_field tags, so it was made required",
                anchor: text))
        return false
    }
}
