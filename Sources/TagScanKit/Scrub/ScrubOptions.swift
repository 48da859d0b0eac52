/// How ``Scrubber`` removes anchors.
public struct ScrubOptions: Sendable, Hashable, Codable {
    /// How the originals (and the scrubbed copies, for the proof) are scanned.
    public var scan: ScanOptions
    /// Write a file even when some of its anchors cannot be removed safely: those stay, reported.
    public var keepUnremovable: Bool
    /// Also remove foreign vendors' tags (DocuSign, Acrobat Sign, …) the scan reported.
    public var removeForeignTags: Bool
    /// Also remove what every custom anchor rule matched: their text is often a label the
    /// reader needs ("Tenant Signature:"), so only on request. Without it, only the matches of
    /// rules that ask for it (``CustomAnchorRule/scrub``) go.
    public var removeCustomAnchors: Bool
    /// The resolution of the pixel comparison.
    public var dpi: Double
    /// Whether an anchor of this scan is one to remove. A custom anchor names its rule by
    /// ``CustomAnchorRule/displayName``.
    func removes(_ anchor: Anchor) -> Bool {
        switch anchor.dialect {
        case .yoti: true
        case .custom: removeCustomAnchors || scan.customRules.contains { $0.scrub && $0.displayName == anchor.rule }
        default: removeForeignTags
        }
    }

    /// Whether a page's finders matched one of the anchors to remove (the proof's rescan).
    func removes(_ found: FoundAnchor) -> Bool {
        switch found.kind {
        case .header, .autoTag: true
        case .custom(let ruleIndex, _): removeCustomAnchors || (scan.customRules.indices.contains(ruleIndex) && scan.customRules[ruleIndex].scrub)
        case .foreign: removeForeignTags
        }
    }

    /// How far, in points, a glyph may move and still count as in place.
    public var tolerance: Double
    /// Re-extract and render every page for the proof. By default that is done on the pages
    /// whose drawing changed (they hold a removed anchor, draw a rewritten form, or differ from
    /// the original in any object); every other page is proven by identity: qpdf compares it
    /// with the original's page object by object (content streams, resources, fonts, forms,
    /// annotations), so it draws the same glyphs and pixels, and the original's scan of those
    /// same objects lists no anchor to remove on it.
    public var fullProof: Bool = false
    /// How far, in points, beyond a removed anchor's box rendered pixels may change:
    /// anti-aliasing spreads a glyph's edge into the next pixel.
    public var pixelMargin: Double

    public init(scan: ScanOptions = ScanOptions(), keepUnremovable: Bool = false, removeForeignTags: Bool = false, removeCustomAnchors: Bool = false) {
        self.scan = scan
        self.keepUnremovable = keepUnremovable
        self.removeForeignTags = removeForeignTags
        self.removeCustomAnchors = removeCustomAnchors
        dpi = 72
        tolerance = 0.01
        pixelMargin = 1
    }

    enum CodingKeys: String, CodingKey {
        case scan
        case keepUnremovable = "keep_unremovable"
        case removeForeignTags = "remove_foreign_tags"
        case removeCustomAnchors = "remove_custom_anchors"
        case dpi, tolerance
        case pixelMargin = "pixel_margin"
        case fullProof = "full_proof"
    }
}
