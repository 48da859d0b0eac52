/// What tagscan checked on a scrubbed file after writing it, by re-opening it with poppler: no
/// anchor text left, every other glyph in place, pixels changed only where anchors were.
public struct ScrubProof: Sendable, Codable, Hashable {
    public struct Page: Sendable, Codable, Hashable {
        public var pageNumber: Int
        public var anchorsRemoved: Int
        public var glyphsRemoved: Int
        /// (1) Anchors tagscan's own scan still finds on the page (the unremovable ones kept
        /// with `--keep-unremovable` excepted).
        public var anchorsLeft: [String]
        /// (1) Removed anchors' text still in poppler's plain text of the page.
        public var textLeft: [String]
        /// (2) Whether the page's glyphs were compared one by one with the original's (pages
        /// whose drawing changed, or all with `fullProof`); otherwise the scans' glyph counts.
        public var glyphsComparedOneByOne: Bool = false
        /// (2) Glyphs compared with the original's, and those missing, added or changed.
        public var glyphsCompared: Int
        public var glyphsMismatched: Int
        /// (2) The largest distance, in points, any kept glyph's box moved.
        public var largestShift: Double
        /// (3) Whether the page was rendered: pages whose content streams (and the forms they
        /// draw) were not rewritten are byte for byte the original's and are not.
        public var rendered: Bool
        public var pixelsChanged: Int
        public var pixelsChangedOutsideAnchors: Int
        /// Why the page fails, one sentence each; empty when it passes.
        public var failures: [String]

        public var passed: Bool { failures.isEmpty }

        enum CodingKeys: String, CodingKey {
            case pageNumber = "page_number"
            case anchorsRemoved = "anchors_removed"
            case glyphsRemoved = "glyphs_removed"
            case anchorsLeft = "anchors_left"
            case textLeft = "text_left"
            case glyphsComparedOneByOne = "glyphs_compared_one_by_one"
            case glyphsCompared = "glyphs_compared"
            case glyphsMismatched = "glyphs_mismatched"
            case largestShift = "largest_shift"
            case rendered
            case pixelsChanged = "pixels_changed"
            case pixelsChangedOutsideAnchors = "pixels_changed_outside_anchors"
            case failures
        }
    }

    public var pages: [Page]
    public var tolerance: Double
    public var dpi: Double
    /// Page count and page sizes are the original's.
    public var samePageSizes: Bool

    public var passed: Bool { samePageSizes && pages.allSatisfy(\.passed) }
    public var anchorsRemoved: Int { pages.reduce(0) { $0 + $1.anchorsRemoved } }
    public var glyphsRemoved: Int { pages.reduce(0) { $0 + $1.glyphsRemoved } }
    public var glyphsCompared: Int { pages.reduce(0) { $0 + $1.glyphsCompared } }
    public var pagesRendered: Int { pages.filter(\.rendered).count }

    enum CodingKeys: String, CodingKey {
        case pages, tolerance, dpi
        case samePageSizes = "same_page_sizes"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: SummaryKeys.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(samePageSizes, forKey: .samePageSizes)
        try container.encode(tolerance, forKey: .tolerance)
        try container.encode(dpi, forKey: .dpi)
        try container.encode(pages, forKey: .pages)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: SummaryKeys.self)
        samePageSizes = try container.decode(Bool.self, forKey: .samePageSizes)
        tolerance = try container.decode(Double.self, forKey: .tolerance)
        dpi = try container.decode(Double.self, forKey: .dpi)
        pages = try container.decode([Page].self, forKey: .pages)
    }

    public init(pages: [Page], tolerance: Double, dpi: Double, samePageSizes: Bool) {
        self.pages = pages
        self.tolerance = tolerance
        self.dpi = dpi
        self.samePageSizes = samePageSizes
    }

    private enum SummaryKeys: String, CodingKey {
        case passed, pages, tolerance, dpi
        case samePageSizes = "same_page_sizes"
    }
}
