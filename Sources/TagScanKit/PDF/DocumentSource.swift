public import Foundation

/// Where a document's bytes come from.
public enum DocumentSource: Sendable, Hashable {
    /// A file on disk, read through a memory map.
    case file(path: String)
    /// Bytes in memory (an upload, stdin); `fileName` is what Yoti tags will carry.
    case data(Data, fileName: String)

    /// The path as given, or the file name for in-memory data.
    public var displayPath: String {
        switch self {
        case .file(let path): path
        case .data(_, let fileName): fileName
        }
    }

    /// The last path component: what a Yoti tag's `file_name` must equal.
    public var fileName: String {
        switch self {
        case .file(let path): (path as NSString).lastPathComponent
        case .data(_, let fileName): fileName
        }
    }
}
