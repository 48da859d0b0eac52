import Foundation
import Testing
import YotiSignModels
@testable import TagScanKit

/// Renders fixture pages with and without overlays, decodes both PNGs and checks pixels: inside
/// each field's box the recipient's colour is blended over the page exactly as drawn, far outside
/// every mark the page is unchanged, and the anchor glyphs poppler draws sit inside the anchor
/// boxes its text layout reported: on plain, rotated (90/180/270) and cropped pages.
@Suite("Preview rendering")
struct PreviewRenderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ relative: String) -> String { root.appendingPathComponent("Fixtures/\(relative)").path }

    static func scan(_ relative: String) async throws -> DocumentResult {
        let result = try await Scanner(options: ScanOptions(jobs: 1)).scan(.file(path: fixture(relative)))
        try #require(result.status == .ok, "\(relative): \(result.error?.description ?? "")")
        return result
    }

    /// A rectangle of whole pixels.
    struct PixelRect {
        var x0: Int, y0: Int, x1: Int, y1: Int  // half-open
        func contains(_ x: Int, _ y: Int) -> Bool { x >= x0 && x < x1 && y >= y0 && y < y1 }
        var isEmpty: Bool { x1 <= x0 || y1 <= y0 }
    }

    /// `box` grown by `margin` points on each side (shrunk when negative), as the pixels whose
    /// centres fall inside it.
    static func pixels(_ box: Box, grownBy margin: Double, scale: Double) -> PixelRect {
        PixelRect(
            x0: Int(((box.x - margin) * scale - 0.5).rounded(.up)), y0: Int(((box.y - margin) * scale - 0.5).rounded(.up)),
            x1: Int(((box.maxX + margin) * scale - 0.5).rounded(.up)), y1: Int(((box.maxY + margin) * scale - 0.5).rounded(.up)))
    }

    static func channelsClose(_ a: PreviewColor, _ b: PreviewColor, tolerance: Int) -> Bool {
        abs(Int(a.red) - Int(b.red)) <= tolerance && abs(Int(a.green) - Int(b.green)) <= tolerance
            && abs(Int(a.blue) - Int(b.blue)) <= tolerance
    }

    static func blend(_ color: PreviewColor, over base: PreviewColor, opacity: Double) -> PreviewColor {
        func mix(_ top: UInt8, _ bottom: UInt8) -> UInt8 { UInt8((opacity * Double(top) + (1 - opacity) * Double(bottom)).rounded()) }
        return PreviewColor(red: mix(color.red, base.red), green: mix(color.green, base.green), blue: mix(color.blue, base.blue))
    }

    /// Every tab of every label row, in drawing order.
    static func labelParts(_ overlay: PageOverlay) -> [PageOverlay.LabelPart] {
        overlay.marks.flatMap { mark -> [PageOverlay.LabelPart] in
            if case .label(let parts, _, _, _) = mark { return parts }
            return []
        }
    }

    static let pixelCases: [(String, Int)] = [
        ("templates/rotated.pdf", 1), ("templates/rotated.pdf", 2), ("templates/rotated.pdf", 3), ("templates/rotated.pdf", 4),
        ("templates/cropbox.pdf", 1), ("templates/multi-page.pdf", 1), ("templates/multi-page.pdf", 3),
        ("templates/edges.pdf", 1), ("envelope/annex.pdf", 1),
    ]

    @Test("fields are drawn in their recipient's colour, the rest of the page is untouched", arguments: pixelCases)
    func fieldPixels(relative: String, pageNumber: Int) async throws {
        let result = try await Self.scan(relative)
        let page = try #require(result.pages.first { $0.pageNumber == pageNumber })
        let source = DocumentSource.file(path: Self.fixture(relative))
        let options = PreviewOptions(dpi: 96, drawsLegend: false)
        var plainOptions = options
        plainOptions.drawsOverlays = false

        let drawn = try PreviewRenderer.render(source: source, password: nil, pageNumbers: [pageNumber], result: result, diagnostics: [], options: options)[0]
        let plain = try PreviewRenderer.render(
            source: source, password: nil, pageNumbers: [pageNumber], result: result, diagnostics: [], options: plainOptions)[0]
        let image = try PNGImage(decoding: drawn.png)
        let reference = try PNGImage(decoding: plain.png)
        let scale = 96.0 / 72

        // The displayed page size at 96 dpi: rotated pages are landscape, cropped pages crop-box sized.
        #expect(image.width == Int((page.width * scale).rounded(.up)) && image.height == Int((page.height * scale).rounded(.up)))
        #expect(image.width == reference.width && image.height == reference.height)
        #expect(drawn.pagePixelHeight == image.height)

        let anchors = result.anchors.filter { $0.pageNumber == pageNumber }
        let fields = anchors.compactMap { anchor in options.fieldBox(for: anchor, on: page).map { (anchor: anchor, box: $0) } }
        try #require(!fields.isEmpty, "\(relative) page \(pageNumber) has no fields to check")
        let palette = RecipientPalette(results: [result])
        let labels = drawn.labelBoxes.map { Self.pixels($0, grownBy: 0.5, scale: scale) }

        // Inside each field, away from its edges, labels, anchor outlines and other fields: the
        // recipient colour at the field opacity over exactly what the plain render has there.
        for (index, field) in fields.enumerated() {
            let color = palette.color(for: try #require(field.anchor.role))
            let interior = Self.pixels(field.box, grownBy: -2, scale: scale)
            let others = fields.indices.filter { $0 != index }.map { Self.pixels(fields[$0].box, grownBy: 3, scale: scale) }
            let anchorEdges = anchors.map { (outer: Self.pixels($0.box, grownBy: 1, scale: scale), inner: Self.pixels($0.box, grownBy: -1, scale: scale)) }
            var checked = 0, matching = 0
            for y in max(0, interior.y0)..<min(image.height, interior.y1) {
                for x in max(0, interior.x0)..<min(image.width, interior.x1) {
                    if labels.contains(where: { $0.contains(x, y) }) || others.contains(where: { $0.contains(x, y) }) { continue }
                    if anchorEdges.contains(where: { $0.outer.contains(x, y) && !$0.inner.contains(x, y) }) { continue }
                    checked += 1
                    let expected = Self.blend(color, over: reference.pixel(x: x, y: y).color, opacity: options.fieldOpacity)
                    if Self.channelsClose(image.pixel(x: x, y: y).color, expected, tolerance: 2) { matching += 1 }
                }
            }
            #expect(checked >= 30, "\(relative) p\(pageNumber) \(field.anchor.text): only \(checked) pixels to check")
            #expect(
                Double(matching) >= Double(checked) * 0.98,
                "\(relative) p\(pageNumber) \(field.anchor.text) at \(field.box): \(matching) of \(checked) pixels show \(color.hex) at the field opacity")
        }

        // Far from every mark (fields, anchors, near misses outlined at their own boxes, labels)
        // the page is byte-identical.
        let nearMisses = result.diagnostics.filter { $0.pageNumber == pageNumber }.compactMap(\.box)
        let marks = (fields.map(\.box) + anchors.map(\.box) + nearMisses).map { Self.pixels($0, grownBy: 4, scale: scale) } + labels
        var unchanged = 0, changed = 0
        for y in 0..<image.height {
            for x in 0..<image.width where !marks.contains(where: { $0.contains(x, y) }) {
                if image.pixels[y * image.width + x] == reference.pixels[y * image.width + x] { unchanged += 1 } else { changed += 1 }
            }
        }
        #expect(changed == 0, "\(relative) p\(pageNumber): \(changed) pixels changed far from every field")
        #expect(unchanged > image.width * image.height / 2)

        // The anchors are black text: poppler's drawing of them lies inside the boxes its text
        // layout gave, so a field placed from a box sits on its anchor.
        for anchor in anchors where anchor.color == "#000000" {
            let inside = Self.pixels(anchor.box, grownBy: 0, scale: scale)
            var dark = 0
            for y in max(0, inside.y0)..<min(reference.height, inside.y1) {
                for x in max(0, inside.x0)..<min(reference.width, inside.x1) where reference.pixel(x: x, y: y).color.luminance < 0.3 {
                    dark += 1
                }
            }
            let area = max(1, (inside.x1 - inside.x0) * (inside.y1 - inside.y0))
            #expect(Double(dark) / Double(area) > 0.08, "\(relative) p\(pageNumber) \(anchor.text): only \(dark) of \(area) pixels of its box are ink")
            // and no ink in the gap just outside the box on its left and right: narrower than the
            // space before the anchor, wider than antialiasing.
            let ring = [
                Self.pixels(Box(x: anchor.box.x - 2.5, y: anchor.box.y + 2, width: 1.75, height: anchor.box.height - 4), grownBy: 0, scale: scale),
                Self.pixels(Box(x: anchor.box.maxX + 0.75, y: anchor.box.y + 2, width: 1.75, height: anchor.box.height - 4), grownBy: 0, scale: scale),
            ]
            for side in ring where side.x0 >= 0 && side.x1 <= reference.width {
                var ink = 0
                for y in side.y0..<side.y1 { for x in side.x0..<side.x1 where reference.pixel(x: x, y: y).color.luminance < 0.3 { ink += 1 } }
                #expect(ink == 0, "\(relative) p\(pageNumber) \(anchor.text): ink next to its box at \(side)")
            }
        }
    }

    @Test("problems are outlined in red: the clamped fields of edges.pdf")
    func problemsInRed() async throws {
        let result = try await Self.scan("templates/edges.pdf")
        let clamped = result.diagnostics.filter { $0.rule == "tag-clamped" }
        try #require(!clamped.isEmpty)
        let page = try #require(result.pages.first)
        let options = PreviewOptions(dpi: 96, drawsLegend: false)
        let overlay = try #require(PageOverlay(result: result, pageNumber: 1, diagnostics: result.diagnostics, options: options))
        let labelTexts = Self.labelParts(overlay).filter { $0.background == RecipientPalette.problem }.map(\.text)
        #expect(labelTexts.contains { $0.contains("tag-clamped") }, "labels: \(labelTexts)")

        let png = try await PreviewRenderer.renderPage(
            source: .file(path: Self.fixture("templates/edges.pdf")), pageNumber: 1, result: result, options: options)
        let image = try PNGImage(decoding: png)
        let scale = 96.0 / 72
        for anchor in result.anchors where clamped.contains(where: { $0.anchor == anchor.text }) {
            let field = try #require(options.fieldBox(for: anchor, on: page))
            // The red outline runs 1.5 pt outside the field: sample its middle along the left edge
            // (or the bottom edge when the field touches the page's left side).
            var red = 0, samples = 0
            if field.x >= 3 {
                let x = Int(((field.x - PageOverlay.problemLineWidth) * scale).rounded(.down))
                for y in Int(field.y * scale) + 2..<min(image.height, Int(field.maxY * scale) - 2) {
                    samples += 1
                    if Self.channelsClose(image.pixel(x: x, y: y).color, RecipientPalette.problem, tolerance: 40) { red += 1 }
                }
            } else {
                let y = Int(((field.maxY + PageOverlay.problemLineWidth) * scale).rounded(.down))
                for x in Int(field.x * scale) + 2..<min(image.width, Int(field.maxX * scale) - 2) {
                    samples += 1
                    if Self.channelsClose(image.pixel(x: x, y: y).color, RecipientPalette.problem, tolerance: 40) { red += 1 }
                }
            }
            #expect(samples > 5 && Double(red) > Double(samples) * 0.5, "\(anchor.text): \(red) of \(samples) outline pixels red")
        }
    }

    @Test("near misses are outlined in red at their own boxes, with their rule id")
    func nearMisses() async throws {
        let relative = "producers/libreoffice/missing-pipe.pdf"
        let result = try await Self.scan(relative)
        let misses = result.diagnostics.filter { $0.rule == "malformed-anchor" }
        try #require(misses.count == 4 && misses.allSatisfy { $0.box != nil }, "\(result.diagnostics)")
        let options = PreviewOptions(dpi: 96, drawsLegend: false)
        let overlay = try #require(PageOverlay(result: result, pageNumber: 1, diagnostics: result.diagnostics, options: options))
        let problems = overlay.marks.compactMap { mark -> Box? in
            if case .problem(let box) = mark { return box }
            return nil
        }
        #expect(problems == misses.compactMap(\.box))
        #expect(Self.labelParts(overlay).filter { $0.text == "malformed-anchor" && $0.background == RecipientPalette.problem }.count == 4)

        // On the rendered page the outline runs just outside the box: red pixels left of it.
        let png = try await PreviewRenderer.renderPage(source: .file(path: Self.fixture(relative)), pageNumber: 1, result: result, options: options)
        let image = try PNGImage(decoding: png)
        let scale = 96.0 / 72
        for box in problems {
            let x = Int(((box.x - PageOverlay.problemLineWidth) * scale).rounded(.down))
            let rows = Int(box.y * scale) + 2..<Int(box.maxY * scale) - 2
            let red = rows.filter { Self.channelsClose(image.pixel(x: x, y: $0).color, RecipientPalette.problem, tolerance: 40) }.count
            #expect(Double(red) > Double(rows.count) * 0.5, "\(box): \(red) of \(rows.count) outline pixels red")
        }
    }

    @Test("the linter's overlapping fields are outlined in red with its rule id")
    func overlaps() async throws {
        let page = PageInfo(pageNumber: 1, width: 600, height: 800, rotation: 0)
        func anchor(_ text: String, x: Double, y: Double) -> Anchor {
            Anchor(
                text: text, dialect: .yoti, pageNumber: 1, box: Box(x: x, y: y, width: 40, height: 11), role: "Signer 1", signGroup: 1,
                tag: Tag(pageNumber: 1, x: x / 600, y: y / 800, type: .signature, optional: text == "|S1SO|", fileName: "a.pdf"),
                color: "#000000")
        }
        let scanned = DocumentResult(
            path: "a.pdf", fileName: "a.pdf", pageCount: 1, pages: [page],
            anchors: [anchor("|S1SR|", x: 100, y: 100), anchor("|S1SO|", x: 120, y: 105), anchor("|S1SR|", x: 100, y: 400)],
            recipients: [RecipientTags(role: "Signer 1", signGroup: 1, tags: [])])
        let linted = try #require(Linter().lint([LintEnvelope(LintDocument(result: scanned))]).documents.first)
        // Only the overlap: the linter also (rightly) finds these black anchors visible.
        let overlaps = linted.diagnostics.filter { $0.rule == "tags-overlap" }
        let overlap = try #require(overlaps.first, "\(linted.diagnostics.map(\.rule))")

        let overlay = try #require(PageOverlay(result: scanned, pageNumber: 1, diagnostics: overlaps, options: PreviewOptions()))
        let problems = overlay.marks.compactMap { mark -> Box? in
            if case .problem(let box) = mark { return box }
            return nil
        }
        let flagged = scanned.anchors.filter { $0.text == overlap.anchor }
        #expect(problems == flagged.compactMap { PreviewOptions().fieldBox(for: $0, on: page) })
        let labels = Self.labelParts(overlay).map(\.text)
        #expect(labels.filter { $0 == "tags-overlap" }.count == flagged.count)
        #expect(labels.filter { $0 == "Signer 1 · signature" }.count == 2 && labels.contains("Signer 1 · signature · optional"))
    }

    @Test("lint diagnostics given to the renderer mark their anchors; others go to the legend")
    func givenDiagnostics() async throws {
        let result = try await Self.scan("envelope/annex.pdf")
        let anchor = try #require(result.anchors.first { $0.tag?.type == .attachment })
        let lint = [
            Diagnostic(rule: "optional-attachment", severity: .warning, pageNumber: 1, message: "an attachment is optional", anchor: anchor.text),
            Diagnostic(rule: "document-note", severity: .info, pageNumber: 1, message: "just so you know"),
        ]
        let overlay = try #require(PageOverlay(result: result, pageNumber: 1, diagnostics: result.diagnostics + lint, options: PreviewOptions()))
        #expect(Self.labelParts(overlay).contains { $0.text == "optional-attachment" && $0.background == RecipientPalette.problem })
        #expect(overlay.legend?.notes.map(\.text) == ["info [document-note] just so you know"])
        #expect(overlay.legend?.recipients.map(\.text) == result.recipients.map(\.role))
    }

    @Test("the legend strip under the page shows every recipient's colour")
    func legendStrip() async throws {
        let relative = "templates/multi-page.pdf"
        let result = try await Self.scan(relative)
        let roles = result.recipients.map(\.role)
        try #require(roles.count >= 2)
        let preview = try await PreviewRenderer.renderPages(
            source: .file(path: Self.fixture(relative)), pages: .numbers([1...1]), result: result, options: PreviewOptions(dpi: 72))
        let only = try #require(preview.first)
        #expect(preview.count == 1 && only.pageNumber == 1)
        let image = try PNGImage(decoding: only.png)
        #expect(image.height == only.pixelHeight && only.pixelHeight > only.pagePixelHeight + 10)
        let palette = RecipientPalette(results: [result])
        var strip = Set<UInt32>()
        for y in only.pagePixelHeight..<image.height { for x in 0..<image.width { strip.insert(image.pixels[y * image.width + x] & 0xFFFFFF) } }
        for role in roles {
            let color = palette.color(for: role)
            let word = UInt32(color.red) << 16 | UInt32(color.green) << 8 | UInt32(color.blue)
            #expect(strip.contains(word), "no \(color.hex) swatch for \(role) in the legend")
        }
        #expect(Set(roles.map(palette.color(for:))).count == roles.count, "each recipient has its own colour")
    }

    @Test("the library renders from bytes as from a file, and reports bad pages and documents")
    func libraryAPI() async throws {
        let relative = "templates/cropbox.pdf"
        let result = try await Self.scan(relative)
        let path = Self.fixture(relative)
        let fromFile = try await PreviewRenderer.renderPage(source: .file(path: path), pageNumber: 1, result: result)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let fromData = try await PreviewRenderer.renderPage(source: .data(bytes, fileName: "cropbox.pdf"), pageNumber: 1, result: result)
        #expect(fromFile == fromData)
        #expect(fromFile.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))

        #expect(throws: PreviewError.pageOutOfRange(pageNumber: 2, pageCount: 1)) {
            try PreviewRenderer.renderPage(source: .file(path: path), pageNumber: 2, result: result)
        }
        do {
            _ = try await PreviewRenderer.renderPage(source: .file(path: Self.fixture("broken/not-a-pdf.pdf")), pageNumber: 1, result: result)
            Issue.record("a non-PDF rendered")
        } catch {
            guard case .document(let failure) = error else { Issue.record("unexpected \(error)"); return }
            #expect(failure.code == .notAPDF)
        }
        do {
            _ = try await PreviewRenderer.renderPage(source: .file(path: Self.fixture("broken/encrypted-aes-128.pdf")), pageNumber: 1, result: result)
            Issue.record("an encrypted PDF rendered without its password")
        } catch {
            guard case .document(let failure) = error else { Issue.record("unexpected \(error)"); return }
            #expect(failure.code == .encrypted)
        }
        let unlocked = try await PreviewRenderer.renderPage(
            source: .file(path: Self.fixture("broken/encrypted-aes-128.pdf")), password: "secret", pageNumber: 1, result: result,
            options: PreviewOptions(dpi: 36, drawsOverlays: false, drawsLegend: false))
        #expect(try PNGImage(decoding: unlocked).width > 100)
        #expect(throws: PreviewError.self) { try PNGImage(decoding: Data("not a png".utf8)) }
    }

    @Test("a failed scan renders nothing by selection and plain pages by number")
    func failedScan() throws {
        let failed = DocumentResult.failed(path: "x.pdf", fileName: "x.pdf", DocumentError(.damaged, "x"))
        let path = Self.fixture("templates/cropbox.pdf")
        #expect(try PreviewRenderer.renderPages(source: .file(path: path), pages: .all, result: failed).isEmpty)
        let png = try PreviewRenderer.renderPage(source: .file(path: path), pageNumber: 1, result: failed, options: PreviewOptions(dpi: 36))
        let image = try PNGImage(decoding: png)
        #expect(image.width == Int((595 * 0.5).rounded(.up)) && image.height == 400)
    }
}
