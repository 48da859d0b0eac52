public import YotiSignModels

/// A DocuSign-style anchor rule: text that is already in the document ("Signature:",
/// "Date:") or a regular expression, and the field to place for a recipient relative to each match.
///
/// ```swift
/// var rule = CustomAnchorRule(anchor: "Signature:", role: "Signer 1", type: .signature)
/// rule.alignment = .right          // start at the right edge of the match…
/// rule.xOffset = .millimetres(2)   // …2 mm further right
/// rule.vertical = .baseline
/// rule.yOffset = .points(-20)      // 20 pt above the baseline
/// var options = ScanOptions()
/// options.customRules = [rule]
/// let scanner = Scanner(options: options)
/// ```
///
/// Matching works on the page's normalised text (ligatures expanded, curly quotes straightened):
/// spaces are ignored on both sides, so letter spacing that made the extractor insert spaces
/// (`S i g n a t u r e :`) still matches, and so does a label glued to the next word. Occurrences
/// are counted over the whole document in reading order (page by page, in the extractor's text
/// order on each page).
public struct CustomAnchorRule: Sendable, Hashable {
    /// Which matches in a document place a field.
    public enum Occurrence: Sendable, Hashable, CustomStringConvertible {
        case all
        case first
        case last
        /// The n-th match in the document, 1-based.
        case nth(Int)

        public var description: String {
            switch self {
            case .all: "all"
            case .first: "first"
            case .last: "last"
            case .nth(let n): String(n)
            }
        }
    }

    /// Which edge of the match the field's left edge starts from.
    public enum HorizontalAlignment: String, Sendable, Hashable, Codable, CaseIterable {
        case left
        case right
    }

    /// Which line of the match the field's top edge starts from.
    ///
    /// `top` and `bottom` are the match's box edges (poppler's glyph boxes run from the font's
    /// ascent to its descent). poppler does not report baselines, so `baseline` is estimated:
    /// - when the box is 1.3 × the font size tall, poppler used its default metrics (ascent 0.95,
    ///   descent −0.35; LibreOffice's embedded fonts get these), so the baseline is exactly
    ///   0.35 × the font size above the bottom;
    /// - otherwise it is `bottom − 0.2238 × box height`: exact for Helvetica/Arial's metrics
    ///   (descent 207 of 925 units of the box), within about 0.05 × the box height for other
    ///   common text fonts (DejaVu Sans: 0.19 pt at 12 pt).
    public enum VerticalReference: String, Sendable, Hashable, Codable, CaseIterable {
        case top
        case baseline
        case bottom
    }

    /// Share of a glyph box below the baseline (Helvetica and Arial: 207 / (718 + 207)).
    public static let descentRatio = 0.2238

    // What to match.
    /// A name for reports and diagnostics; defaults to the anchor text.
    public var id: String?
    /// Literal text, or a regular expression (ICU syntax, as `NSRegularExpression` reads it) when
    /// `isRegex` is true. A regular expression runs over the page's normalised text as extracted,
    /// spaces and line breaks included.
    public var anchor: String
    public var isRegex: Bool
    public var caseSensitive: Bool
    /// Only matches that are not part of a longer word (a letter or digit right before or after
    /// the match) count. Default on.
    public var wholeWord: Bool
    public var occurrence: Occurrence
    /// When false (the default), a rule that matches nothing is an error diagnostic.
    public var ignoreIfMissing: Bool
    /// Whether `tagscan scrub` removes this rule's matches from the document. Off by default: a
    /// custom anchor is often a label the reader needs ("Tenant Signature:"); a rule written for a
    /// placeholder only a machine reads (`{{sig_tenant}}`) asks for it. `ScrubOptions`'
    /// `removeCustomAnchors` (`--custom`) removes every rule's matches regardless.
    public var scrub: Bool

    // What to place.
    /// Recipient role, e.g. "Signer 1".
    public var role: String
    /// The recipient's `sign_group`; nil leaves it to the scan options (default 1).
    public var signGroup: Int?
    public var type: TagType
    public var required: Bool
    /// Yoti tag `name` (≤ 50 characters, unique per recipient).
    public var name: String?
    /// Width of a `text_field`; nil uses the scan's default width.
    public var width: Length?
    public var prefilledValue: String?
    public var helpText: String?
    public var validation: Tag.Validation?

    // Where to place it.
    public var xOffset: Length
    public var yOffset: Length
    public var alignment: HorizontalAlignment
    public var vertical: VerticalReference

    public init(
        id: String? = nil, anchor: String, isRegex: Bool = false, caseSensitive: Bool = false, wholeWord: Bool = true,
        occurrence: Occurrence = .all, ignoreIfMissing: Bool = false, role: String, signGroup: Int? = nil,
        type: TagType, required: Bool = true, name: String? = nil, width: Length? = nil, prefilledValue: String? = nil,
        helpText: String? = nil, validation: Tag.Validation? = nil, xOffset: Length = .zero, yOffset: Length = .zero,
        alignment: HorizontalAlignment = .left, vertical: VerticalReference = .top, scrub: Bool = false
    ) {
        self.id = id
        self.anchor = anchor
        self.isRegex = isRegex
        self.caseSensitive = caseSensitive
        self.wholeWord = wholeWord
        self.occurrence = occurrence
        self.ignoreIfMissing = ignoreIfMissing
        self.role = role
        self.signGroup = signGroup
        self.type = type
        self.required = required
        self.name = name
        self.width = width
        self.prefilledValue = prefilledValue
        self.helpText = helpText
        self.validation = validation
        self.xOffset = xOffset
        self.yOffset = yOffset
        self.alignment = alignment
        self.vertical = vertical
        self.scrub = scrub
    }

    /// How reports name the rule.
    public var displayName: String { id ?? anchor }

    /// The point (page points, top-left origin) where the field's top-left goes for a match whose
    /// glyph union is `box` on `page`; `fontSize`, when known, refines the baseline estimate.
    public func referencePoint(for box: Box, on page: PageInfo, fontSize: Double? = nil) -> (x: Double, y: Double) {
        let x = alignment == .left ? box.x : box.maxX
        let y: Double
        switch vertical {
        case .top: y = box.y
        case .bottom: y = box.maxY
        case .baseline: y = box.maxY - Self.descent(boxHeight: box.height, fontSize: fontSize)
        }
        return (x + xOffset.points(pageExtent: page.width), y + yOffset.points(pageExtent: page.height))
    }

    /// Distance from the baseline down to the bottom of a poppler glyph box (see
    /// ``VerticalReference/baseline``).
    static func descent(boxHeight: Double, fontSize: Double?) -> Double {
        if let size = fontSize, size > 0, abs(boxHeight / size - 1.3) < 0.005 { return 0.35 * size }
        return descentRatio * boxHeight
    }
}
