import Foundation

/// Proves a scrubbed file against its original, re-opened with poppler: (1) no removed anchor's
/// text is left, by tagscan's own scan and in poppler's plain text; (2) every other glyph is
/// there with the same character and a box within the tolerance; (3) rendered, pixels changed
/// only inside the removed anchors' boxes.
struct ScrubVerifier {
    var original: Data
    var scrubbed: Data
    var plan: ScrubPlan
    var originalScan: DocumentResult
    var scrubbedScan: DocumentResult
    var options: ScrubOptions

    func prove() -> ScrubProof {
        let samePages =
            scrubbedScan.status == .ok && originalScan.pages.count == scrubbedScan.pages.count
            && zip(originalScan.pages, scrubbedScan.pages).allSatisfy { a, b in
                abs(a.width - b.width) <= options.tolerance && abs(a.height - b.height) <= options.tolerance && a.rotation == b.rotation
            }
        let map = ContentGlyphMap(data: scrubbed, password: options.scan.password)
        var originalMap: ContentGlyphMap? = nil
        let originalRaster = PageRaster(data: original)
        let scrubbedRaster = PageRaster(data: scrubbed)
        let removedTexts = Set(plan.removed.map { AnchorGlyphs.normalized($0.text) })
        let keptTexts = Set(plan.kept.map { AnchorGlyphs.normalized($0.text) })

        var pages: [ScrubProof.Page] = []
        for index in plan.pages.indices {
            let pageNumber = index + 1
            let removedHere = plan.removed.filter { $0.pageNumber == pageNumber }
            var page = ScrubProof.Page(
                pageNumber: pageNumber, anchorsRemoved: removedHere.count, glyphsRemoved: plan.removedGlyphs[index].count, anchorsLeft: [],
                textLeft: [], glyphsCompared: 0, glyphsMismatched: 0, largestShift: 0, rendered: false, pixelsChanged: 0,
                pixelsChangedOutsideAnchors: 0, failures: [])

            // (1) No anchor left but those kept on purpose.
            let keptHere = plan.kept.filter { $0.pageNumber == pageNumber }
            page.anchorsLeft = scrubbedScan.anchors.filter { $0.pageNumber == pageNumber && options.removes($0) }
                .filter { left in !keptHere.contains { $0.text == left.text && abs($0.box.x - left.box.x) < 1 && abs($0.box.y - left.box.y) < 1 } }
                .map(\.text)
            let proveFully = options.fullProof || plan.isTouched(index)
            if proveFully {
                let plain = AnchorGlyphs.normalized(scrubbedRaster?.text(index) ?? "")
                page.textLeft = removedTexts.subtracting(keptTexts).filter { plain.contains($0) }.sorted()
            }
            if !page.anchorsLeft.isEmpty {
                page.failures.append("tagscan's scan still finds \(page.anchorsLeft.joined(separator: ", "))")
            }
            if !page.textLeft.isEmpty {
                page.failures.append("poppler's text still holds \(page.textLeft.joined(separator: ", "))")
            }

            // (2) Every other glyph in place: one by one where the drawing changed; elsewhere the
            // page draws from the original's unchanged streams, and the scans must agree.
            if !proveFully {
                let before = originalScan.pages.first { $0.pageNumber == pageNumber }?.glyphCount
                let after = scrubbedScan.pages.first { $0.pageNumber == pageNumber }?.glyphCount
                if before != after {
                    page.failures.append("the scan counts \(after ?? 0) glyphs where the original has \(before ?? 0)")
                }
                pages.append(page)
                continue
            }
            page.glyphsComparedOneByOne = true
            var original = plan.pages[index]
            if !plan.walked[index] {
                if originalMap == nil { originalMap = ContentGlyphMap(data: self.original, password: options.scan.password) }
                original = originalMap?.page(index)?.glyphs ?? []
            }
            let expected = original.enumerated().filter { !plan.removedGlyphs[index].contains($0.offset) }.map(\.element)
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

            // (3) Pixels changed only where anchors were: pages whose streams were not rewritten
            // draw from the original's bytes.
            if plan.isTouched(index) {
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
