/// One page's displayed size (crop box ∩ media box, swapped for 90/270) and its `/Rotate`.
public struct PageInfo: Sendable, Codable, Hashable {
    public var pageNumber: Int
    public var width: Double
    public var height: Double
    public var rotation: Int
    /// Characters the extractor found; 0 on a page of images or vector art only.
    public var glyphCount: Int

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
    }
}
