import Foundation

/// One envelope as the organisation's search and find list it:
/// `{envelope_id, envelope, status, created_at}`, where `envelope` is its name.
public struct EnvelopeSummary: Sendable, Codable, Hashable {
    public var envelopeID: String
    /// The envelope's name (the search calls the field `envelope`).
    public var name: String?
    public var status: EnvelopeStatus?
    /// As Yoti writes it; ``createdDate`` reads the usual ISO 8601 forms.
    public var createdAt: String?

    public init(envelopeID: String, name: String? = nil, status: EnvelopeStatus? = nil, createdAt: String? = nil) {
        self.envelopeID = envelopeID
        self.name = name
        self.status = status
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case envelopeID = "envelope_id"
        case name = "envelope"
        case status
        case createdAt = "created_at"
    }

    /// `created_at` as a date, when it is ISO 8601 (with or without fractional seconds, with `T`
    /// or a space between date and time).
    public var createdDate: Date? {
        guard let createdAt else { return nil }
        return Self.parseTimestamp(createdAt)
    }

    /// Reads the timestamp forms APIs commonly write; a time without a zone is taken as UTC.
    package static func parseTimestamp(_ text: String) -> Date? {
        let text = text.trimmingWhitespace()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in [
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm:ss.SSS",
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSSXXXXX", "yyyy-MM-dd HH:mm:ssXXXXX", "yyyy-MM-dd HH:mm:ss",
        ] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
