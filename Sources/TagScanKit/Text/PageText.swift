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
    /// Bidi control marks (U+202A–U+202E) are already removed so that `scalars[i]` has `boxes[i]`.
    var scalars: [Unicode.Scalar]
    var boxes: [Box]
    /// Empty when the extractor was not asked for styles.
    var styles: [StyleRun]

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
