import Foundation
internal import CPopplerCore

/// A document opened on poppler's core API (the glyph path). Confined to one thread; every
/// glyph buffer is copied out and freed before a page's text is returned.
final class CoreDocumentHandle: PageSource {
    private let document: OpaquePointer
    let pageCount: Int
    let hasJavaScript: Bool
    let recipe: PageSourceRecipe
    /// Reused from page to page so a page's glyphs cost no fresh allocation.
    private var glyphs: [Glyph] = []
    /// The triggers poppler's side counts while drawing, with what was found of characters beyond
    /// ASCII under them (a document repeats its quotes and dashes on every page).
    private var verdicts: AnchorTriggers.Verdicts?

    init(source: DocumentSource, encodedPassword password: PasswordBytes?) throws(DocumentError) {
        recipe = PageSourceRecipe(source: source, password: password, path: .glyphs)
        try PDFDocumentHandle.checkHeader(source)
        PopplerWarmUp.ensure()  // poppler's global parameters must exist before the core API runs
        var code: Int32 = 0
        let opened: OpaquePointer?
        switch source {
        case .file(let path):
            opened = password.withCString { tagscan_core_open(path, nil, 0, $0, &code) }
        case .data(let data, _):
            opened = password.withCString { pw in data.withUnsafeBytes { tagscan_core_open(nil, $0.baseAddress, $0.count, pw, &code) } }
        }
        guard let opened else {
            throw (CoreError(status: code) ?? .exception).documentError(source, password: password)
        }
        let count: Int, javaScript: Bool
        do throws(CoreError) {
            count = try CoreError.count(tagscan_core_page_count(opened))
            javaScript = try CoreError.count(tagscan_core_has_javascript(opened)) != 0
        } catch {
            tagscan_core_close(opened)
            throw error.documentError(source, password: password)
        }
        document = opened
        pageCount = count
        hasJavaScript = javaScript
        if pageCount == 0 {
            // Every stored property is set, so deinit closes the document when this throws.
            throw DocumentError(.damaged, "\(source.displayPath): the document has no pages")
        }
    }

    deinit {
        tagscan_core_close(document)
    }

    /// Pages poppler holds built for this document: none once each page asked for is drawn,
    /// since every page is released after drawing, with those passed on the way to it.
    var builtPageCount: Int {
        get throws(CoreError) { try CoreError.count(tagscan_core_built_pages(document)) }
    }

    /// What the document's /Encrypt dictionary asks for, read without opening it again.
    var encryption: EncryptionProbe? { EncryptionProbe(document) }

    func pageText(at index: Int, triggers: AnchorTriggers) -> PageText? {
        try? text(at: index, triggers: triggers)
    }

    /// ``pageText(at:triggers:)``, telling why a page gave nothing: `.failed` when poppler
    /// cannot load it, `.outOfMemory` when an allocation failed while it was drawn.
    func text(at index: Int, triggers: AnchorTriggers) throws(CoreError) -> PageText {
        var buffer: UnsafeMutablePointer<tagscan_glyph>? = nil, outside: UnsafeMutablePointer<tagscan_glyph>? = nil
        var count: Int32 = 0, outsideCount: Int32 = 0
        var width = 0.0, height = 0.0
        var rotation: Int32 = 0
        if verdicts?.triggers != triggers {
            verdicts = AnchorTriggers.Verdicts(triggers)
            triggers.asciiMinimum.withUnsafeBufferPointer { tagscan_core_set_triggers(document, $0.baseAddress) }
        }
        try CoreError.check(tagscan_core_page_glyphs(document, Int32(index), &buffer, &count, &outside, &outsideCount, &width, &height, &rotation))
        var info = PageInfo(
            pageNumber: index + 1, width: (width * 100).rounded() / 100, height: (height * 100).rounded() / 100, rotation: Int(rotation))
        var drawn: Int64 = 0, mapped: Int64 = 0
        tagscan_core_page_glyph_counts(document, &drawn, &mapped)
        let glyphCounts = GlyphCounts(drawn: Int(drawn), mapped: Int(mapped))
        // The buffers belong to the document (reused page after page): read or copy, never free.
        let visible = UnsafeBufferPointer(start: buffer, count: Int(count))
        let beyond = UnsafeBufferPointer(start: outside, count: Int(outsideCount))
        // Text beyond the crop box is laid out only when it may hold an anchor; otherwise it is
        // only counted.
        let outsideScalars = beyond.lazy.compactMap { Unicode.Scalar($0.unicode) }
        let readsOutside = outsideCount > 0 && triggers.mayHoldAnchor(outsideScalars)
        let outsideVisible = outsideCount > 0 && !readsOutside ? GlyphLayout.visibleCount(outsideScalars) : 0
        if !readsOutside, let (inside, outsideBaseline) = countedWithoutLayout(visible, info: info, triggers: triggers) {
            // A page no anchor can be on: its counts are all a scan reports of it.
            info.glyphCount = inside
            info.outsideGlyphCount = outsideCount > 0 ? outsideVisible : outsideBaseline > 0 ? outsideBaseline : nil
            var text = PageText(info: info, scalars: [], boxes: [], styles: [])
            text.isLaidOut = false
            text.glyphCounts = glyphCounts
            return text
        }
        glyphs.removeAll(keepingCapacity: true)
        glyphs.reserveCapacity(Int(count))
        Self.copy(visible, into: &glyphs)
        if readsOutside { Self.copy(beyond, into: &glyphs) }
        // Styles come with the glyphs at no extra cost: every laid-out page has them.
        var text = GlyphLayout.pageText(glyphs, info: info)
        if !readsOutside, outsideCount > 0 { text.info.outsideGlyphCount = outsideVisible }
        text.glyphCounts = glyphCounts
        return text
    }

    /// The layout's counts of a page no anchor of `triggers` can be on, from the tally poppler's
    /// side took while drawing it; nil when the page must be laid out.
    private func countedWithoutLayout(_ visible: UnsafeBufferPointer<tagscan_glyph>, info: PageInfo, triggers: AnchorTriggers) -> (Int, Int)? {
        if triggers.everyPage { return nil }
        var tally = tagscan_page_tally()
        tagscan_core_page_tally(document, &tally)
        if tally.may_hold_anchor != 0 { return nil }
        if tally.non_ascii_overflow != 0 {
            // Too many distinct characters to list: the Swift pass reads the glyphs themselves.
            guard case .counted(let inside, let outside) = GlyphLayout.count(visible, info: info, triggers: triggers) else { return nil }
            return (inside, outside)
        }
        let listed = withUnsafeBytes(of: tally.non_ascii) { Array($0.bindMemory(to: UInt32.self).prefix(Int(tally.non_ascii_count))) }
        // Judged in place (set for these triggers above); a missing verdict lays the page out.
        for value in listed where verdicts?.isTrigger(value) != false { return nil }
        guard tally.ordered != 0 else { return nil }
        return (Int(tally.inside), Int(tally.outside))
    }

    private static func copy(_ buffer: UnsafeBufferPointer<tagscan_glyph>, into glyphs: inout [Glyph]) {
        for g in buffer {
            guard let scalar = Unicode.Scalar(g.unicode), g.unicode != 0 else { continue }
            glyphs.append(
                Glyph(
                    scalar: scalar,
                    box: Box(x: g.x_min, y: g.y_min, width: g.x_max - g.x_min, height: g.y_max - g.y_min),
                    base: g.base, fontSize: g.font_size, rotation: Int(g.rotation), renderMode: Int(g.render_mode),
                    red: g.red, green: g.green, blue: g.blue))
        }
    }
}

extension tagscan_glyph: DrawnGlyph {
    var scalarValue: UInt32 { unicode }
    var minX: Double { x_min }
    var minY: Double { y_min }
    var maxX: Double { x_max }
    var maxY: Double { y_max }
    var baseline: Double { base }
    var size: Double { font_size }
    var quarterTurns: Int { Int(rotation) }
}
