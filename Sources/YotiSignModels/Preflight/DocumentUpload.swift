/// One document to upload: the file name Yoti will see (and tags must name), its bytes, and its
/// page count when the caller knows it (from a scan; unknown for Word files).
public struct DocumentUpload: Sendable, Hashable {
    /// The file name sent in the part's `Content-Disposition`, including the extension.
    public var fileName: String
    public var bytes: [UInt8]
    /// The number of pages, used to check tags' `page_number`; `nil` when unknown.
    public var pageCount: Int?

    public init(fileName: String, bytes: [UInt8], pageCount: Int? = nil) {
        self.fileName = fileName
        self.bytes = bytes
        self.pageCount = pageCount
    }

    /// The lower-cased extension after the last dot, or `""`.
    public var fileExtension: String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        return fileName[fileName.index(after: dot)...].lowercased()
    }

    /// The part's `Content-Type`, or `nil` when the API does not accept this kind of file.
    public var contentType: String? {
        Self.contentTypes[fileExtension]
    }

    /// The types the API accepts, by extension.
    ///
    /// For `.docx` the Yoti docs print `…wordprocessingml.template` (the `.dotx` type), which is
    /// almost certainly a slip; this sends the registered `.docx` type.
    public static let contentTypes: [String: String] = [
        "pdf": "application/pdf",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
}
