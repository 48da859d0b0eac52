/// A problem found in a document: by the scan itself (a wrapped anchor, a clamped field) or by a
/// lint rule. `rule` is a stable id that reporters, configs and SARIF expose.
public struct Diagnostic: Sendable, Codable, Hashable {
    public var rule: String
    public var severity: Severity
    public var pageNumber: Int?
    public var message: String
    /// The anchor text the problem is about, when there is one.
    public var anchor: String?

    public init(rule: String, severity: Severity, pageNumber: Int?, message: String, anchor: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.pageNumber = pageNumber
        self.message = message
        self.anchor = anchor
    }

    enum CodingKeys: String, CodingKey {
        case rule, severity
        case pageNumber = "page_number"
        case message, anchor
    }
}
