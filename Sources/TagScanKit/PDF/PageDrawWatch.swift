internal import CPopplerCore

/// Tells a page poppler drew only in part from one drawn in full.
///
/// poppler keeps going when an allocation fails (it skips the bitmap, image or font it could not
/// allocate) or a stream decoder gives up (the rest of that content stream is never read): the
/// page comes back with less on it and no error. What it reports while the page is drawn, on the
/// drawing thread, gives it away; such a page gets a `page-incomplete` error, since anchors on
/// the part that was never drawn are missing without a word. The same on both extraction paths,
/// in a worker process or in this one.
enum PageDrawWatch {
    /// The rule id of the diagnostic.
    static let rule = DiagnosticCatalog.pageIncomplete.id

    /// Runs `body` (drawing one page on this thread) and returns the diagnostic for `pageNumber`
    /// when poppler said something while drawing that means the page was cut short.
    static func watching<R>(page pageNumber: Int, _ body: () -> R) -> (R, Diagnostic?) {
        tagscan_page_watch_begin()
        let value = body()
        var first: UnsafeMutablePointer<CChar>? = nil
        let count = tagscan_page_watch_end(&first)
        defer { tagscan_core_free(first) }
        guard count > 0 else { return (value, nil) }
        let quoted = first.map { String(cString: $0) } ?? "a problem"
        let more = count > 1 ? " and \(count - 1) more like it" : ""
        return (
            value,
            DiagnosticCatalog.pageIncomplete.diagnostic(
                page: pageNumber,
                "poppler could not finish drawing page \(pageNumber) (it reported \"\(quoted)\"\(more)): "
                    + "text on the page may be missing, and any anchors in it with it")
        )
    }

    /// The diagnostic for a document whose worker ran out of memory without poppler saying on
    /// which page (its allocator writes straight to stderr).
    static func outOfMemory(_ lines: [String]) -> Diagnostic {
        DiagnosticCatalog.pageIncomplete.diagnostic(
            page: nil,
            "an allocation failed under the memory cap while poppler drew this document (\(lines.first ?? "out of memory")): "
                + "some page's text may be missing, and any anchors in it with it; --max-memory raises the cap")
    }
}
