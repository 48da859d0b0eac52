public import Foundation

/// One rendered page: a PNG of the page as displayed (rotation and crop box applied), with the
/// overlay drawn over it and, when asked for, the legend strip under it.
public struct PagePreview: Sendable, Hashable, Codable {
    /// 1-based.
    public var pageNumber: Int
    public var pixelWidth: Int
    /// The whole image, legend strip included.
    public var pixelHeight: Int
    /// The page alone; the legend strip, if any, is the rows below.
    public var pagePixelHeight: Int
    public var dpi: Double
    public var png: Data
    /// Where field and problem labels were drawn, in page points (to leave them out of pixel checks).
    package var labelBoxes: [Box]

    package init(pageNumber: Int, pixelWidth: Int, pixelHeight: Int, pagePixelHeight: Int, dpi: Double, png: Data, labelBoxes: [Box]) {
        self.pageNumber = pageNumber
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.pagePixelHeight = pagePixelHeight
        self.dpi = dpi
        self.png = png
        self.labelBoxes = labelBoxes
    }

    /// Pixels per PDF point.
    public var scale: Double { dpi / 72 }
}
