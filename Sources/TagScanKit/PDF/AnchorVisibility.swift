import Foundation
internal import CPoppler

/// Tells whether anchors leave ink on the rendered page.
///
/// poppler's text attributes report an anchor's colour and size but not its text render mode, so
/// an invisible (`3 Tr`) anchor looks like ordinary black text to the scanner. This renders the upper part of each anchor's box (the glyphs
/// above the baseline, leaving out a signature line drawn under the anchor) and measures how many
/// pixels differ from the region's dominant colour, its background.
///
/// Owns its own poppler document: every page it renders is a fresh `PopplerPage`, never one the
/// scanner extracted text from (§1.3), and one document's pages are rendered one at a time (§2).
enum AnchorVisibility {
    /// One anchor to measure.
    struct Probe: Sendable, Hashable, Codable {
        var pageNumber: Int
        var box: Box
    }

    /// Share of the sampled part of the box above which an anchor counts as visible.
    static let visibleCoverage = 0.02
    /// A pixel is ink when one of its channels differs from the background by more than this.
    static let inkThreshold = 48
    /// Share of the box's height sampled, from its top.
    static let sampledHeight = 0.7

    /// Seconds of rendering one document may take; anchors left when it runs out are not measured.
    /// Each render interprets the whole page, so a costly page times many anchors would otherwise
    /// be unbounded (scanning itself has its own limits).
    static let defaultBudget = 2.0

    /// For each probe, the share of sampled pixels carrying ink (0…1), or nil when the document or
    /// page could not be opened, the box is empty, or the time `budget` ran out (or `isCancelled`
    /// turned true) first.
    static func inkCoverage(
        source: DocumentSource, password: String?, probes: [Probe], budget: Double = defaultBudget, isCancelled: () -> Bool = { false }
    ) -> [Double?] {
        guard !probes.isEmpty, let document = open(source, password: password) else {
            return Array(repeating: nil, count: probes.count)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let pageCount = Int(poppler_document_get_n_pages(document))

        var coverage = [Double?](repeating: nil, count: probes.count)
        let byPage = Dictionary(grouping: probes.indices, by: { probes[$0].pageNumber })
        let deadline = Date().addingTimeInterval(budget)
        for pageNumber in byPage.keys.sorted() where pageNumber >= 1 && pageNumber <= pageCount {
            guard Date() < deadline, !isCancelled() else { break }
            guard let page = poppler_document_get_page(document, Int32(pageNumber - 1)) else { continue }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            for index in byPage[pageNumber] ?? [] {
                guard Date() < deadline, !isCancelled() else { break }
                coverage[index] = measure(page: page, box: probes[index].box)
            }
        }
        return coverage
    }

    /// Renders the top `sampledHeight` of `box` on white and measures its ink.
    private static func measure(page: OpaquePointer, box: Box) -> Double? {
        let height = box.height * sampledHeight
        guard box.width > 0, height > 0 else { return nil }
        // Enough pixels to see a 2 pt glyph, without huge surfaces for large type.
        let scale = min(max(24 / box.height, 2), 12)
        let pixelWidth = Int((box.width * scale).rounded(.up)), pixelHeight = Int((height * scale).rounded(.up))
        guard (1...4096).contains(pixelWidth), (1...4096).contains(pixelHeight) else { return nil }

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else { return nil }
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        cairo_translate(cr, -box.x, -box.y)
        poppler_page_render(page, cr)
        guard cairo_status(cr) == CAIRO_STATUS_SUCCESS else { return nil }
        cairo_surface_flush(surface)

        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        // RGB24 pixels are native-endian 32-bit words with the red byte in bits 16…23.
        var pixels: [UInt32] = []
        pixels.reserveCapacity(pixelWidth * pixelHeight)
        for row in 0..<pixelHeight {
            let line = UnsafeRawPointer(data + row * stride)
            for column in 0..<pixelWidth {
                pixels.append(line.load(fromByteOffset: column * 4, as: UInt32.self) & 0x00FF_FFFF)
            }
        }
        return coverage(of: pixels)
    }

    /// Share of `pixels` (0xRRGGBB) that differ from the most common colour by more than
    /// `inkThreshold` in some channel.
    static func coverage(of pixels: [UInt32]) -> Double? {
        guard !pixels.isEmpty else { return nil }
        var counts: [UInt32: Int] = [:]
        for pixel in pixels { counts[pixel, default: 0] += 1 }
        guard let background = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return nil }
        func channels(_ p: UInt32) -> (Int, Int, Int) { (Int(p >> 16 & 0xFF), Int(p >> 8 & 0xFF), Int(p & 0xFF)) }
        let (br, bg, bb) = channels(background)
        var ink = 0
        for (pixel, count) in counts where pixel != background {
            let (r, g, b) = channels(pixel)
            if max(abs(r - br), abs(g - bg), abs(b - bb)) > inkThreshold { ink += count }
        }
        return Double(ink) / Double(pixels.count)
    }

    /// Opens the document the way the scanner does; nil on any failure.
    private static func open(_ source: DocumentSource, password: String?) -> OpaquePointer? {
        var error: UnsafeMutablePointer<GError>? = nil
        defer { if let error { g_error_free(error) } }
        return PDFDocumentHandle.popplerDocument(source, password: password, error: &error)
    }
}
