import Foundation
internal import CPoppler

/// Renders pages of one document to PNG with poppler's cairo backend, optionally with an overlay
/// drawn over each page (one cairo surface a page, so memory stays flat in the page count).
///
/// Owns its own poppler document, separate from any the scanner opened: every `PopplerPage` it
/// renders is fresh (rendering a page first would change its later text extraction), and
/// all pages of a document share one `CairoOutputDev`, so pages of one document must never be
/// rendered at the same time (§2). This class is not `Sendable` and renders synchronously, one
/// page per call, on the thread that owns it.
final class PageRenderer {
    private let document: OpaquePointer
    let pageCount: Int

    init(source: DocumentSource, password: String?) throws(DocumentError) {
        PopplerWarmUp.ensure()
        if let opened = Self.open(source, password: password) {
            let count = Int(poppler_document_get_n_pages(opened))
            if count > 0 {
                document = opened
                pageCount = count
                return
            }
            g_object_unref(UnsafeMutableRawPointer(opened))
        }
        // The scanner's opener knows how to name every failure with a stable error code; let it.
        _ = try PDFDocumentHandle(source: source, password: password)
        throw DocumentError(.damaged, "\(source.displayPath): poppler could not open the document for rendering")
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    /// Opens the document the way the scanner does; nil on any failure.
    private static func open(_ source: DocumentSource, password: String?) -> OpaquePointer? {
        var error: UnsafeMutablePointer<GError>? = nil
        defer { if let error { g_error_free(error) } }
        return PDFDocumentHandle.popplerDocument(source, password: password, error: &error)
    }

    /// Renders page `pageNumber` (1-based) at `dpi` on white, paints `overlay` over it and, when
    /// the overlay has a legend, a strip under the page; returns the PNG.
    func render(pageNumber: Int, dpi: Double, overlay: PageOverlay?) throws(PreviewError) -> PagePreview {
        guard (1...pageCount).contains(pageNumber) else { throw .pageOutOfRange(pageNumber: pageNumber, pageCount: pageCount) }
        guard let page = poppler_document_get_page(document, Int32(pageNumber - 1)) else {
            throw .renderFailed("poppler has no page \(pageNumber)")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)

        let scale = dpi / 72
        let legendHeight = overlay?.legend.map { OverlayPainter.legendHeight($0, pageWidth: width, scale: scale) } ?? 0
        let pixelWidth = Int((width * scale).rounded(.up))
        let pagePixelHeight = Int((height * scale).rounded(.up))
        let pixelHeight = pagePixelHeight + Int((legendHeight * scale).rounded(.up))
        // cairo image surfaces are limited to 32767 pixels a side.
        guard (1...32767).contains(pixelWidth), (1...32767).contains(pixelHeight) else {
            throw .renderFailed("page \(pageNumber) would be \(pixelWidth) × \(pixelHeight) pixels at \(dpi) dpi; cairo allows 32767 a side")
        }

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight)) else {
            throw .renderFailed("cairo could not create a \(pixelWidth) × \(pixelHeight) image")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
            throw .renderFailed("cairo could not create a \(pixelWidth) × \(pixelHeight) image")
        }
        defer { cairo_destroy(cr) }

        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        cairo_save(cr)
        cairo_rectangle(cr, 0, 0, width, height)
        cairo_clip(cr)
        poppler_page_render(page, cr)
        cairo_restore(cr)

        var labels: [Box] = []
        if let overlay {
            let painter = OverlayPainter(cr: cr, pageWidth: width, pageHeight: height)
            labels = painter.paint(overlay.marks)
            if let legend = overlay.legend { painter.paintLegend(legend, height: legendHeight) }
        }
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw .renderFailed(String(cString: cairo_status_to_string(status))) }
        cairo_surface_flush(surface)
        return PagePreview(
            pageNumber: pageNumber, pixelWidth: pixelWidth, pixelHeight: pixelHeight, pagePixelHeight: pagePixelHeight,
            dpi: dpi, png: try PNGWriter.encode(surface), labelBoxes: labels)
    }
}
