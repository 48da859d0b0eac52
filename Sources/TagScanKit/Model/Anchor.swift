public import YotiSignModels

/// Anchor text found on a page, and the field placed from it.
public struct Anchor: Sendable, Codable, Hashable {
    /// The anchor as matched, after normalisation (ligatures expanded, curly quotes straightened,
    /// spaces that letter spacing inserted removed).
    public var text: String
    public var dialect: AnchorDialect
    public var pageNumber: Int
    /// Union of the glyph boxes of the anchor's characters.
    public var box: Box
    /// Recipient role, e.g. "Signer 1"; nil for the `|AT|` header.
    public var role: String?
    public var signGroup: Int?
    /// The Yoti tag placed from this anchor; nil for anchors that place nothing (`|AT|`).
    public var tag: Tag?
    /// The auto-tag's `{…}` metadata as written.
    public var metadata: AutoTag.Metadata?
    /// Font size in points of the anchor's first glyph, when the extractor reports it.
    public var fontSize: Double?
    /// Fill colour of the anchor's first glyph as `#rrggbb`, when the extractor reports it.
    public var color: String?
    /// PDF text render mode of the anchor's first glyph (3 = invisible), when the extractor
    /// reports it (the glyph path does; poppler-glib does not).
    public var renderMode: Int?
    /// The custom anchor rule that matched (its `id`, or its anchor text); nil for other dialects.
    public var rule: String? = nil
    /// A foreign vendor's field type as written (`sig`, `signature`, `dropdown`); nil for Yoti and
    /// custom anchors.
    public var vendorType: String? = nil

    public init(
        text: String, dialect: AnchorDialect, pageNumber: Int, box: Box, role: String? = nil,
        signGroup: Int? = nil, tag: Tag? = nil, metadata: AutoTag.Metadata? = nil, fontSize: Double? = nil, color: String? = nil, renderMode: Int? = nil
    ) {
        self.renderMode = renderMode
        self.text = text
        self.dialect = dialect
        self.pageNumber = pageNumber
        self.box = box
        self.role = role
        self.signGroup = signGroup
        self.tag = tag
        self.metadata = metadata
        self.fontSize = fontSize
        self.color = color
    }

    enum CodingKeys: String, CodingKey {
        case text, dialect
        case pageNumber = "page_number"
        case box, role
        case signGroup = "sign_group"
        case tag, metadata
        case fontSize = "font_size"
        case color
        case renderMode = "render_mode"
        case rule
        case vendorType = "vendor_type"
    }
}
