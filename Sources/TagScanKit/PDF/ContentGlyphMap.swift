import Foundation
internal import CScrubCore

/// Where a glyph's bytes live in the file.
enum GlyphStream: Hashable, Sendable {
    /// The page's own content stream(s).
    case page
    /// A Form XObject, by object number and generation; may be drawn on several pages.
    case form(number: Int32, generation: Int32)
    /// An annotation's appearance: drawn on the page, never rewritten.
    case annotation
}

/// One glyph as poppler draws it, with the text-showing operator and the bytes that drew it.
struct LocatedGlyph: Hashable, Sendable {
    var box: Box
    var scalars: [Unicode.Scalar]
    var stream: GlyphStream
    /// Index of the Tj/TJ/'/" operator within its stream, of the string within that operator,
    /// and of the glyph's bytes within that string.
    var operatorIndex: Int32
    var stringIndex: Int32
    var byteOffset: Int32
    var byteCount: Int32
    var bytes: [UInt8]
    /// The TJ number standing in for the glyph's advance.
    var adjustment: Double
    var hasExactAdjustment: Bool
    var isType3: Bool
    var isVertical: Bool

    var text: String { String(String.UnicodeScalarView(scalars)) }
    var center: (x: Double, y: Double) { (box.x + box.width / 2, box.y + box.height / 2) }
}

/// Every glyph of a document tied to the operator and bytes that drew it, read with poppler's core
/// API. Not `Sendable`: one thread owns it.
final class ContentGlyphMap {
    private let document: OpaquePointer
    let pageCount: Int
    /// The file has an /Encrypt dictionary, even one opened with an empty password.
    let isEncrypted: Bool

    /// nil when poppler cannot open the bytes (or its core API was not built in); `openError`
    /// then holds poppler's error code (4: encrypted, the password missing or wrong).
    init?(data: Data, password: String? = nil, openError: UnsafeMutablePointer<Int32>? = nil) {
        var code: Int32 = 0
        let opened = data.withUnsafeBytes { bytes in
            if let password { return password.withCString { tagscan_scrub_open(bytes.baseAddress, bytes.count, $0, &code) } }
            return tagscan_scrub_open(bytes.baseAddress, bytes.count, nil, &code)
        }
        openError?.pointee = code
        guard let opened else { return nil }
        document = opened
        pageCount = Int(tagscan_scrub_page_count(opened))
        isEncrypted = tagscan_scrub_is_encrypted(opened) != 0
    }

    deinit { tagscan_scrub_close(document) }

    /// The glyphs of page `index` (0-based) in drawing order, and the forms its content draws;
    /// nil when poppler cannot draw it. With `annotationsOnly`, only the annotations' glyphs,
    /// and every form the page's resources name.
    func page(_ index: Int, annotationsOnly: Bool = false) -> (glyphs: [LocatedGlyph], forms: Set<GlyphStream>)? {
        var glyphs: UnsafeMutablePointer<tagscan_scrub_glyph>? = nil
        var count: Int32 = 0
        var forms: UnsafeMutablePointer<Int32>? = nil
        var formCount: Int32 = 0
        guard tagscan_scrub_page_glyphs(document, Int32(index), annotationsOnly ? 1 : 0, &glyphs, &count, &forms, &formCount) == 0 else { return nil }
        var located: [LocatedGlyph] = []
        located.reserveCapacity(Int(count))
        if let glyphs {
            for g in UnsafeBufferPointer(start: glyphs, count: Int(count)) {
                let stream: GlyphStream =
                    switch Int(g.stream_kind) {
                    case Int(TAGSCAN_SCRUB_FORM): .form(number: g.form_num, generation: g.form_gen)
                    case Int(TAGSCAN_SCRUB_ANNOTATION): .annotation
                    default: .page
                    }
                let unicode = [g.unicode.0, g.unicode.1, g.unicode.2, g.unicode.3]
                let scalars = unicode.prefix(Int(min(max(g.unicode_count, 0), 4))).compactMap(Unicode.Scalar.init)
                let raw = [g.bytes.0, g.bytes.1, g.bytes.2, g.bytes.3]
                located.append(
                    LocatedGlyph(
                        box: Box(x: g.x_min, y: g.y_min, width: g.x_max - g.x_min, height: g.y_max - g.y_min),
                        scalars: scalars, stream: stream, operatorIndex: g.op_index, stringIndex: g.string_index,
                        byteOffset: g.byte_offset, byteCount: g.byte_count, bytes: Array(raw.prefix(Int(min(max(g.byte_count, 0), 4)))),
                        adjustment: g.adjust, hasExactAdjustment: g.adjust_ok != 0, isType3: g.type3 != 0, isVertical: g.vertical != 0))
            }
        }
        var drawn = Set<GlyphStream>()
        if let forms {
            let pairs = UnsafeBufferPointer(start: forms, count: Int(formCount) * 2)
            for i in stride(from: 0, to: pairs.count, by: 2) {
                drawn.insert(.form(number: pairs[i], generation: pairs[i + 1]))
            }
        }
        return (located, drawn)
    }
}
