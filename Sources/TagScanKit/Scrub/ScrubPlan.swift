import Foundation

/// Which glyphs of a document to remove, the rewritten bytes, and what stays and why.
struct ScrubPlan: Sendable {
    /// Every page's glyphs in the original, in drawing order; for pages not `walked`, only
    /// their annotations' glyphs.
    var pages: [[LocatedGlyph]]
    /// Whether page content was drawn (pages holding an anchor, or all with `fullProof`).
    var walked: [Bool]
    /// The Form XObjects each page draws.
    var pageForms: [Set<GlyphStream>]
    /// Per page, the indices of the glyphs removed from it.
    var removedGlyphs: [Set<Int>]
    /// Forms rewritten: pages drawing one changed even without a glyph removed from their own stream.
    var rewrittenForms: Set<GlyphStream>
    var removed: [Anchor]
    var kept: [Anchor]
    var diagnostics: [Diagnostic]
    /// The rewritten file; nil when it could not be rewritten.
    var output: Data?

    /// Whether page `index`'s drawing changed.
    func isTouched(_ index: Int) -> Bool {
        !removedGlyphs[index].isEmpty || !pageForms[index].isDisjoint(with: rewrittenForms)
    }

    /// Anchors drawn only by annotation appearances, for a document whose scan found none to remove.
    static func annotationAnchors(data: Data, password: String?) -> [Anchor] {
        guard let map = ContentGlyphMap(data: data, password: password) else { return [] }
        return (0..<map.pageCount).flatMap { index in
            AnchorGlyphs.annotationAnchors(in: map.page(index, annotationsOnly: true)?.glyphs ?? [], pageNumber: index + 1)
        }
    }

    static func make(data: Data, targets: [Anchor], options: ScrubOptions) -> ScrubPlan {
        var plan = ScrubPlan(pages: [], walked: [], pageForms: [], removedGlyphs: [], rewrittenForms: [], removed: [], kept: [], diagnostics: [], output: nil)
        var openError: Int32 = 0
        guard let map = ContentGlyphMap(data: data, password: options.scan.password, openError: &openError) else {
            let reason =
                openError == 4
                ? "the file is encrypted, and rewriting it would drop or change its protection" : "poppler's core API could not open the file"
            plan.kept = targets
            plan.diagnostics = targets.map {
                DiagnosticCatalog.anchorUnremovable.diagnostic(
                    page: $0.pageNumber, "\($0.text) cannot be removed safely: \(reason)", anchor: $0.text, box: $0.box)
            }
            return plan
        }
        let anchored = Set(targets.map { $0.pageNumber - 1 })
        for index in 0..<map.pageCount {
            let full = options.fullProof || anchored.contains(index)
            let page = map.page(index, annotationsOnly: !full)
            plan.pages.append(page?.glyphs ?? [])
            plan.walked.append(full)
            plan.pageForms.append(page?.forms ?? [])
        }
        plan.removedGlyphs = Array(repeating: [], count: map.pageCount)

        var located: [AnchorGlyphs.Located] = targets.map { anchor in
            let index = anchor.pageNumber - 1
            let glyphs = plan.pages.indices.contains(index) ? plan.pages[index] : []
            return AnchorGlyphs.locate(anchor, in: glyphs, encrypted: map.isEncrypted)
        }
        for (index, glyphs) in plan.pages.enumerated() {
            for anchor in AnchorGlyphs.annotationAnchors(in: glyphs, pageNumber: index + 1) {
                located.append(.init(anchor: anchor, glyphs: [], problem: "it is drawn by an annotation's appearance stream, not the page's content"))
            }
        }

        // Rewrite; cuts qpdf does not find where poppler saw them make their anchor unremovable,
        // and the rest is rewritten again without it.
        for _ in 0..<3 {
            var cuts: [ContentStreamRewriter.Cut] = []
            var owners: [Int] = []
            var claimed = Set<[Int]>()
            for (position, entry) in located.enumerated() where entry.problem == nil {
                let pageIndex = entry.anchor.pageNumber - 1
                for glyph in entry.glyphs where claimed.insert([pageIndex, glyph]).inserted {
                    cuts.append(ContentStreamRewriter.Cut(pageIndex: pageIndex, glyph: plan.pages[pageIndex][glyph]))
                    owners.append(position)
                }
            }
            switch ContentStreamRewriter.rewrite(data, removing: cuts) {
            case .written(let output):
                plan.output = output
                for cut in cuts {
                    if case .form = cut.glyph.stream { plan.rewrittenForms.insert(cut.glyph.stream) }
                }
                for entry in located where entry.problem == nil {
                    plan.removedGlyphs[entry.anchor.pageNumber - 1].formUnion(entry.glyphs)
                }
            case .misplaced(let failed):
                for cut in failed {
                    located[owners[cut]].problem =
                        "its bytes are not where poppler drew them: the font's encoding ties bytes to glyphs in a way tagscan cannot follow"
                }
                continue
            case .encrypted:
                for position in located.indices where located[position].problem == nil {
                    located[position].problem = "the file is encrypted, and rewriting it would drop or change its protection"
                }
            case .failed(let message):
                for position in located.indices where located[position].problem == nil {
                    located[position].problem = "qpdf could not rewrite the file: \(message)"
                }
            }
            break
        }

        for entry in located {
            if let problem = entry.problem {
                plan.kept.append(entry.anchor)
                plan.diagnostics.append(
                    DiagnosticCatalog.anchorUnremovable.diagnostic(
                        page: entry.anchor.pageNumber, "\(entry.anchor.text) cannot be removed safely: \(problem)", anchor: entry.anchor.text,
                        box: entry.anchor.box))
            } else if plan.output != nil {
                plan.removed.append(entry.anchor)
            }
        }
        return plan
    }
}
