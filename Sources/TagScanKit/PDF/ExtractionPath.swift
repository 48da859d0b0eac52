internal import CPopplerCore

/// Which poppler API turns pages into text.
public enum ExtractionPath: String, Sendable, Codable, Hashable, CaseIterable {
    /// The glyph path when this build has poppler's core headers, else poppler-glib.
    case automatic
    /// A glyph-collecting output device on poppler's core API: no word or block building.
    case glyphs
    /// poppler-glib's text layout (`get_text` + `get_text_layout`): the stable API.
    case glib

    /// True when this build was compiled against poppler's core headers
    /// (`libpoppler-private-dev`), so the glyph path exists.
    public static var glyphsAvailable: Bool { tagscan_core_available() != 0 }

    /// The path actually used for `self`.
    public var resolved: ExtractionPath {
        switch self {
        case .automatic: Self.glyphsAvailable ? .glyphs : .glib
        case .glyphs: Self.glyphsAvailable ? .glyphs : .glib
        case .glib: .glib
        }
    }
}
