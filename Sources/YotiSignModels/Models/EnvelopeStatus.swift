/// An envelope's lifecycle state: `QUEUED` → `ACTIVE` → `COMPLETE` or `ARCHIVED`, or `ERRORED`.
///
/// A string wrapper rather than a closed enum because the docs disagree with themselves (the
/// status endpoint says `COMPLETED` where get-envelope says `COMPLETE`) and new states must not
/// break decoding.
public struct EnvelopeStatus: RawRepresentable, Sendable, Codable, Hashable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public static let queued: EnvelopeStatus = "QUEUED"
    public static let active: EnvelopeStatus = "ACTIVE"
    public static let archived: EnvelopeStatus = "ARCHIVED"
    public static let complete: EnvelopeStatus = "COMPLETE"
    public static let completed: EnvelopeStatus = "COMPLETED"
    public static let errored: EnvelopeStatus = "ERRORED"

    /// True for both spellings of "everyone has signed".
    public var isComplete: Bool { self == .complete || self == .completed }

    public var description: String { rawValue }
}
