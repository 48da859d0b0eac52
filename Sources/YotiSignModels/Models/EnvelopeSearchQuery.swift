import Foundation

/// The filters of `GET /v2/organisations/envelopes/search`.
///
/// Yoti's defaults apply to what is left out: from three months ago to tomorrow, every status,
/// the first page (offsets start at 1) of 10.
public struct EnvelopeSearchQuery: Sendable, Codable, Hashable {
    /// `YYYY-MM-DD`.
    public var fromDate: String?
    /// `YYYY-MM-DD`.
    public var toDate: String?
    /// Lower-case statuses such as `active`, `complete`, `archived`.
    public var statuses: [String]
    /// 1-based, as the API counts.
    public var offset: Int?
    public var limit: Int?

    public init(fromDate: String? = nil, toDate: String? = nil, statuses: [String] = [], offset: Int? = nil, limit: Int? = nil) {
        self.fromDate = fromDate
        self.toDate = toDate
        self.statuses = statuses
        self.offset = offset
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case fromDate = "from_date"
        case toDate = "to_date"
        case statuses = "status"
        case offset, limit
    }

    /// `from_date=…&to_date=…&status[]=active&offset=1&limit=10`, percent-encoded.
    package var queryString: String {
        var items: [(String, String)] = []
        if let fromDate { items.append(("from_date", fromDate)) }
        if let toDate { items.append(("to_date", toDate)) }
        for status in statuses { items.append(("status[]", status.lowercased())) }
        if let offset { items.append(("offset", String(offset))) }
        if let limit { items.append(("limit", String(limit))) }
        return items.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }
            .joined(separator: "&")
    }

    /// `2026-12-04` for a moment, in UTC: the form the search's dates take.
    public static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = String(parts.year ?? 1970), month = String(parts.month ?? 1), day = String(parts.day ?? 1)
        return "\(year)-\(month.leftPadded(to: 2))-\(day.leftPadded(to: 2))"
    }
}
