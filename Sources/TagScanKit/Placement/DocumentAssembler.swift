import YotiSign

/// Joins a document's page scans into its result: anchors split across pages, tag placement,
/// radio groups, and one recipient entry per role.
struct DocumentAssembler {
    var options: ScanOptions

    func assemble(source: DocumentSource, pages: [PageScan]) -> DocumentResult {
        let fileName = source.fileName
        var diagnostics: [Diagnostic] = []
        var anchors: [Anchor] = []
        var dialectHits: [(page: PageInfo, anchor: PageScan.FoundAnchor)] = []
        let placer = TagPlacer(textFieldWidth: options.textFieldWidth)

        for (index, page) in pages.enumerated() {
            diagnostics += page.diagnostics
            if let tail = page.openTail {
                let next = index + 1 < pages.count ? pages[index + 1].head : nil
                if let next, AutoTagParser.looksLikeAutoTag(Substring(tail + next)) || AutoTagParser.looksLikeAutoTag(Substring(tail)) {
                    // A page break inside a metadata string stands where the author typed a space.
                    let inString = tail.unicodeScalars.filter { $0 == "\"" }.count % 2 == 1
                    let text = "|\(tail)\(inString ? " " : "")\(next)|"
                    diagnostics.append(
                        DiagnosticCatalog.anchorSpansPages.diagnostic(
                            page: page.info.pageNumber,
                            "\(text) starts on page \(page.info.pageNumber) and ends on page \(page.info.pageNumber + 1), so Yoti will not find it; keep it on one page",
                            anchor: text))
                } else if AutoTagParser.looksLikeAutoTag(Substring(tail)) {
                    let quote = page.openTailQuote ?? "|\(tail)"
                    diagnostics.append(
                        DiagnosticCatalog.malformedAnchor.diagnostic(
                            page: page.info.pageNumber, "\(quote) has no closing pipe before the end of page \(page.info.pageNumber)", anchor: quote))
                }
            }
            for found in page.anchors {
                if found.hit != nil {
                    dialectHits.append((page.info, found))
                    continue
                }
                guard let autoTag = found.autoTag else {
                    anchors.append(
                        Anchor(text: found.text, dialect: .yoti, pageNumber: page.info.pageNumber, box: found.box.rounded, fontSize: found.fontSize, color: found.color, renderMode: found.renderMode))
                    continue
                }
                let placement = placer.place(found.box, on: page.info, type: autoTag.type, anchor: found.text)
                diagnostics += placement.diagnostics
                let isText = autoTag.type == .textField
                let tag = Tag(
                    pageNumber: page.info.pageNumber, x: placement.x, y: placement.y, type: autoTag.type,
                    optional: autoTag.optional, fileName: fileName, width: placement.width,
                    name: autoTag.metadata?.nm,
                    tagGroupName: autoTag.radioGroup.map { "Radio group \($0)" },
                    prefilledValue: isText ? autoTag.metadata?.pf : nil,
                    helpText: isText ? autoTag.metadata?.ph : nil)
                let role = autoTag.roleName
                anchors.append(
                    Anchor(
                        text: found.text, dialect: .yoti, pageNumber: page.info.pageNumber, box: found.box.rounded,
                        role: role, signGroup: options.signGroups[role] ?? 1, tag: tag, metadata: autoTag.metadata,
                        fontSize: found.fontSize, color: found.color, renderMode: found.renderMode))
            }
        }
        let placed = DialectPlacement(options: options, fileName: fileName).place(dialectHits)
        anchors += placed.anchors
        diagnostics += placed.diagnostics
        anchors.sort { ($0.pageNumber, $0.box.y, $0.box.x) < ($1.pageNumber, $1.box.y, $1.box.x) }
        return DocumentResult(
            path: source.displayPath, fileName: fileName, pageCount: pages.count, pages: pages.map(\.info),
            anchors: anchors, recipients: recipients(from: anchors),
            diagnostics: diagnostics.enumerated().sorted { ($0.element.pageNumber ?? 0, $0.offset) < ($1.element.pageNumber ?? 0, $1.offset) }.map(\.element),
            directives: pages.contains { !$0.directives.isEmpty } ? pages.flatMap(\.directives) : nil)
    }

    /// One entry per role, in role-table order then by number; tags by page, then y, then x.
    private func recipients(from anchors: [Anchor]) -> [RecipientTags] {
        var byRole: [String: [Tag]] = [:]
        var groups: [String: Int] = [:]
        for anchor in anchors {
            guard let role = anchor.role, let tag = anchor.tag else { continue }
            byRole[role, default: []].append(tag)
            if groups[role] == nil { groups[role] = anchor.signGroup }
        }
        return byRole.keys.sorted(by: Self.roleOrder).map { role in
            let tags = byRole[role]!.sorted { ($0.pageNumber, $0.y, $0.x) < ($1.pageNumber, $1.y, $1.x) }
            return RecipientTags(role: role, signGroup: options.signGroups[role] ?? groups[role] ?? 1, tags: tags)
        }
    }

    /// "Signer 2" before "Signer 10" before "Tenant 1"; roles outside the auto-tag table last.
    static func roleOrder(_ a: String, _ b: String) -> Bool {
        func key(_ role: String) -> (Int, String, Int) {
            let parts = role.split(separator: " ")
            let number = parts.last.flatMap { Int($0) } ?? 0
            let name = parts.dropLast().joined(separator: " ")
            let rank = RecipientRole.allCases.firstIndex { $0.name == name } ?? RecipientRole.allCases.count
            return (rank, rank == RecipientRole.allCases.count ? role : name, number)
        }
        return key(a) < key(b)
    }
}
