internal import CPopplerCore

/// Tells pages whose text cannot be read from pages that have no text (the `unreadable` error).
///
/// A page that yields no characters is usually a scan or artwork. But a font without a usable
/// ToUnicode map makes poppler draw every glyph and yield nothing, and "no anchors found" would
/// then be a lie. Pages that came out empty are run once more through a counting output device:
/// glyphs drawn, none mapped, means unreadable.
enum HostileTextCheck {
    /// The rule id of a page's `unreadable` diagnostic (the lint rule of the same name reports it).
    static let rule = DiagnosticCatalog.unreadable.id

    /// `result` with its empty pages checked: each page that draws glyphs without characters gets
    /// an `unreadable` error diagnostic; when no page of the document yields any text, the whole
    /// document becomes an `unreadable` error. A document none of whose pages loads becomes
    /// `damaged`. `counts` are what extraction counted by page number (the glyph path counts
    /// while it draws); only when an empty page has none (poppler-glib) is the document opened
    /// again to count.
    static func apply(to result: DocumentResult, source: DocumentSource, password: String?, counts: [Int: GlyphCounts] = [:]) -> DocumentResult {
        guard result.status == .ok else { return result }
        // A page poppler cannot load is scanned as a 0 × 0 page with an `unreadable` diagnostic;
        // a document none of whose pages loads (a page tree that loops) has zero usable pages.
        if !result.pages.isEmpty, result.pages.allSatisfy({ $0.width == 0 && $0.height == 0 }) {
            var damaged = result
            damaged.status = .error
            damaged.error = DocumentError(
                .damaged, "\(source.displayPath): none of its \(result.pageCount) page\(result.pageCount == 1 ? "" : "s") can be loaded (a broken page tree?)")
            return damaged
        }
        let emptyPages = result.pages.filter { $0.glyphCount == 0 }.map(\.pageNumber)
        guard !emptyPages.isEmpty else { return result }
        let drawn: [Int64], mapped: [Int64]
        let counted = emptyPages.compactMap { counts[$0] }
        if counted.count == emptyPages.count {
            drawn = counted.map { Int64($0.drawn) }
            mapped = counted.map { Int64($0.mapped) }
        } else {
            guard let probed = probe(emptyPages, source: source, password: password) else { return result }
            (drawn, mapped) = probed
        }
        let unreadable = emptyPages.indices.filter { drawn[$0] > 0 && mapped[$0] == 0 }
        guard !unreadable.isEmpty else { return result }

        var checked = result
        if emptyPages.count == result.pages.count {
            let pages = unreadable.map { emptyPages[$0] }
            let total = unreadable.reduce(Int64(0)) { $0 + drawn[$1] }
            let which = pages.count == 1 ? "page \(pages[0])" : "pages \(pages.map(String.init).joined(separator: ", "))"
            checked.status = .error
            checked.error = DocumentError(
                .unreadable,
                "\(source.displayPath): \(which) draw\(pages.count == 1 ? "s" : "") \(total) glyphs but none maps to a character (a font without a usable ToUnicode map?)"
            )
            return checked
        }
        for index in unreadable {
            let page = emptyPages[index]
            checked.diagnostics.append(
                DiagnosticCatalog.unreadable.diagnostic(
                    page: page,
                    "page \(page) draws \(drawn[index]) glyphs but none maps to a character (a font without a usable ToUnicode map?), so its anchors cannot be found"
                ))
        }
        checked.diagnostics = checked.diagnostics.enumerated()
            .sorted { ($0.element.pageNumber ?? 0, $0.offset) < ($1.element.pageNumber ?? 0, $1.offset) }.map(\.element)
        return checked
    }

    /// Opens the document again and counts, for each of `pages`, the glyphs drawn and those that
    /// map to a character; nil when the core API is missing or the document does not open.
    private static func probe(_ pages: [Int], source: DocumentSource, password: String?) -> (drawn: [Int64], mapped: [Int64])? {
        guard ExtractionPath.glyphsAvailable else { return nil }
        let indexes = pages.map { Int32($0 - 1) }
        var drawn = [Int64](repeating: 0, count: indexes.count)
        var mapped = [Int64](repeating: 0, count: indexes.count)
        let working = PasswordAttempts.workingPassword(for: source, password: password)
        let status: Int32 = working.withCString { pw in
            switch source {
            case .file(let path):
                return tagscan_probe_text(path, nil, 0, pw, indexes, Int32(indexes.count), &drawn, &mapped)
            case .data(let data, _):
                return data.withUnsafeBytes {
                    tagscan_probe_text(nil, $0.baseAddress, $0.count, pw, indexes, Int32(indexes.count), &drawn, &mapped)
                }
            }
        }
        guard CoreError(status: status) == nil else { return nil }
        return (drawn, mapped)
    }
}
