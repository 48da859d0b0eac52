public import Foundation

/// Draws pages of a scanned document with each placed field over the page: a box per field in its
/// recipient's colour labelled with role and type, the anchor's own box outlined thinly, and
/// clamped or overlapping fields and lint problems outlined in red with their rule id.
///
/// ```swift
/// let result = try await Scanner().scan(.file(path: "nda.pdf"))
/// let png = try await PreviewRenderer.renderPage(source: .file(path: "nda.pdf"), pageNumber: 3, result: result)
/// ```
///
/// Every call opens its own copy of the document and renders its pages one at a time (poppler
/// crashes when two pages of one document render at once), so calls may run concurrently. The
/// calls block while they render (measured 13, 22 and 49 ms of CPU per text page at 72, 96 and
/// 150 dpi, most of it PNG encoding); the async overloads (chosen in async code) run them off the
/// caller's executor and stop between pages when the calling task is cancelled.
public enum PreviewRenderer {
    /// Renders page `pageNumber` (1-based) of `source` to PNG, with `result`'s fields and the
    /// problems in `result.diagnostics` and `diagnostics` (lint findings, say) drawn over it.
    ///
    /// - Parameters:
    ///   - source: the document to render.
    ///   - password: its password, when encrypted.
    ///   - pageNumber: the page, 1-based.
    ///   - result: the scan of this same document; if it does not describe the page (a failed
    ///     scan), the page is rendered without overlays.
    ///   - diagnostics: problems to mark in addition to the scan's own; duplicates are ignored.
    ///   - options: resolution, overlays and legend.
    /// - Returns: PNG data, `options.dpi` / 72 pixels per point.
    /// - Throws: `PreviewError.document` when the document cannot be opened,
    ///   `.pageOutOfRange`, or `.renderFailed`.
    public static func renderPage(
        source: DocumentSource, password: String? = nil, pageNumber: Int, result: DocumentResult,
        diagnostics: [Diagnostic] = [], options: PreviewOptions = PreviewOptions()
    ) throws(PreviewError) -> Data {
        try render(source: source, password: password, pageNumbers: [pageNumber], result: result, diagnostics: diagnostics, options: options)[0].png
    }

    /// Renders the `pages` of `source` that `result` describes (listed pages past the end are
    /// skipped, see `PageSelection.missingPages(in:)`; a failed scan describes none), one at a
    /// time, in page order.
    public static func renderPages(
        source: DocumentSource, password: String? = nil, pages: PageSelection = .tagged, result: DocumentResult,
        diagnostics: [Diagnostic] = [], options: PreviewOptions = PreviewOptions()
    ) throws(PreviewError) -> [PagePreview] {
        let numbers = pages.pageNumbers(in: result)
        guard !numbers.isEmpty else { return [] }
        return try render(source: source, password: password, pageNumbers: numbers, result: result, diagnostics: diagnostics, options: options)
    }

    /// Async form of `renderPage(source:password:pageNumber:result:diagnostics:options:)`.
    public static func renderPage(
        source: DocumentSource, password: String? = nil, pageNumber: Int, result: DocumentResult,
        diagnostics: [Diagnostic] = [], options: PreviewOptions = PreviewOptions()
    ) async throws(PreviewError) -> Data {
        try await offloaded { isCancelled throws(PreviewError) -> [PagePreview] in
            try render(
                source: source, password: password, pageNumbers: [pageNumber], result: result, diagnostics: diagnostics, options: options,
                isCancelled: isCancelled)
        }[0].png
    }

    /// Async form of `renderPages(source:password:pages:result:diagnostics:options:)`.
    public static func renderPages(
        source: DocumentSource, password: String? = nil, pages: PageSelection = .tagged, result: DocumentResult,
        diagnostics: [Diagnostic] = [], options: PreviewOptions = PreviewOptions()
    ) async throws(PreviewError) -> [PagePreview] {
        let numbers = pages.pageNumbers(in: result)
        guard !numbers.isEmpty else { return [] }
        return try await offloaded { isCancelled throws(PreviewError) -> [PagePreview] in
            try render(
                source: source, password: password, pageNumbers: numbers, result: result, diagnostics: diagnostics, options: options,
                isCancelled: isCancelled)
        }
    }

    static func render(
        source: DocumentSource, password: String?, pageNumbers: [Int], result: DocumentResult, diagnostics: [Diagnostic],
        options: PreviewOptions, isCancelled: () -> Bool = { false }
    ) throws(PreviewError) -> [PagePreview] {
        if isCancelled() { throw .cancelled }
        return try render(
            try open(source, password), pageNumbers: pageNumbers, result: result, diagnostics: diagnostics, options: options, isCancelled: isCancelled)
    }

    private static func open(_ source: DocumentSource, _ password: String?) throws(PreviewError) -> PageRenderer {
        do {
            return try PageRenderer(source: source, password: password)
        } catch {
            throw .document(error)
        }
    }

    private static func render(
        _ renderer: PageRenderer, pageNumbers: [Int], result: DocumentResult, diagnostics: [Diagnostic], options: PreviewOptions,
        isCancelled: () -> Bool
    ) throws(PreviewError) -> [PagePreview] {
        let marked = result.diagnostics + diagnostics
        var previews: [PagePreview] = []
        for number in pageNumbers {
            if isCancelled() { throw .cancelled }
            let overlay = PageOverlay(result: result, pageNumber: number, diagnostics: marked, options: options)
            previews.append(try renderer.render(pageNumber: number, dpi: options.dpi, overlay: overlay))
        }
        return previews
    }

    /// Runs `work` off the caller's executor (``OffloadedCall``), telling it through the flag
    /// it is given when the calling task is cancelled; it stops before its next page.
    private static func offloaded<T: Sendable>(
        _ work: @escaping @Sendable (_ isCancelled: @escaping @Sendable () -> Bool) throws(PreviewError) -> T
    ) async throws(PreviewError) -> T {
        let call = OffloadedCall { isCancelled in Result { () throws(PreviewError) -> T in try work(isCancelled) } }
        let outcome: Result<T, PreviewError>?
        do {
            outcome = try await call.results().first ?? nil
        } catch {
            throw .cancelled
        }
        guard let outcome else { throw .cancelled }
        return try outcome.get()
    }
}
