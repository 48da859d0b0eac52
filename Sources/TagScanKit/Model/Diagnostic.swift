/// A problem found in a document: by the scan itself (a wrapped anchor, a clamped field) or by a
/// lint rule. `rule` is a stable id that reporters, configs and SARIF expose.
public struct Diagnostic: Sendable, Codable, Hashable {
    public var rule: String
    public var severity: Severity
    public var pageNumber: Int?
    public var message: String
    /// The anchor text the problem is about, when there is one: for text that is almost an
    /// anchor, exactly as the document writes it.
    public var anchor: String?
    /// Where that text stands on the page (displayed-page points), when the scan knows.
    public var box: Box?
    /// The anchor the text probably meant (`|S1SR|` for `|S1SR`), when one is likely.
    public var suggestion: String?

    public init(rule: String, severity: Severity, pageNumber: Int?, message: String, anchor: String? = nil, box: Box? = nil, suggestion: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.pageNumber = pageNumber
        self.message = message
        self.anchor = anchor
        self.box = box
        self.suggestion = suggestion
    }

    enum CodingKeys: String, CodingKey {
        case rule, severity
        case pageNumber = "page_number"
        case message, anchor, box, suggestion
    }
}
