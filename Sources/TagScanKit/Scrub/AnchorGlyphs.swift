import Foundation

/// Ties each anchor the scan found to the glyphs that draw it, and says which cannot be removed
/// safely and why.
struct AnchorGlyphs {
    /// An anchor and the glyphs (indices into its page's glyphs) that draw it.
    struct Located {
        var anchor: Anchor
        var glyphs: [Int]
        /// Why it cannot be removed; nil when it can.
        var problem: String?
    }

    /// The anchor's glyphs: those whose centre lies in its box, which must spell its text.
    static func locate(_ anchor: Anchor, in glyphs: [LocatedGlyph], encrypted: Bool) -> Located {
        let margin = 0.05
        let box = anchor.box
        let indices = glyphs.indices.filter { index in
            let glyph = glyphs[index]
            guard !glyph.scalars.isEmpty else { return false }
            let center = glyph.center
            return center.x >= box.x - margin && center.x <= box.maxX + margin && center.y >= box.y - margin && center.y <= box.maxY + margin
        }
        var located = Located(anchor: anchor, glyphs: indices)
        let drawn = indices.map { glyphs[$0] }
        if encrypted {
            located.problem = "the file is encrypted, and rewriting it would drop or change its protection"
        } else if drawn.isEmpty {
            located.problem = "no glyph of the page's content streams draws it"
        } else if drawn.contains(where: { $0.stream == .annotation }) {
            located.problem = "it is drawn by an annotation's appearance stream, not the page's content"
        } else if drawn.contains(where: \.isType3) {
            located.problem = "it is drawn by a Type3 font's glyph procedures"
        } else if Self.normalized(drawn.map(\.text).joined()) != Self.normalized(anchor.text) {
            located.problem =
                "the glyphs in its box read \"\(drawn.map(\.text).joined())\": a glyph shared with other text (a ligature) or an encoding tagscan cannot tie to it one for one"
        } else if drawn.contains(where: { $0.isVertical || !$0.hasExactAdjustment }) {
            located.problem = "it is written vertically, or with a text matrix that gives no exact displacement to leave in its place"
        }
        return located
    }

    /// Yoti auto-tags drawn by annotations' appearance streams, which the scan does not read
    /// (it reads page content only) but a viewer shows: anchors `tagscan scrub` must report,
    /// since it cannot remove them.
    static func annotationAnchors(in glyphs: [LocatedGlyph], pageNumber: Int) -> [Anchor] {
        let drawn = glyphs.filter { $0.stream == .annotation && !$0.scalars.isEmpty }
        var found: [Anchor] = []
        var open: Int? = nil
        for (index, glyph) in drawn.enumerated() where glyph.text == "|" {
            if let start = open, index - start <= 200 {
                let body = drawn[(start + 1)..<index].map(\.text).joined().filter { !$0.isWhitespace }
                if body == "AT" || (try? AutoTagParser.parse(body).get()) != nil {
                    let box = drawn[start...index].dropFirst().reduce(drawn[start].box) { $0.union($1.box) }
                    found.append(Anchor(text: "|\(body)|", dialect: .yoti, pageNumber: pageNumber, box: box))
                    open = nil
                    continue
                }
            }
            open = index
        }
        return found
    }

    /// Text as anchors are compared: compatibility-decomposed (ligatures spelt out), curly quotes
    /// straightened, without white space.
    static func normalized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars where !scalar.properties.isWhitespace {
            switch scalar {
            case "\u{2018}", "\u{2019}": scalars.append("'")
            case "\u{201C}", "\u{201D}": scalars.append("\"")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

extension Anchor {
    /// A `|tagscan-disable:…|` lint directive the scrubber removes as it removes anchors.
    var isDirective: Bool { AnchorGlyphs.normalized(text).lowercased().hasPrefix("|" + DirectiveFinder.keyword) }

    /// A directive as the scrubber removes it; nil when the scan gave it no box.
    init?(directive: TemplateDirective) {
        guard let box = directive.box else { return nil }
        self.init(text: directive.text, dialect: .yoti, pageNumber: directive.pageNumber, box: box)
    }
}
