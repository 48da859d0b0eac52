import Foundation

/// A password as the bytes poppler compares with the document's keys. poppler takes bytes and
/// does no conversion of its own on the core API, so tagscan encodes what the user typed the
/// way each security handler revision expects it.
struct PasswordBytes: Hashable, Sendable {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(utf8 string: String) { bytes = Array(string.utf8) }

    var isEmpty: Bool { bytes.isEmpty }

    /// Calls `body` with the bytes NUL-terminated, as poppler's C entry points take them.
    func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        let terminated = bytes.map { CChar(bitPattern: $0) } + [0]
        return try terminated.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}

extension Optional where Wrapped == PasswordBytes {
    /// Calls `body` with the NUL-terminated bytes, or with nil for no password.
    func withCString<R>(_ body: (UnsafePointer<CChar>?) throws -> R) rethrows -> R {
        switch self {
        case .some(let password): try password.withCString { try body($0) }
        case .none: try body(nil)
        }
    }
}

/// How a typed password becomes the bytes of each Standard security handler revision (ISO
/// 32000-2 §7.6.4.3.2 and §7.6.4.3.3):
/// - revisions 2–4 (RC4 and AES-128): PDFDocEncoding, padded by poppler;
/// - revisions 5 and 6 (AES-256): SASLprep (RFC 4013) of the Unicode string, in UTF-8, at most
///   127 bytes.
/// The bytes as typed (UTF-8) are always tried too: some writers encrypt with them.
enum PasswordEncoding {
    /// The byte strings to try for `password` against revision `revision` (nil: unknown),
    /// most likely first, without duplicates.
    static func candidates(for password: String, revision: Int?) -> [PasswordBytes] {
        var list: [PasswordBytes] = []
        func add(_ bytes: [UInt8]?) {
            guard let bytes else { return }
            let candidate = PasswordBytes(bytes)
            if !list.contains(candidate) { list.append(candidate) }
        }
        let typed = Array(password.utf8)
        let prepared = saslPrep(password).map { Array(Array($0.utf8).prefix(127)) }
        let pdfDoc = pdfDocEncoded(password)
        switch revision {
        case .some(5), .some(6):
            add(prepared)
            add(typed)
        case .some(let r) where r <= 4:
            add(pdfDoc)
            add(typed)
        default:
            add(typed)
            add(prepared)
            add(pdfDoc)
        }
        return list
    }

    // MARK: PDFDocEncoding

    /// `string` in PDFDocEncoding, or nil when a character has no code in it.
    static func pdfDocEncoded(_ string: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.unicodeScalars.count)
        for scalar in string.unicodeScalars {
            guard let byte = pdfDocByte(scalar) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// The 40 code points PDFDocEncoding places differently from Latin-1 (ISO 32000-2 Annex D).
    private static let pdfDocSpecials: [UInt32: UInt8] = [
        0x02D8: 0x18, 0x02C7: 0x19, 0x02C6: 0x1A, 0x02D9: 0x1B, 0x02DD: 0x1C, 0x02DB: 0x1D, 0x02DA: 0x1E, 0x02DC: 0x1F,
        0x2022: 0x80, 0x2020: 0x81, 0x2021: 0x82, 0x2026: 0x83, 0x2014: 0x84, 0x2013: 0x85, 0x0192: 0x86, 0x2044: 0x87,
        0x2039: 0x88, 0x203A: 0x89, 0x2212: 0x8A, 0x2030: 0x8B, 0x201E: 0x8C, 0x201C: 0x8D, 0x201D: 0x8E, 0x2018: 0x8F,
        0x2019: 0x90, 0x201A: 0x91, 0x2122: 0x92, 0xFB01: 0x93, 0xFB02: 0x94, 0x0141: 0x95, 0x0152: 0x96, 0x0160: 0x97,
        0x0178: 0x98, 0x017D: 0x99, 0x0131: 0x9A, 0x0142: 0x9B, 0x0153: 0x9C, 0x0161: 0x9D, 0x017E: 0x9E, 0x20AC: 0xA0,
    ]

    private static func pdfDocByte(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if let special = pdfDocSpecials[value] { return special }
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0xA1...0xAC, 0xAE...0xFF: return UInt8(value)
        default: return nil
        }
    }

    // MARK: SASLprep (RFC 4013, a profile of stringprep, RFC 3454)

    /// `string` prepared by SASLprep: non-ASCII spaces become U+0020, characters "commonly
    /// mapped to nothing" are removed, the result is NFKC-normalised (with this Swift's Unicode
    /// tables, newer than stringprep's 3.2), and nil is returned when it holds a prohibited
    /// character or breaks the bidirectional rule. Unassigned code points are let through, as
    /// for a query (RFC 3454 §7): a password is only ever compared, never stored by us.
    static func saslPrep(_ string: String) -> String? {
        // 2.1 Mapping (B.1 first: U+200B is in both tables and goes).
        var mapped = String.UnicodeScalarView()
        for scalar in string.unicodeScalars {
            if mappedToNothing(scalar) { continue }
            mapped.append(nonASCIISpace(scalar) ? " " : scalar)
        }
        // 2.2 Normalisation: Unicode normalisation form KC.
        let normalized = String(mapped).precomposedStringWithCompatibilityMapping
        var hasRandAL = false, hasL = false
        for scalar in normalized.unicodeScalars {
            // 2.3 Prohibited output.
            if prohibited(scalar) { return nil }
            if randAL(scalar) { hasRandAL = true } else if leftToRight(scalar) { hasL = true }
        }
        // 2.4 Bidirectional characters (RFC 3454 §6).
        if hasRandAL {
            guard !hasL, let first = normalized.unicodeScalars.first, let last = normalized.unicodeScalars.last,
                randAL(first), randAL(last)
            else { return nil }
        }
        return normalized
    }

    /// RFC 3454 table C.1.2.
    static func nonASCIISpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// RFC 3454 table B.1.
    static func mappedToNothing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x1806, 0x180B...0x180D, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF: true
        default: false
        }
    }

    /// RFC 4013 §2.3: tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9.
    static func prohibited(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if nonASCIISpace(scalar) { return true }  // C.1.2
        switch v {
        case 0x0000...0x001F, 0x007F: return true  // C.2.1
        case 0x0080...0x009F, 0x06DD, 0x070F, 0x180E, 0x200C, 0x200D, 0x2028, 0x2029, 0x2060...0x2063, 0x206A...0x206F,
            0xFEFF, 0xFFF9...0xFFFC, 0x1D173...0x1D17A:
            return true  // C.2.2
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return true  // C.3
        case 0xFDD0...0xFDEF: return true  // C.4
        case 0xD800...0xDFFF: return true  // C.5
        case 0xFFFA...0xFFFD: return true  // C.6 (FFF9 is in C.2.2)
        case 0x2FF0...0x2FFB: return true  // C.7
        case 0x0340, 0x0341, 0x200E, 0x200F, 0x202A...0x202E: return true  // C.8 (206A-206F above)
        case 0xE0001, 0xE0020...0xE007F: return true  // C.9
        default: return v & 0xFFFE == 0xFFFE  // C.4: U+xFFFE and U+xFFFF in every plane
        }
    }

    /// RFC 3454 table D.1: characters of bidirectional class R or AL (by block; the table is
    /// these blocks' assigned characters).
    static func randAL(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x05BE, 0x05C0, 0x05C3, 0x05D0...0x05EA, 0x05F0...0x05F4, 0x061B, 0x061F, 0x0621...0x063A, 0x0640...0x064A,
            0x066D...0x066F, 0x0671...0x06D5, 0x06DD, 0x06E5, 0x06E6, 0x06FA...0x06FE, 0x0700...0x070D, 0x0710,
            0x0712...0x072C, 0x0780...0x07A5, 0x07B1, 0x200F, 0xFB1D, 0xFB1F...0xFB28, 0xFB2A...0xFB36, 0xFB38...0xFB3C,
            0xFB3E, 0xFB40, 0xFB41, 0xFB43, 0xFB44, 0xFB46...0xFBB1, 0xFBD3...0xFD3D, 0xFD50...0xFD8F, 0xFD92...0xFDC7,
            0xFDF0...0xFDFC, 0xFE70...0xFE74, 0xFE76...0xFEFC:
            true
        default: false
        }
    }

    /// An approximation of RFC 3454 table D.2 (bidirectional class L): letters and spacing marks
    /// outside the right-to-left blocks. Swift exposes no bidirectional class; this errs only
    /// on rare symbols, and only for strings that also hold right-to-left letters.
    static func leftToRight(_ scalar: Unicode.Scalar) -> Bool {
        if randAL(scalar) { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .spacingMark: return true
        default: return false
        }
    }
}
