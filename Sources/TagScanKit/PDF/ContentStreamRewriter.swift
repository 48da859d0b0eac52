import Foundation
internal import CScrubCore

/// Removes glyphs from a PDF's content streams with qpdf, each replaced by its advance as a TJ
/// number, and writes the whole file again.
enum ContentStreamRewriter {
    /// One glyph to remove, on page `pageIndex` (0-based; forms are rewritten once whichever
    /// page listed them).
    struct Cut: Hashable, Sendable {
        var pageIndex: Int
        var glyph: LocatedGlyph
    }

    enum Outcome: Sendable {
        case written(Data)
        /// The cuts (by index) whose operator or bytes were not where poppler drew them.
        case misplaced(Set<Int>)
        case encrypted
        case failed(String)
    }

    static func rewrite(_ data: Data, removing cuts: [Cut]) -> Outcome {
        var raw: [tagscan_scrub_cut] = cuts.map { cut in
            var c = tagscan_scrub_cut()
            switch cut.glyph.stream {
            case .page: c.stream_kind = Int32(TAGSCAN_SCRUB_PAGE_CONTENT)
            case .form(let number, let generation):
                c.stream_kind = Int32(TAGSCAN_SCRUB_FORM)
                c.form_num = number
                c.form_gen = generation
            case .annotation: c.stream_kind = Int32(TAGSCAN_SCRUB_ANNOTATION)
            }
            c.page_index = Int32(cut.pageIndex)
            c.op_index = cut.glyph.operatorIndex
            c.string_index = cut.glyph.stringIndex
            c.byte_offset = cut.glyph.byteOffset
            c.byte_count = cut.glyph.byteCount
            let b = cut.glyph.bytes + [0, 0, 0, 0]
            c.bytes = (b[0], b[1], b[2], b[3])
            c.adjust = cut.glyph.adjustment
            return c
        }
        var failed = [UInt8](repeating: 0, count: max(cuts.count, 1))
        var output: UnsafeMutableRawPointer? = nil
        var outputLength = 0
        var message = [CChar](repeating: 0, count: 512)
        let status = data.withUnsafeBytes { bytes in
            raw.withUnsafeMutableBufferPointer { cutBuffer in
                tagscan_scrub_rewrite(
                    bytes.baseAddress, bytes.count, cutBuffer.baseAddress, cutBuffer.count, &failed, &output, &outputLength, &message,
                    message.count)
            }
        }
        defer { if let output { tagscan_scrub_free(output) } }
        switch status {
        case 0:
            guard let output else { return .failed("qpdf wrote nothing") }
            return .written(Data(bytes: output, count: outputLength))
        case 1: return .misplaced(Set(cuts.indices.filter { failed[$0] != 0 }))
        case 2: return .encrypted
        default: return .failed(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }
}

extension ContentStreamRewriter {
    /// Per page of `rewritten`, whether it draws exactly what the same page of `original` draws:
    /// qpdf compares the two pages object by object (the page dictionary, its inherited
    /// attributes, and every object they reach: content streams, resources, fonts, Form
    /// XObjects, annotations), whatever the writer numbered them. Nil when qpdf cannot read
    /// either file; all false when the page counts differ.
    static func unchangedPages(original: Data, rewritten: Data, pageCount: Int) -> [Bool]? {
        var flags = [UInt8](repeating: 0, count: max(pageCount, 1))
        let count = original.withUnsafeBytes { a in
            rewritten.withUnsafeBytes { b in
                tagscan_scrub_unchanged_pages(a.baseAddress, a.count, b.baseAddress, b.count, &flags, Int32(pageCount))
            }
        }
        guard count >= 0 else { return nil }
        return (0..<pageCount).map { flags[$0] != 0 }
    }
}
