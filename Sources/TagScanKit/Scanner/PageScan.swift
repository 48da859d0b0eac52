/// What one page contributed to a document's result: only anchors and problems, never the text.
struct PageScan: Sendable {
    var info: PageInfo
    var anchors: [FoundAnchor] = []
    var diagnostics: [Diagnostic] = []
    var openTail: String?
    /// The open tail as the document writes it, from its pipe to the first space after the code.
    var openTailQuote: String?
    var head: String?
    /// Glyphs extracted; zero on a page that draws only images or vector art.
    var glyphCount = 0
    /// What extraction counted of the glyphs drawn (``HostileTextCheck`` reads it).
    var glyphCounts: GlyphCounts?
    /// `|tagscan-disable:…|` lint directives on the page.
    var directives: [TemplateDirective] = []

    init(_ page: PageText) {
        self.init(page, customRules: [])
    }

    /// Finds every anchor dialect on `page` in one pass over its normalised text.
    init(_ page: PageText, customRules: [CustomAnchorRule]) {
        info = page.info
        glyphCount = page.scalars.count
        glyphCounts = page.glyphCounts
        // A page only counted holds no trigger of any finder: nothing to search.
        guard page.isLaidOut else { return }
        let number = page.info.pageNumber
        let search = SearchText(page)
        let found = AutoTagFinder.find(in: search, page: page)
        directives = DirectiveFinder.find(in: page.scalars, page: number, boxes: page.boxes)
        openTail = found.openTail?.body
        openTailQuote = found.openTail?.quote
        head = found.head?.body
        for match in found.matches {
            let box = Self.union(match.glyphs, page)
            let style = page.style(at: match.glyphs[0])
            if let outside = Self.outsideVisiblePage(match.written ?? match.text, match.glyphs, box, page) {
                diagnostics.append(outside)
                continue
            }
            switch match.kind {
            case .header:
                anchors.append(
                    FoundAnchor(
                        text: match.text, kind: .header, dialect: .yoti, box: box, fontSize: style?.fontSize, color: style?.hexColor,
                        renderMode: style?.renderMode))
            case .tag(let tag, let spaced):
                anchors.append(
                    FoundAnchor(
                        text: match.text, kind: .autoTag(tag), dialect: .yoti, box: box, fontSize: style?.fontSize, color: style?.hexColor,
                        renderMode: style?.renderMode))
                if spaced, let written = match.written {
                    diagnostics.append(
                        DiagnosticCatalog.spacedAnchor.diagnostic(
                            page: number,
                            "\(written) has spaces inside its pipes: tagscan places it as \(match.text), but Yoti's own auto-tagging may not read it; remove the spaces",
                            anchor: written, box: box.rounded, suggestion: match.text))
                }
                if match.hadTypographicQuotes {
                    diagnostics.append(
                        DiagnosticCatalog.curlyQuotes.diagnostic(
                            page: number,
                            "\(match.text) uses typographic quotes in its metadata (Word's autocorrect); tagscan read them as straight quotes but Yoti may not: type straight quotes",
                            anchor: match.text, box: box.rounded))
                }
            case .malformed(let failure):
                diagnostics.append(
                    DiagnosticCatalog.malformedAnchor.diagnostic(
                        page: number, "\(match.text) is not a valid auto-tag: \(failure.description)\(Self.didYouMean(match.suggestion))",
                        anchor: match.text, box: box.rounded, suggestion: match.suggestion))
            case .unclosed(let atBoundary):
                if let edge = Self.cutAtEdge(box, page.info) {
                    // Cut by the crop box: the producer (or a re-save) dropped the glyphs beyond it.
                    diagnostics.append(
                        DiagnosticCatalog.anchorOutsidePage.diagnostic(
                            page: number,
                            "\(match.text) is cut off at the \(edge) edge of the visible page (the crop box), so no field is placed from it; move it onto the page\(Self.didYouMean(match.suggestion))",
                            anchor: match.text, box: box.rounded, suggestion: match.suggestion))
                } else {
                    let boundary = atBoundary ? " before the end of its table cell or column" : ""
                    diagnostics.append(
                        DiagnosticCatalog.malformedAnchor.diagnostic(
                            page: number, "\(match.text) has no closing pipe\(boundary), so Yoti will not find it\(Self.didYouMean(match.suggestion))",
                            anchor: match.text, box: box.rounded, suggestion: match.suggestion))
                }
            case .wrapped:
                diagnostics.append(
                    DiagnosticCatalog.anchorWrapsLine.diagnostic(
                        page: number, "\(match.text) is broken across two lines, so Yoti will not find it; keep it on one line",
                        anchor: match.text, box: box.rounded))
            }
        }
        findDialectAnchors(in: search, page: page, customRules: customRules)
    }
}

extension PageScan {
    /// "; did you mean |S1SR|?" when there is a likely tag, else nothing.
    static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean \($0)?" } ?? ""
    }

    /// An `anchor-outside-page` error when any of the anchor's glyphs lies beyond the visible
    /// page, saying how far out it lies; nil for an anchor wholly on the page.
    static func outsideVisiblePage(_ text: String, _ glyphs: [Int], _ box: Box, _ page: PageText) -> Diagnostic? {
        guard !page.outsideVisiblePage.isEmpty else { return nil }
        let outside = glyphs.filter { page.isOutsideVisiblePage(at: $0) }.count
        guard outside > 0 else { return nil }
        let width = page.info.width, height = page.info.height
        let wholly = outside == glyphs.count
        // Wholly outside: the gap between the anchor and the page; partly: how far it sticks out.
        let beyond: [(String, Double)] =
            wholly
            ? [("left", -box.maxX), ("right", box.x - width), ("top", -box.maxY), ("bottom", box.y - height)]
            : [("left", -box.x), ("right", box.maxX - width), ("top", -box.y), ("bottom", box.maxY - height)]
        let (edge, distance) = beyond.max { $0.1 < $1.1 }!
        let amount = String(format: "%.1f pt", max(0, distance))
        let how =
            wholly
            ? "lies outside the visible page (the crop box), \(amount) beyond its \(edge) edge"
            : "lies partly outside the visible page (the crop box): \(amount) of it beyond the \(edge) edge"
        return DiagnosticCatalog.anchorOutsidePage.diagnostic(
            page: page.info.pageNumber,
            "\(text) \(how), so a signer does not see it and no field is placed from it; move it onto the page",
            anchor: text, box: box.rounded)
    }

    /// The edge of the visible page that `box` touches (within half a point), if any: text that
    /// stops there may go on beyond it.
    static func cutAtEdge(_ box: Box, _ info: PageInfo) -> String? {
        if box.maxX >= info.width - 0.5 { return "right" }
        if box.x <= 0.5 { return "left" }
        if box.maxY >= info.height - 0.5 { return "bottom" }
        if box.y <= 0.5 { return "top" }
        return nil
    }

    /// A page poppler could not load at all.
    init(missingPage number: Int) {
        info = PageInfo(pageNumber: number, width: 0, height: 0, rotation: 0)
        diagnostics = [
            DiagnosticCatalog.unreadable.diagnostic(page: number, "page \(number) could not be loaded")
        ]
    }
}
