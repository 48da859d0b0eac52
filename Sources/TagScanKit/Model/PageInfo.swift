/// One page's displayed size (crop box ∩ media box, swapped for 90/270) and its `/Rotate`.
public struct PageInfo: Sendable, Codable, Hashable {
    public var pageNumber: Int
    public var width: Double
    public var height: Double
    public var rotation: Int
    /// Characters the extractor found; 0 on a page of images or vector art only.
    public var glyphCount: Int
    /// Characters drawn outside the visible page (beyond the crop box); nil when there are none,
    /// and always nil on the poppler-glib path, which does not read them.
    public var outsideGlyphCount: Int?

    public init(pageNumber: Int, width: Double, height: Double, rotation: Int, glyphCount: Int = 0) {
        self.pageNumber = pageNumber
        self.width = width
        self.height = height
        self.rotation = rotation
        self.glyphCount = glyphCount
    }

    enum CodingKeys: String, CodingKey {
        case pageNumber = "page_number"
        case width, height, rotation
        case glyphCount = "glyph_count"
        case outsideGlyphCount = "outside_glyph_count"
    }
}
