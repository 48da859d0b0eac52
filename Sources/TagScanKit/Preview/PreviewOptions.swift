public import YotiSignModels

/// How previews are drawn.
public struct PreviewOptions: Sendable, Hashable, Codable {
    /// Resolution of the PNG pages: 72 gives one pixel per point.
    public var dpi: Double
    /// Draw the fields, anchors and problems over the page (off gives a plain render).
    public var drawsOverlays: Bool
    /// Add a strip under the page listing the recipients' colours and the page's problems that
    /// have no box to mark (the HTML report shows these in HTML instead).
    public var drawsLegend: Bool
    /// Colours per recipient; nil gives each document its own palette from its recipients.
    public var palette: RecipientPalette?
    /// Opacity of a field's fill, 0 … 1.
    public var fieldOpacity: Double

    /// The range `dpi` must be in: large enough to read, small enough for cairo's 32767-pixel limit.
    public static let dpiRange: ClosedRange<Double> = 18...600

    public init(
        dpi: Double = 96, drawsOverlays: Bool = true, drawsLegend: Bool = true, palette: RecipientPalette? = nil,
        fieldOpacity: Double = 0.35
    ) {
        self.dpi = min(max(dpi, Self.dpiRange.lowerBound), Self.dpiRange.upperBound)
        self.drawsOverlays = drawsOverlays
        self.drawsLegend = drawsLegend
        self.palette = palette
        self.fieldOpacity = min(max(fieldOpacity, 0), 1)
    }

    /// Where the field `anchor` placed is drawn on `page`, in points (see ``FieldFootprint``).
    public func fieldBox(for anchor: Anchor, on page: PageInfo) -> Box? {
        FieldFootprint.box(for: anchor, on: page)
    }
}
