import YotiSignModels

/// Joins a document's page scans into its result: anchors split across pages, tag placement,
/// radio groups, and one recipient entry per role.
struct DocumentAssembler {
    var options: ScanOptions

    func assemble(source: DocumentSource, pages: [PageScan]) -> DocumentResult {
        let fileName = source.fileName
        var diagnostics: [Diagnostic] = []
        var anchors: [Anchor] = []
        var dialectAnchors: [(page: PageInfo, anchor: FoundAnchor)] = []
        let placer = FieldPlacer(options: options, fileName: fileName)

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
                switch found.kind {
                case .header:
                    anchors.append(found.listed(on: page.info.pageNumber))
                case .autoTag(let autoTag):
                    let placed = placer.place(autoTag.fieldRequest(at: found.box), anchor: found.text, on: page.info)
                    diagnostics += placed.diagnostics
                    var anchor = found.listed(on: page.info.pageNumber)
                    anchor.role = autoTag.roleName
                    anchor.signGroup = placed.signGroup
                    anchor.tag = placed.tag
                    anchor.metadata = autoTag.metadata
                    anchors.append(anchor)
                case .custom, .foreign:
                    dialectAnchors.append((page.info, found))
                }
            }
        }
        let placed = DialectPlacement(placer: placer).place(dialectAnchors)
        anchors += placed.anchors
        diagnostics += placed.diagnostics
        anchors.sort { ($0.pageNumber, $0.box.y, $0.box.x) < ($1.pageNumber, $1.box.y, $1.box.x) }
        return DocumentResult(
            path: source.displayPath, fileName: fileName, pageCount: pages.count, pages: pages.map(\.info),
            anchors: anchors, recipients: recipients(from: anchors, placer: placer),
            diagnostics: diagnostics.enumerated().sorted { ($0.element.pageNumber ?? 0, $0.offset) < ($1.element.pageNumber ?? 0, $1.offset) }.map(\.element),
            directives: pages.contains { !$0.directives.isEmpty } ? pages.flatMap(\.directives) : nil)
    }

    /// One entry per role, in role-table order then by number; tags by page, then y, then x.
    private func recipients(from anchors: [Anchor], placer: FieldPlacer) -> [RecipientTags] {
        var byRole: [String: [Tag]] = [:]
        for anchor in anchors {
            guard let role = anchor.role, let tag = anchor.tag else { continue }
            byRole[role, default: []].append(tag)
        }
        return byRole.keys.sorted(by: Self.roleOrder).map { role in
            let tags = byRole[role]!.sorted { ($0.pageNumber, $0.y, $0.x) < ($1.pageNumber, $1.y, $1.x) }
            return RecipientTags(role: role, signGroup: placer.signGroup(for: role), tags: tags)
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
