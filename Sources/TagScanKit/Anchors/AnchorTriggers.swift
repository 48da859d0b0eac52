/// The characters without which a page cannot hold an anchor of the active dialects and rules,
/// so that a page without them needs no layout, no styles and no search: only its counts.
///
/// Every finder starts from a character it cannot do without: an auto-tag, the `|AT|` header and
/// a `|tagscan-disable:…|` directive from a pipe, a Dropbox Sign tag from `[`, `{{…}}` tags from
/// two braces, DocuSign-style `\s1\` and `/sn1/` from two of their delimiters, and a literal
/// custom rule from the first character of its anchor (either case unless the rule is
/// case-sensitive). A regular expression can start anywhere, so a rule with one makes every page
/// a candidate. The test is a superset of what the finders accept: it looks at characters before
/// normalisation, counts each non-ASCII character whose compatibility form holds a trigger as
/// reaching its count, and never reads order or geometry, so it cannot drop a page a finder would
/// read something on.
struct AnchorTriggers: Sendable, Hashable {
    /// For each ASCII character, how many times a page must hold it before a finder may match
    /// (0: not a trigger).
    private(set) var asciiMinimum: [UInt8]
    /// Triggers outside ASCII (a custom anchor's first character), as the normalised page text
    /// spells them, in both cases.
    private(set) var otherScalars: Set<Unicode.Scalar>
    /// A rule that can match without any particular character (a regular expression).
    private(set) var everyPage: Bool

    /// Every page may hold an anchor: pages are always laid out (callers that want the text itself).
    static let everyPage = AnchorTriggers(asciiMinimum: Array(repeating: 0, count: 128), otherScalars: [], everyPage: true)

    /// No page may hold an anchor: every page whose counts need no layout is only counted. For
    /// checking those counts against the layout's.
    static let nowhere = AnchorTriggers(asciiMinimum: Array(repeating: 0, count: 128), otherScalars: [], everyPage: false)

    private init(asciiMinimum: [UInt8], otherScalars: Set<Unicode.Scalar>, everyPage: Bool) {
        self.asciiMinimum = asciiMinimum
        self.otherScalars = otherScalars
        self.everyPage = everyPage
    }

    /// The triggers of the built-in dialects (auto-tags, directives, foreign tags) and `customRules`.
    init(customRules: [CustomAnchorRule]) {
        var minimum = [UInt8](repeating: 0, count: 128)
        for (character, count) in [("|", 1), ("[", 1), ("{", 2), ("\\", 2), ("/", 2)] as [(Unicode.Scalar, UInt8)] {
            minimum[Int(character.value)] = count
        }
        var others = Set<Unicode.Scalar>()
        var every = false
        for rule in customRules {
            guard !rule.isRegex, let first = CustomAnchorFinder.firstScalar(of: rule.anchor) else {
                every = true
                continue
            }
            for variant in Self.caseVariants(of: first) {
                if variant.isASCII { minimum[Int(variant.value)] = 1 } else { others.insert(variant) }
            }
        }
        self.init(asciiMinimum: minimum, otherScalars: others, everyPage: every)
    }

    /// Whether a page with these scalars (in any order) may hold an anchor.
    func mayHoldAnchor(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
        if everyPage { return true }
        var tally = Tally(self)
        for scalar in scalars where tally.add(scalar.value) { return true }
        return false
    }

    /// Counts a page's trigger characters one at a time, answering as soon as it may hold an
    /// anchor; for callers that walk glyphs in a buffer of their own.
    struct Tally {
        private let triggers: AnchorTriggers
        /// The ASCII triggers as two bit sets (characters 0–63, 64–127): most characters of a page
        /// are ASCII and no trigger, and answer from one bit.
        private let low: UInt64, high: UInt64
        private var seen: [UInt8]
        private var verdicts: Verdicts

        init(_ triggers: AnchorTriggers) {
            self.triggers = triggers
            var low: UInt64 = 0, high: UInt64 = 0
            for (value, need) in triggers.asciiMinimum.enumerated() where need > 0 {
                if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
            }
            // Every character answers at once when every page is a candidate.
            self.low = triggers.everyPage ? ~0 : low
            self.high = triggers.everyPage ? ~0 : high
            seen = [UInt8](repeating: 0, count: 128)
            verdicts = Verdicts(triggers)
        }

        /// Adds one character; true once the page may hold an anchor.
        @inline(__always)
        mutating func add(_ value: UInt32) -> Bool {
            if value < 64 { return low & (1 << UInt64(value)) != 0 && counted(value) }
            if value < 128 { return high & (1 << UInt64(value - 64)) != 0 && counted(value) }
            return verdicts.isTrigger(value)
        }

        private mutating func counted(_ value: UInt32) -> Bool {
            if triggers.everyPage { return true }
            seen[Int(value)] &+= 1
            return seen[Int(value)] >= triggers.asciiMinimum[Int(value)]
        }

    }

    /// ``isTrigger(_:)`` remembered per character: pages and documents repeat the same few
    /// characters beyond ASCII (quotes, dashes, ligatures), and judging one normalises it.
    struct Verdicts {
        let triggers: AnchorTriggers
        private var judged: [UInt32: Bool] = [:]

        init(_ triggers: AnchorTriggers) { self.triggers = triggers }

        mutating func isTrigger(_ value: UInt32) -> Bool {
            if triggers.everyPage { return true }
            if let known = judged[value] { return known }
            let verdict = triggers.isTrigger(value)
            judged[value] = verdict
            return verdict
        }
    }

    /// Whether a page that drew the character `value` (beyond ASCII) may hold an anchor.
    func isTrigger(_ value: UInt32) -> Bool {
        everyPage || (Unicode.Scalar(value).map(isTrigger) ?? false)
    }

    /// A non-ASCII page character is a trigger when its normalised form, in either case, holds one.
    private func isTrigger(_ scalar: Unicode.Scalar) -> Bool {
        if otherScalars.contains(scalar) { return true }
        for normal in SearchText.normalised(scalar) {
            for variant in Self.caseVariants(of: normal) {
                if variant.isASCII ? asciiMinimum[Int(variant.value)] > 0 : otherScalars.contains(variant) { return true }
            }
        }
        return false
    }

    private static func caseVariants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        [scalar] + Array(scalar.properties.lowercaseMapping.unicodeScalars) + Array(scalar.properties.uppercaseMapping.unicodeScalars)
    }
}
