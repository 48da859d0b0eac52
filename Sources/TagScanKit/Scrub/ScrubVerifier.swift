import Foundation

/// Proves a scrubbed file against its original, page by page, re-opened with poppler and qpdf:
/// (1) no anchor to remove is left, (2) every other glyph is there with the same character and a
/// box within the tolerance, (3) rendered, pixels changed only inside the removed anchors' boxes.
///
/// Each page is proven one of two ways (``ScrubProof/Page/Method``):
/// - re-extracted: the scrubbed page is scanned again (tagscan's finders and poppler's plain
///   text), its glyphs compared one by one with the original's, and both pages rendered. Every
///   page whose drawing the rewrite changed, every page qpdf does not find identical, and every
///   page with `fullProof`.
/// - unchanged objects: qpdf finds the page identical to the original's, object by object
///   (content streams, resources, fonts, forms, annotations), so it draws the same glyphs and
///   pixels; the original's scan, which read those same objects, must list no anchor to remove
///   on it but those kept on purpose.
struct ScrubVerifier {
    var original: Data
    var scrubbed: Data
    var fileName: String
    var plan: ScrubPlan
    var originalScan: DocumentResult
    var options: ScrubOptions

    func prove() -> ScrubProof {
        let pageCount = plan.pages.count
        let identical =
            options.fullProof ? nil : ContentStreamRewriter.unchangedPages(original: original, rewritten: scrubbed, pageCount: pageCount)
        let source = try? PageSources.open(.data(scrubbed, fileName: fileName), password: options.scan.password, path: options.scan.extraction)
        let map = ContentGlyphMap(data: scrubbed, password: options.scan.password)
        var originalMap: ContentGlyphMap? = nil
        var originalRaster: PageRaster? = nil
        var scrubbedRaster: PageRaster? = nil
        var samePages = source?.pageCount == pageCount && originalScan.pages.count == pageCount

        let targetsByPage = Dictionary(grouping: plan.removed + plan.kept, by: \.pageNumber)
        let removedTexts = Set(plan.removed.map { AnchorGlyphs.normalized($0.text) })
        let keptTexts = Set(plan.kept.map { AnchorGlyphs.normalized($0.text) })
        // Custom rules and other vendors' tags match text that may stay elsewhere on the page
        // (a rule's other occurrences, an unreadable tag): their text must occur fewer times.
        let countedTexts = Set(plan.removed.filter { $0.dialect != .yoti }.map { AnchorGlyphs.normalized($0.text) })

        var pages: [ScrubProof.Page] = []
        for index in 0..<pageCount {
            let pageNumber = index + 1
            let removedHere = plan.removed.filter { $0.pageNumber == pageNumber }
            let keptHere = plan.kept.filter { $0.pageNumber == pageNumber }
            var page = ScrubProof.Page(
                pageNumber: pageNumber, method: .reExtracted, anchorsRemoved: removedHere.filter { !$0.isDirective }.count,
                directivesRemoved: removedHere.filter(\.isDirective).count, glyphsRemoved: plan.removedGlyphs[index].count, anchorsLeft: [],
                textLeft: [], glyphsCompared: 0, glyphsMismatched: 0, largestShift: 0, rendered: false, pixelsChanged: 0,
                pixelsChangedOutsideAnchors: 0, failures: [])

            if !plan.isTouched(index), identical?[index] == true {
                // (1) by the original's scan of the very objects the page still draws; (2) and (3)
                // by identity.
                page.method = .unchangedObjects
                let anchors = originalScan.anchors.filter { $0.pageNumber == pageNumber && options.removes($0) }.map(\.text)
                let directives = (originalScan.directives ?? []).filter { $0.pageNumber == pageNumber }.map(\.text)
                page.anchorsLeft = (anchors + directives).filter { text in !keptHere.contains { $0.text == text } }
                if !page.anchorsLeft.isEmpty {
                    page.failures.append(
                        "the page is the original's, unchanged, and the original's scan found \(page.anchorsLeft.joined(separator: ", ")) on it")
                }
                pages.append(page)
                continue
            }

            // (1) tagscan's finders on the scrubbed page, then poppler's plain text.
            if let text = source?.pageText(at: index, wantsStyles: { _ in false }) {
                let scan = PageScan(text, customRules: options.scan.customRules)
                let expected = originalScan.pages.first { $0.pageNumber == pageNumber }
                if let expected,
                    abs(expected.width - text.info.width) > options.tolerance || abs(expected.height - text.info.height) > options.tolerance
                        || expected.rotation != text.info.rotation
                {
                    samePages = false
                    page.failures.append("the page's size or rotation is not the original's")
                }
                let targets = targetsByPage[pageNumber] ?? []
                var left: [(text: String, box: Box)] = []
                for found in scan.anchors where options.removes(found) {
                    // A custom rule's or another vendor's match only counts where an anchor to
                    // remove was: its other matches were never anchors (occurrence, unreadable).
                    let anywhere: Bool
                    switch found.kind {
                    case .header, .autoTag: anywhere = true
                    case .custom, .foreign: anywhere = false
                    }
                    if !anywhere, !targets.contains(where: { $0.box.intersects(found.box) }) { continue }
                    left.append((found.text, found.box))
                }
                left += scan.directives.map { ($0.text, $0.box ?? Box(x: 0, y: 0, width: 0, height: 0)) }
                page.anchorsLeft = left.filter { found in
                    !keptHere.contains {
                        AnchorGlyphs.normalized($0.text) == AnchorGlyphs.normalized(found.text) && abs($0.box.x - found.box.x) < 1
                            && abs($0.box.y - found.box.y) < 1
                    }
                }.map(\.text)
            } else {
                page.failures.append("poppler could not read the scrubbed page's text")
            }
            if scrubbedRaster == nil { scrubbedRaster = PageRaster(data: scrubbed) }
            if originalRaster == nil { originalRaster = PageRaster(data: original) }
            let plain = AnchorGlyphs.normalized(scrubbedRaster?.text(index) ?? "")
            var originalPlain: String? = nil
            for text in removedTexts.subtracting(keptTexts).sorted() {
                let count = Self.occurrences(of: text, in: plain)
                guard count > 0 else { continue }
                if countedTexts.contains(text) {
                    if originalPlain == nil { originalPlain = AnchorGlyphs.normalized(originalRaster?.text(index) ?? "") }
                    let before = Self.occurrences(of: text, in: originalPlain ?? "")
                    let gone = removedHere.filter { AnchorGlyphs.normalized($0.text) == text }.count
                    if count <= before - gone { continue }
                }
                page.textLeft.append(text)
            }
            if !page.anchorsLeft.isEmpty {
                page.failures.append("tagscan's scan still finds \(page.anchorsLeft.joined(separator: ", "))")
            }
            if !page.textLeft.isEmpty {
                page.failures.append("poppler's text still holds \(page.textLeft.joined(separator: ", "))")
            }

            // (2) Every other glyph in place, one by one.
            var originalGlyphs = plan.pages[index]
            if !plan.walked[index] {
                if originalMap == nil { originalMap = ContentGlyphMap(data: self.original, password: options.scan.password) }
                originalGlyphs = originalMap?.page(index)?.glyphs ?? []
            }
            let expected = originalGlyphs.enumerated().filter { !plan.removedGlyphs[index].contains($0.offset) }.map(\.element)
            if let found = map?.page(index)?.glyphs {
                page.glyphsCompared = min(expected.count, found.count)
                for (a, b) in zip(expected, found) {
                    let shift = max(abs(a.box.x - b.box.x), abs(a.box.y - b.box.y), abs(a.box.maxX - b.box.maxX), abs(a.box.maxY - b.box.maxY))
                    page.largestShift = max(page.largestShift, shift)
                    if a.scalars != b.scalars || !(shift <= options.tolerance) { page.glyphsMismatched += 1 }
                }
                page.glyphsMismatched += abs(expected.count - found.count)
                if expected.count != found.count {
                    page.failures.append("\(found.count) glyphs drawn where \(expected.count) were expected")
                }
                if page.glyphsMismatched > abs(expected.count - found.count) {
                    page.failures.append(
                        "\(page.glyphsMismatched - abs(expected.count - found.count)) glyphs changed character or moved more than \(options.tolerance) pt (largest shift \(Self.points(page.largestShift)) pt)"
                    )
                }
            } else {
                page.failures.append("poppler could not draw the scrubbed page")
            }

            // (3) Pixels changed only where anchors were.
            page.rendered = true
            if let before = originalRaster?.render(index, dpi: options.dpi), let after = scrubbedRaster?.render(index, dpi: options.dpi),
                before.width == after.width, before.height == after.height
            {
                let allowed = allowedBoxes(page: index, removed: removedHere)
                (page.pixelsChanged, page.pixelsChangedOutsideAnchors) = Self.compare(before, after, allowed: allowed, scale: options.dpi / 72)
                if page.pixelsChangedOutsideAnchors > 0 {
                    page.failures.append("\(page.pixelsChangedOutsideAnchors) pixels changed outside the removed anchors' boxes")
                }
            } else {
                page.failures.append("poppler could not render the page at \(Int(options.dpi)) dpi to compare")
            }
            pages.append(page)
        }
        return ScrubProof(pages: pages, tolerance: options.tolerance, dpi: options.dpi, samePageSizes: samePages)
    }

    /// The removed anchors' boxes and their glyphs' boxes on the page, grown by the margin.
    private func allowedBoxes(page index: Int, removed: [Anchor]) -> [Box] {
        let m = options.pixelMargin
        let boxes = removed.map(\.box) + plan.removedGlyphs[index].map { plan.pages[index][$0].box }
        return boxes.map { Box(x: $0.x - m, y: $0.y - m, width: $0.width + 2 * m, height: $0.height + 2 * m) }
    }

    /// How many times `needle` occurs in `haystack`, overlapping occurrences counted once.
    static func occurrences(of needle: String, in haystack: String) -> Int {
        guard !needle.isEmpty else { return 0 }
        var count = 0
        var rest = haystack[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// Pixels that differ, and those of them outside every allowed box.
    static func compare(_ a: PageRaster.Image, _ b: PageRaster.Image, allowed: [Box], scale: Double) -> (changed: Int, outside: Int) {
        var changed = 0, outside = 0
        let width = a.width
        for offset in a.pixels.indices where a.pixels[offset] != b.pixels[offset] {
            changed += 1
            let x = Double(offset % width) / scale, y = Double(offset / width) / scale
            let pixel = Box(x: x, y: y, width: 1 / scale, height: 1 / scale)
            if !allowed.contains(where: { $0.intersects(pixel) }) { outside += 1 }
        }
        return (changed, outside)
    }

    static func points(_ value: Double) -> String { String(format: "%.3f", value) }
}
