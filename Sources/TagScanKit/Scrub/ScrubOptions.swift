/// How ``Scrubber`` removes anchors.
public struct ScrubOptions: Sendable, Hashable, Codable {
    /// How the originals (and the scrubbed copies, for the proof) are scanned.
    public var scan: ScanOptions
    /// Write a file even when some of its anchors cannot be removed safely: those stay, reported.
    public var keepUnremovable: Bool
    /// Also remove foreign vendors' tags (DocuSign, Acrobat Sign, …) the scan reported.
    public var removeForeignTags: Bool
    /// Also remove what custom anchor rules matched: their text is often a label the reader
    /// needs ("Tenant Signature:"), so only on request.
    public var removeCustomAnchors: Bool
    /// The resolution of the pixel comparison.
    public var dpi: Double
    /// Whether an anchor of this scan is one to remove.
    func removes(_ anchor: Anchor) -> Bool {
        switch anchor.dialect {
        case .yoti: true
        case .custom: removeCustomAnchors
        default: removeForeignTags
        }
    }

    /// How far, in points, a glyph may move and still count as in place.
    public var tolerance: Double
    /// Compare every page glyph by glyph, and every page's plain text. By default that is done
    /// on the pages whose drawing changed (they hold a removed anchor, or draw a rewritten form);
    /// the others, drawn from the original's unchanged content streams, are checked by the
    /// scans (no anchor, the same glyph count), which keeps a proof of a long document near the
    /// cost of scanning it twice.
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
