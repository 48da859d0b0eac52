/// What tagscan checked on a scrubbed file after writing it, on every page: no anchor text left,
/// every other glyph in place, pixels changed only where anchors were.
public struct ScrubProof: Sendable, Codable, Hashable {
    public struct Page: Sendable, Codable, Hashable {
        /// How a page was proven.
        public enum Method: String, Sendable, Codable, Hashable {
            /// Re-opened with poppler: scanned, its plain text read, its glyphs compared one by
            /// one with the original's and both pages rendered. Pages whose drawing changed, or
            /// every page with `fullProof`.
            case reExtracted = "re_extracted"
            /// qpdf found the page identical to the original's, object by object (content
            /// streams, resources, fonts, forms, annotations), so it draws the original's glyphs
            /// and pixels; the original's scan of those objects lists no anchor to remove on it.
            case unchangedObjects = "unchanged_objects"
        }

        public var pageNumber: Int
        public var method: Method
        public var anchorsRemoved: Int
        /// `|tagscan-disable:…|` directives removed from the page.
        public var directivesRemoved: Int = 0
        public var glyphsRemoved: Int
        /// (1) Anchors and directives tagscan's own scan still finds on the page (the
        /// unremovable ones kept with `--keep-unremovable` excepted): the scrubbed page's scan when
        /// re-extracted, the original's when the page is unchanged.
        public var anchorsLeft: [String]
        /// (1) Removed anchors' text still in poppler's plain text of the page (re-extracted
        /// pages; an unchanged page's text is the original's).
        public var textLeft: [String]
        /// (2) Glyphs compared one by one with the original's (re-extracted pages), and those
        /// missing, added or changed.
        public var glyphsCompared: Int
        public var glyphsMismatched: Int
        /// (2) The largest distance, in points, any kept glyph's box moved.
        public var largestShift: Double
        /// (3) Whether the page was rendered and compared (re-extracted pages).
        public var rendered: Bool
        public var pixelsChanged: Int
        public var pixelsChangedOutsideAnchors: Int
        /// Why the page fails, one sentence each; empty when it passes.
        public var failures: [String]

        public var passed: Bool { failures.isEmpty }

        enum CodingKeys: String, CodingKey {
            case pageNumber = "page_number"
            case method
            case anchorsRemoved = "anchors_removed"
            case directivesRemoved = "directives_removed"
            case glyphsRemoved = "glyphs_removed"
            case anchorsLeft = "anchors_left"
            case textLeft = "text_left"
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
    public var directivesRemoved: Int { pages.reduce(0) { $0 + $1.directivesRemoved } }
    public var glyphsRemoved: Int { pages.reduce(0) { $0 + $1.glyphsRemoved } }
    public var glyphsCompared: Int { pages.reduce(0) { $0 + $1.glyphsCompared } }
    public var pagesRendered: Int { pages.filter(\.rendered).count }
    /// Pages proven by re-extraction, and by identity with the original's objects.
    public var pagesReExtracted: Int { pages.filter { $0.method == .reExtracted }.count }
    public var pagesUnchanged: Int { pages.filter { $0.method == .unchangedObjects }.count }

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
