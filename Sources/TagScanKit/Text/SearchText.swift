import Foundation

/// A page's scalars normalised for matching, with a map back to the extracted scalars (and so to
/// their boxes). Ligatures and other compatibility forms are NFKC-expanded, typographic quotes
/// become ASCII quotes, and invisible format characters are dropped.
struct SearchText: Sendable {
    var scalars: [Unicode.Scalar]
    /// `source[i]` is the index in `PageText.scalars` that `scalars[i]` came from.
    var source: [Int]

    init(_ page: PageText) {
        scalars = []
        source = []
        scalars.reserveCapacity(page.scalars.count)
        source.reserveCapacity(page.scalars.count)
        for (index, scalar) in page.scalars.enumerated() {
            if scalar.isASCII {
                scalars.append(scalar)
                source.append(index)
                continue
            }
            for mapped in Self.normalised(scalar) {
                scalars.append(mapped)
                source.append(index)
            }
        }
    }

    /// Curly and prime quotes, which Word's autocorrect types, in place of ASCII quotes.
    static func isTypographicQuote(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: true
        default: false
        }
    }

    /// The first index whose scalar came from page offset `offset` or a later one.
    func index(ofSource offset: Int) -> Int {
        var lo = 0, hi = source.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if source[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// What one extracted scalar becomes in the search text (none, one or several scalars).
    static func normalised(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if scalar.isASCII { return [scalar] }
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: return ["'"]
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return ["\""]
        // Zero-width spaces and joiners, soft hyphen, word joiner, BOM: no visible glyph.
        case 0x00AD, 0x200B...0x200F, 0x2060...0x2064, 0xFEFF: return []
        default:
            let mapped = String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars
            return mapped.isEmpty ? [scalar] : Array(mapped)
        }
    }
}
