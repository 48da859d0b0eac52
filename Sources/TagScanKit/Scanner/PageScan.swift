/// What one page contributed to a document's result: only anchors and problems, never the text.
struct PageScan: Sendable {
    struct FoundAnchor: Sendable {
        var text: String
        /// Nil for the `|AT|` header.
        var autoTag: AutoTag?
        var box: Box
        var fontSize: Double?
        var color: String?
        var renderMode: Int?
        var dialect: AnchorDialect = .yoti
        /// Set for custom-rule matches and foreign vendors' tags.
        var hit: DialectHit? = nil
    }

    var info: PageInfo
    var anchors: [FoundAnchor] = []
    var diagnostics: [Diagnostic] = []
    var openTail: String?
    var head: String?
    /// Glyphs extracted; zero on a page that draws only images or vector art.
    var glyphCount = 0
    /// `|tagscan-disable:…|` lint directives on the page.
    var directives: [TemplateDirective] = []

    init(_ page: PageText) {
        self.init(page, customRules: [])
    }

    /// Finds every anchor dialect on `page` in one pass over its normalised text.
    init(_ page: PageText, customRules: [CustomAnchorRule]) {
        info = page.info
        glyphCount = page.scalars.count
        let number = page.info.pageNumber
        let search = SearchText(page)
        let found = AutoTagFinder.find(in: search, page: page)
        directives = DirectiveFinder.find(in: page.scalars, page: number)
        openTail = found.openTail?.body
        head = found.head?.body
        for match in found.matches {
            let box = match.glyphs.map { page.boxes[$0] }.filter { $0.width > 0 || $0.height > 0 }.reduce(nil as Box?) { $0?.union($1) ?? $1 }
                ?? page.boxes[match.glyphs[0]]
            let style = page.style(at: match.glyphs[0])
            switch match.kind {
            case .header:
                anchors.append(FoundAnchor(text: match.text, autoTag: nil, box: box, fontSize: style?.fontSize, color: style?.hexColor, renderMode: style?.renderMode))
            case .tag(let tag):
                anchors.append(FoundAnchor(text: match.text, autoTag: tag, box: box, fontSize: style?.fontSize, color: style?.hexColor, renderMode: style?.renderMode))
                if match.hadTypographicQuotes {
                    diagnostics.append(
                        Diagnostic(
                            rule: "curly-quotes", severity: .warning, pageNumber: number,
                            message: "\(match.text) uses typographic quotes in its metadata (Word's autocorrect); tagscan read them as straight quotes but Yoti may not: type straight quotes",
                            anchor: match.text))
                }
            case .malformed(let failure):
                diagnostics.append(
                    Diagnostic(
                        rule: "malformed-anchor", severity: .error, pageNumber: number,
                        message: "\(match.text) is not a valid auto-tag: \(failure.description)", anchor: match.text))
            case .wrapped:
                diagnostics.append(
                    Diagnostic(
                        rule: "anchor-wraps-line", severity: .error, pageNumber: number,
                        message: "\(match.text) is broken across two lines, so Yoti will not find it; keep it on one line",
                        anchor: match.text))
            }
        }
        findDialectAnchors(in: search, page: page, customRules: customRules)
    }

    /// Styles are read only for pages that may hold an anchor: they cost a second pass in poppler.
    static func wantsStyles(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.contains("|") || ForeignTagFinder.mayHoldTag(scalars)
    }
}

extension PageScan {
    /// A page poppler could not load at all.
    init(missingPage number: Int) {
        info = PageInfo(pageNumber: number, width: 0, height: 0, rotation: 0)
        diagnostics = [
            Diagnostic(rule: "unreadable", severity: .error, pageNumber: number, message: "page \(number) could not be loaded")
        ]
    }
}
