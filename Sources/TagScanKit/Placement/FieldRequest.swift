public import YotiSignModels

/// One Yoti field an anchor asks for, whatever dialect wrote it: everything the placer needs to
/// make the tag, and nothing about how the anchor was found. Auto-tags, custom rules and foreign
/// tags each describe their field as one of these, and ``FieldPlacer`` turns every one into a tag
/// the same way.
struct FieldRequest: Sendable, Hashable {
    /// Who asked for the field: decides which adjustments the placer may make.
    enum Source: Sendable, Hashable {
        /// A Yoti auto-tag: placed exactly as written, so the tag is the one Yoti's own
        /// auto-tagging would read from the same document.
        case autoTag
        /// A custom anchor rule, by its display name.
        case customRule(String)
        /// Another vendor's tag translated to its nearest Yoti field.
        case foreignTag(AnchorDialect)
    }

    /// How wide a text field is, as a fraction of the page width.
    enum Width: Sendable, Hashable {
        /// `ScanOptions.textFieldWidth` (the configuration's `defaults.text_field_width`).
        case standard
        /// A width the request sets itself.
        case fraction(Double)
    }

    var source: Source
    var type: TagType
    var role: String
    var optional: Bool
    /// The box whose top-left corner becomes the field's top-left, in points on the displayed
    /// page: the anchor's own box, or a point (a zero-size box) a rule computed from it.
    var position: Box
    var width: Width = .standard
    var name: String? = nil
    var tagGroupName: String? = nil
    /// Text-field attributes: dropped for every other type, which Yoti gives no such attributes.
    var helpText: String? = nil
    var prefilledValue: String? = nil
    var readonly: Bool = false
    var validation: Tag.Validation? = nil
}
