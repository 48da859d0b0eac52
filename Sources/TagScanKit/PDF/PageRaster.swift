import Foundation
internal import CPoppler

/// Pages rendered with poppler's cairo backend into plain pixel buffers, and their plain text,
/// for comparing a document with its scrubbed copy. Not `Sendable`: one thread owns it.
final class PageRaster {
    /// One rendered page: `width` × `height` pixels, ARGB, row after row.
    struct Image {
        var width: Int
        var height: Int
        var pixels: [UInt32]
    }

    private let document: OpaquePointer
    let pageCount: Int

    init?(data: Data) {
        PopplerWarmUp.ensure()
        var error: UnsafeMutablePointer<GError>? = nil
        defer { if let error { g_error_free(error) } }
        guard let opened = PDFDocumentHandle.popplerDocument(.data(data, fileName: "scrub.pdf"), password: nil, error: &error) else {
            return nil
        }
        document = opened
        pageCount = Int(poppler_document_get_n_pages(opened))
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    /// Page `index` (0-based) at `dpi` on white; nil when poppler cannot render it.
    func render(_ index: Int, dpi: Double = 72) -> Image? {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        let scale = dpi / 72
        let pixelWidth = Int((width * scale).rounded(.up)), pixelHeight = Int((height * scale).rounded(.up))
        guard (1...32767).contains(pixelWidth), (1...32767).contains(pixelHeight) else { return nil }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard let cairo = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        cairo_scale(cairo, scale, scale)
        poppler_page_render(page, cairo)
        cairo_destroy(cairo)
        cairo_surface_flush(surface)
        guard let base = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels = [UInt32](repeating: 0, count: pixelWidth * pixelHeight)
        pixels.withUnsafeMutableBytes { target in
            for row in 0..<pixelHeight {
                memcpy(target.baseAddress! + row * pixelWidth * 4, base + row * stride, pixelWidth * 4)
            }
        }
        return Image(width: pixelWidth, height: pixelHeight, pixels: pixels)
    }

    /// poppler's plain text of page `index` (0-based), as `pdftotext` would give it.
    func text(_ index: Int) -> String {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return "" }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        guard let text = poppler_page_get_text(page) else { return "" }
        defer { g_free(text) }
        return String(cString: text)
    }
}
