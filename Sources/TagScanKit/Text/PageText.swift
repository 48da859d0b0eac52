/// One page's text as the extractor saw it: Unicode scalars in reading order with one box per
/// scalar, and style runs over scalar ranges. A plain value: no PDF engine object behind it.
struct PageText: Sendable {
    /// Font size and fill colour over a half-open range of scalar offsets.
    struct StyleRun: Sendable, Hashable {
        var range: Range<Int>
        var fontSize: Double
        /// 8-bit RGB.
        var red: UInt8, green: UInt8, blue: UInt8
        /// PDF text render mode (3 = invisible); nil when the extractor cannot tell (poppler-glib).
        var renderMode: Int?

        var hexColor: String {
            func hex(_ v: UInt8) -> String {
                let s = String(v, radix: 16)
                return s.count == 1 ? "0" + s : s
            }
            return "#" + hex(red) + hex(green) + hex(blue)
        }
    }

    var info: PageInfo
    /// False for a page that cannot hold an anchor of the scan's dialects and rules (see
    /// ``AnchorTriggers``): it was counted, not laid out, and its text is left empty.
    var isLaidOut = true
    /// Glyphs drawn and those mapped to a character, when the extractor counts them (the glyph
    /// path); nil on poppler-glib.
    var glyphCounts: GlyphCounts?
    /// Bidi control marks (U+202A–U+202E) are already removed so that `scalars[i]` has `boxes[i]`.
    var scalars: [Unicode.Scalar]
    var boxes: [Box]
    /// Empty when the extractor was not asked for styles.
    var styles: [StyleRun]
    /// Offsets of the spaces the layout inferred from a gap between glyphs where the document drew
    /// no space character (letter spacing, or a producer that positions words instead of drawing
    /// spaces), sorted. Every other space was drawn by the document: the author typed it.
    var inferredSpaces: [Int] = []
    /// False when the extractor cannot tell drawn spaces from inferred ones (poppler-glib): then
    /// every space may be either, and `inferredSpaces` is empty.
    var distinguishesSpaces = true
    /// Offsets of the line breaks that end a flow of text: the last line of a column, a table
    /// cell or a paragraph set well apart. Text on either side is not one run of text, so an
    /// anchor never continues across one; sorted.
    var flowBreaks: [Int] = []
    /// Where text that wraps goes on when that is not right after the flow break that ends it:
    /// from the offset of a segment's last scalar to the first scalar of the line it continues
    /// on (a field after a tab wraps to the margin; a table cell's next line comes after the
    /// one-line cell beside it).
    var continuations: [Int: Int] = [:]
    /// Offsets of scalars drawn outside the visible page (beyond the crop box), sorted; usually
    /// empty. They are read so that an anchor placed there is reported, not lost.
    var outsideVisiblePage: [Int] = []

    /// Whether the space at `offset` is one the document drew, as opposed to one the layout
    /// inferred; true for every space when the extractor cannot tell.
    func isDrawnSpace(at offset: Int) -> Bool {
        !distinguishesSpaces ? true : !Self.sortedContains(inferredSpaces, offset)
    }

    func isFlowBreak(at offset: Int) -> Bool { Self.sortedContains(flowBreaks, offset) }

    func isOutsideVisiblePage(at offset: Int) -> Bool { Self.sortedContains(outsideVisiblePage, offset) }

    private static func sortedContains(_ list: [Int], _ value: Int) -> Bool {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && list[lo] == value
    }

    /// The style of the scalar at `offset`, if known.
    func style(at offset: Int) -> StyleRun? {
        // Runs are sorted and disjoint: binary search.
        var lo = 0, hi = styles.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let run = styles[mid]
            if run.range.upperBound <= offset { lo = mid + 1 } else if run.range.lowerBound > offset { hi = mid } else { return run }
        }
        return nil
    }
}
