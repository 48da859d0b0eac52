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

    /// Size in bytes, when it can be known.
    public var byteCount: Int? {
        switch self {
        case .file(let path): (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        case .data(let data, _): data.count
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
