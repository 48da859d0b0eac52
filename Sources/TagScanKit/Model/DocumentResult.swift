/// What a scan learned about one input document: its pages, anchors, per-recipient tags and
/// diagnostics, or the error that stopped it.
public struct DocumentResult: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        case ok
        case error
    }

    /// The path as given (or as found under a given folder).
    public var path: String
    /// The file name Yoti tags must carry.
    public var fileName: String
    public var status: Status
    public var error: DocumentError?
    public var pageCount: Int
    /// Size of the file in bytes (Yoti limits an envelope to 20 MB).
    public var fileSize: Int?
    /// The document carries JavaScript, which Yoti rejects.
    public var hasJavaScript: Bool
    public var pages: [PageInfo]
    public var anchors: [Anchor]
    public var recipients: [RecipientTags]
    public var diagnostics: [Diagnostic]
    /// `|tagscan-disable:…|` lint directives written in the document; nil when there are none.
    public var directives: [TemplateDirective]?

    public init(
        path: String, fileName: String, status: Status = .ok, error: DocumentError? = nil,
        pageCount: Int = 0, fileSize: Int? = nil, hasJavaScript: Bool = false, pages: [PageInfo] = [], anchors: [Anchor] = [],
        recipients: [RecipientTags] = [], diagnostics: [Diagnostic] = [], directives: [TemplateDirective]? = nil
    ) {
        self.path = path
        self.fileName = fileName
        self.status = status
        self.error = error
        self.pageCount = pageCount
        self.fileSize = fileSize
        self.hasJavaScript = hasJavaScript
        self.pages = pages
        self.anchors = anchors
        self.recipients = recipients
        self.diagnostics = diagnostics
        self.directives = directives
    }

    /// A result for a document that could not be read.
    public static func failed(path: String, fileName: String, fileSize: Int? = nil, _ error: DocumentError) -> DocumentResult {
        DocumentResult(path: path, fileName: fileName, status: .error, error: error, fileSize: fileSize)
    }

    enum CodingKeys: String, CodingKey {
        case path
        case fileName = "file_name"
        case status, error
        case pageCount = "page_count"
        case fileSize = "file_size"
        case hasJavaScript = "has_javascript"
        case pages, anchors, recipients, diagnostics, directives
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(fileName, forKey: .fileName)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode(pageCount, forKey: .pageCount)
        try c.encodeIfPresent(fileSize, forKey: .fileSize)
        try c.encode(hasJavaScript, forKey: .hasJavaScript)
        try c.encode(pages, forKey: .pages)
        try c.encode(anchors, forKey: .anchors)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(diagnostics, forKey: .diagnostics)
        try c.encodeIfPresent(directives, forKey: .directives)
    }
}
