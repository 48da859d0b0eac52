/// How many glyphs a page drew and how many of them map to a character other than white space.
/// A page that draws glyphs none of which maps (a font without a usable ToUnicode map) is
/// unreadable, not empty: its anchors may be there, unseen.
struct GlyphCounts: Sendable, Hashable {
    var drawn: Int
    var mapped: Int
}
