/// An anchor one page's finders matched, before the document decides what it places: which
/// dialect wrote it and what it says, where it is, and how it is drawn.
struct FoundAnchor: Sendable {
    enum Kind: Sendable {
        /// The `|AT|` header: listed, places nothing.
        case header
        /// A valid Yoti auto-tag.
        case autoTag(AutoTag)
        /// A match of `ScanOptions.customRules[ruleIndex]`.
        case custom(ruleIndex: Int, DialectMatch)
        /// Another vendor's tag, read or not.
        case foreign(Result<ForeignTag, ForeignTag.Failure>, DialectMatch)
    }

    /// Where a custom-rule match or a foreign tag stands on its page: what occurrence counting and
    /// the wrap check need.
    struct DialectMatch: Sendable {
        /// Offset in the page's normalised text: reading order, for counting occurrences.
        var order: Int
        /// Broken across two lines on the page: reported, never placed.
        var wrapped: Bool
    }

    /// The anchor as matched, normalised.
    var text: String
    var kind: Kind
    var dialect: AnchorDialect
    /// Union of the anchor's glyph boxes.
    var box: Box
    /// Font size, fill colour and render mode of the anchor's first glyph, when extracted.
    var fontSize: Double?
    var color: String?
    var renderMode: Int?

    /// The anchor as listed in the result, before any field is placed from it.
    func listed(on pageNumber: Int) -> Anchor {
        Anchor(
            text: text, dialect: dialect, pageNumber: pageNumber, box: box.rounded,
            fontSize: fontSize, color: color, renderMode: renderMode)
    }
}
