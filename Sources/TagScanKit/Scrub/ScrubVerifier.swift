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
struct ScrubVerifier: Sendable {
    var original: Data
    var scrubbed: Data
    var fileName: String
    var plan: ScrubPlan
    var originalScan: DocumentResult
    var options: ScrubOptions

    /// What one worker opens of the two files, each once, when its first page needs it: poppler
    /// handles belong to one thread.
    final class Handles {
        let verifier: ScrubVerifier
        lazy var source: (any PageSource)? = try? PageSources.open(
            .data(verifier.scrubbed, fileName: verifier.fileName), password: verifier.options.scan.password, path: verifier.options.scan.extraction)
        lazy var map: ContentGlyphMap? = ContentGlyphMap(data: verifier.scrubbed, password: verifier.options.scan.password)
        lazy var originalMap: ContentGlyphMap? = ContentGlyphMap(data: verifier.original, password: verifier.options.scan.password)
        lazy var originalRaster: PageRaster? = PageRaster(data: verifier.original)
        lazy var scrubbedRaster: PageRaster? = PageRaster(data: verifier.scrubbed)

        init(_ verifier: ScrubVerifier) { self.verifier = verifier }
    }

    /// Pages proven by the workers, by page index. `@unchecked Sendable`: written under `lock`.
    final class Proven: @unchecked Sendable {
        let lock = NSLock()
        var pages: [Int: (page: ScrubProof.Page, sameSize: Bool)] = [:]
        /// The scrubbed file's page count, as the page scan reads it.
        var pageCount: Int? = nil
    }

    func prove() -> ScrubProof {
        let pageCount = plan.pages.count
        let identical =
            options.fullProof ? nil : ContentStreamRewriter.unchangedPages(original: original, rewritten: scrubbed, pageCount: pageCount)
        let reExtract = (0..<pageCount).filter { plan.isTouched($0) || identical?[$0] != true }

        // Re-extracted pages, spread over the scan's workers, each with its own poppler handles.
        let proven = Proven()
        let workers = max(1, min(options.scan.jobs, reExtract.count))
        let verifier = self
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let handles = Handles(verifier)
            for position in stride(from: worker, to: reExtract.count, by: workers) {
                let index = reExtract[position]
                let result = verifier.reExtracted(index, handles)
                proven.lock.withLock { proven.pages[index] = result }
            }
            if worker == 0 {
                let count = handles.source?.pageCount
                proven.lock.withLock { proven.pageCount = count }
            }
        }
        var samePages = proven.pageCount == pageCount && originalScan.pages.count == pageCount
        var pages: [ScrubProof.Page] = []
        for index in 0..<pageCount {
            if let done = proven.pages[index] {
                pages.append(done.page)
                samePages = samePages && done.sameSize
            } else {
                pages.append(unchanged(index))
            }
        }
        return ScrubProof(pages: pages, tolerance: options.tolerance, dpi: options.dpi, samePageSizes: samePages)
    }

    /// A page's record before any check, with what was removed from it.
    private func emptyPage(_ index: Int) -> ScrubProof.Page {
        let removedHere = plan.removed.filter { $0.pageNumber == index + 1 }
        return ScrubProof.Page(
            pageNumber: index + 1, method: .reExtracted, anchorsRemoved: removedHere.filter { !$0.isDirective }.count,
            directivesRemoved: removedHere.filter(\.isDirective).count, glyphsRemoved: plan.removedGlyphs[index].count, anchorsLeft: [],
            textLeft: [], glyphsCompared: 0, glyphsMismatched: 0, largestShift: 0, rendered: false, pixelsChanged: 0,
            pixelsChangedOutsideAnchors: 0, failures: [])
    }

    /// A page qpdf found identical to the original's: (1) by the original's scan of the very
    /// objects the page still draws; (2) and (3) by identity.
    private func unchanged(_ index: Int) -> ScrubProof.Page {
        let pageNumber = index + 1
        var page = emptyPage(index)
        page.method = .unchangedObjects
        let keptHere = plan.kept.filter { $0.pageNumber == pageNumber }
        let anchors = originalScan.anchors.filter { $0.pageNumber == pageNumber && options.removes($0) }.map(\.text)
        let directives = (originalScan.directives ?? []).filter { $0.pageNumber == pageNumber }.map(\.text)
        page.anchorsLeft = (anchors + directives).filter { text in !keptHere.contains { $0.text == text } }
        if !page.anchorsLeft.isEmpty {
            page.failures.append("the page is the original's, unchanged, and the original's scan found \(page.anchorsLeft.joined(separator: ", ")) on it")
        }
        return page
    }

    /// A page proven by re-extraction: scanned again, its plain text read, its glyphs compared
    /// one by one with the original's, both pages rendered. Also whether its size and rotation
    /// are the original's.
    private func reExtracted(_ index: Int, _ handles: Handles) -> (page: ScrubProof.Page, sameSize: Bool) {
        let pageNumber = index + 1
        var page = emptyPage(index)
        var sameSize = true
        let removedHere = plan.removed.filter { $0.pageNumber == pageNumber }
        let keptHere = plan.kept.filter { $0.pageNumber == pageNumber }
        let removedTexts = Set(plan.removed.map { AnchorGlyphs.normalized($0.text) })
        let keptTexts = Set(plan.kept.map { AnchorGlyphs.normalized($0.text) })
        // Custom rules and other vendors' tags match text that may stay elsewhere on the page
        // (a rule's other occurrences, an unreadable tag): their text must occur fewer times.
        let countedTexts = Set(plan.removed.filter { $0.dialect != .yoti }.map { AnchorGlyphs.normalized($0.text) })
        // (1) tagscan's finders on the scrubbed page, then poppler's plain text.
        if let text = handles.source?.pageText(at: index, triggers: .everyPage) {
            let scan = PageScan(text, customRules: options.scan.customRules)
            let expected = originalScan.pages.first { $0.pageNumber == pageNumber }
            if let expected,
                abs(expected.width - text.info.width) > options.tolerance || abs(expected.height - text.info.height) > options.tolerance
                    || expected.rotation != text.info.rotation
            {
                sameSize = false
                page.failures.append("the page's size or rotation is not the original's")
            }
            let targets = (plan.removed + plan.kept).filter { $0.pageNumber == pageNumber }
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
        if handles.scrubbedRaster == nil || handles.originalRaster == nil {
            page.failures.append("poppler-glib could not open the file to read the page's plain text")
        }
        let plain = AnchorGlyphs.normalized(handles.scrubbedRaster?.text(index) ?? "")
        var originalPlain: String? = nil
        for text in removedTexts.subtracting(keptTexts).sorted() {
            let count = Self.occurrences(of: text, in: plain)
            guard count > 0 else { continue }
            if countedTexts.contains(text) {
                if originalPlain == nil { originalPlain = AnchorGlyphs.normalized(handles.originalRaster?.text(index) ?? "") }
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
            originalGlyphs = handles.originalMap?.page(index)?.glyphs ?? []
        }
        let expected = originalGlyphs.enumerated().filter { !plan.removedGlyphs[index].contains($0.offset) }.map(\.element)
        if let found = handles.map?.page(index)?.glyphs {
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
        if let before = handles.originalRaster?.render(index, dpi: options.dpi), let after = handles.scrubbedRaster?.render(index, dpi: options.dpi),
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
        return (page, sameSize)
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
