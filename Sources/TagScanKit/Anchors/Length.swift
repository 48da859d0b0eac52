import Foundation

/// A distance on the page with its unit, as custom anchor rules give offsets and widths:
/// `12pt`, `5mm`, `1.5cm`, `0.5in`, `0.05page` (a fraction of the page's width or height) or
/// `5%` (the same as `0.05page`).
///
/// In a configuration file a length is a string with its unit, or a bare number. What a bare
/// number means depends on the key: points for offsets (DocuSign's "pixels" are 72 per inch), a
/// fraction of the page width for a text field's `width` (Yoti's own unit for `width`).
public struct Length: Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case points = "pt"
        case millimetres = "mm"
        case centimetres = "cm"
        case inches = "in"
        /// A fraction of the page's width (for x) or height (for y).
        case page
        /// Percent of the page's width or height.
        case percent = "%"

        /// Points in one unit; nil for the units relative to the page.
        var pointsPerUnit: Double? {
            switch self {
            case .points: 1
            case .millimetres: 72 / 25.4
            case .centimetres: 72 / 2.54
            case .inches: 72
            case .page, .percent: nil
            }
        }
    }

    public var value: Double
    public var unit: Unit

    public init(_ value: Double, _ unit: Unit) {
        self.value = value
        self.unit = unit
    }

    public static let zero = Length(0, .points)
    public static func points(_ value: Double) -> Length { Length(value, .points) }
    public static func millimetres(_ value: Double) -> Length { Length(value, .millimetres) }
    public static func centimetres(_ value: Double) -> Length { Length(value, .centimetres) }
    public static func inches(_ value: Double) -> Length { Length(value, .inches) }
    /// A fraction of the page's width or height: `.pageFraction(0.1)` is a tenth of the page.
    public static func pageFraction(_ value: Double) -> Length { Length(value, .page) }

    /// The length in points, where `pageExtent` is the page's width (for x) or height (for y).
    public func points(pageExtent: Double) -> Double {
        switch unit {
        case .page: value * pageExtent
        case .percent: value / 100 * pageExtent
        default: value * (unit.pointsPerUnit ?? 1)
        }
    }

    /// The length as a fraction of `pageExtent`.
    public func fraction(pageExtent: Double) -> Double {
        switch unit {
        case .page: value
        case .percent: value / 100
        default: pageExtent > 0 ? points(pageExtent: pageExtent) / pageExtent : 0
        }
    }

    /// `12pt`, `0.5in`, `5%`, `0.1page`.
    public var description: String {
        var number = String(value)
        if number.hasSuffix(".0") { number.removeLast(2) }
        return number + unit.rawValue
    }

    /// Why a string is not a length.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Reads `"12pt"`, `"-5 mm"`, `"0.5in"`, `"10%"`, `"0.05page"`; a number without a unit is in
    /// `bareUnit`.
    public static func parse(_ text: String, bareUnit: Unit = .points) throws(ParseError) -> Length {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var number = Substring(trimmed)
        var unit = bareUnit
        // Longest unit names first, so "page" is not read as "pa" + "ge".
        for candidate in Unit.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }) where trimmed.lowercased().hasSuffix(candidate.rawValue) {
            unit = candidate
            number = number.dropLast(candidate.rawValue.count)
            break
        }
        let digits = number.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
            let value = Double(digits), value.isFinite
        else {
            throw ParseError(description: "'\(text)' is not a length (expected a number with a unit: pt, mm, cm, in, page or %, as in \"5mm\" or \"-0.25in\")")
        }
        return Length(value, unit)
    }
}

extension Length: Codable {
    /// A number (points) or a string with a unit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = Length(number, .points)
            return
        }
        let text = try container.decode(String.self)
        do {
            self = try Length.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
