public import YotiSign

/// How previews are drawn.
public struct PreviewOptions: Sendable, Hashable {
    /// Resolution of the PNG pages: 72 gives one pixel per point.
    public var dpi: Double
    /// Draw the fields, anchors and problems over the page (off gives a plain render).
    public var drawsOverlays: Bool
    /// Add a strip under the page listing the recipients' colours and the page's problems that
    /// have no box to mark (the HTML report shows these in HTML instead).
    public var drawsLegend: Bool
    /// Colours per recipient; nil gives each document its own palette from its recipients.
    public var palette: RecipientPalette?
    /// Drawn size of each field type in points. Yoti documents no field height and no size but a
    /// text field's width, so these are a visible guess; a text field uses its tag's `width`.
    public var fieldSizes: [TagType: FieldSize]
    /// Opacity of a field's fill, 0 … 1.
    public var fieldOpacity: Double

    /// The range `dpi` must be in: large enough to read, small enough for cairo's 32767-pixel limit.
    public static let dpiRange: ClosedRange<Double> = 18...600

    public init(
        dpi: Double = 96, drawsOverlays: Bool = true, drawsLegend: Bool = true, palette: RecipientPalette? = nil,
        fieldSizes: [TagType: FieldSize] = PreviewOptions.defaultFieldSizes, fieldOpacity: Double = 0.35
    ) {
        self.dpi = min(max(dpi, Self.dpiRange.lowerBound), Self.dpiRange.upperBound)
        self.drawsOverlays = drawsOverlays
        self.drawsLegend = drawsLegend
        self.palette = palette
        self.fieldSizes = fieldSizes
        self.fieldOpacity = min(max(fieldOpacity, 0), 1)
    }

    /// Width and height of a drawn field in points.
    public struct FieldSize: Sendable, Hashable {
        public var width: Double
        public var height: Double

        public init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }
    }

    /// Signature 144 × 36 pt (2 × ½ inch), initials 54 × 30, date and attachment 100 × 18 / 100 × 30,
    /// text height 18 (a line of 12 pt text), checkbox and radio 12 pt squares.
    public static let defaultFieldSizes: [TagType: FieldSize] = [
        .signature: FieldSize(width: 144, height: 36),
        .initials: FieldSize(width: 54, height: 30),
        .textField: FieldSize(width: 120, height: 18),
        .dateSignedField: FieldSize(width: 100, height: 18),
        .checkboxField: FieldSize(width: 12, height: 12),
        .radioField: FieldSize(width: 12, height: 12),
        .attachment: FieldSize(width: 100, height: 30),
    ]

    /// Where `tag`'s field is drawn on `page`, in points: its top-left at the tag's x/y fractions,
    /// its size from `fieldSizes` (a text field's width from the tag).
    public func fieldBox(for tag: Tag, on page: PageInfo) -> Box {
        let size = fieldSizes[tag.type] ?? FieldSize(width: 72, height: 18)
        let width = tag.type == .textField ? (tag.width.map { $0 * page.width } ?? size.width) : size.width
        return Box(x: tag.x * page.width, y: tag.y * page.height, width: width, height: size.height)
    }
}
