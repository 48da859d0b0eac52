/// A file or folder met under a folder given to scan that was not scanned, and why.
public struct SkippedFile: Sendable, Codable, Hashable {
    public enum Reason: String, Sendable, Codable, Hashable {
        /// Not named `*.pdf`; `detail` is its extension with the dot (`.docx`), or nil for none.
        case notPDF = "not-pdf"
        /// A symlink to a folder that contains it; `detail` is the folder it leads back to.
        case symlinkLoop = "symlink-loop"
        /// The same file or folder as one already listed (through a symlink); `detail` is that path.
        case duplicate
        /// A symlink whose target does not exist.
        case brokenLink = "broken-link"
        /// A folder that cannot be listed; `detail` says why.
        case unreadable
    }

    /// The path as found under the folder given.
    public var path: String
    public var reason: Reason
    public var detail: String?

    public init(path: String, reason: Reason, detail: String? = nil) {
        self.path = path
        self.reason = reason
        self.detail = detail
    }

    /// What to tell the user about this one on its own line, for those worth a line (loops, folders
    /// that cannot be read); nil for the ordinary ones, which the totals count.
    public var notice: String? {
        switch reason {
        case .symlinkLoop: "\(path): a symlink back to \(detail ?? "a folder that contains it"); not followed"
        case .unreadable: "\(path): cannot list the folder\(detail.map { " (\($0))" } ?? "")"
        case .notPDF, .duplicate, .brokenLink: nil
        }
    }

    /// "3 .docx, 1 .odt, 1 symlink loop": what was skipped, most common first.
    public static func summary(_ skipped: [SkippedFile]) -> String {
        var counts: [String: Int] = [:]
        for file in skipped {
            let label: String
            switch file.reason {
            case .notPDF: label = file.detail ?? "without extension"
            case .symlinkLoop: label = "symlink loop"
            case .duplicate: label = "already listed"
            case .brokenLink: label = "broken symlink"
            case .unreadable: label = "unreadable folder"
            }
            counts[label, default: 0] += 1
        }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { label, count in
            switch label {
            case "symlink loop", "broken symlink", "unreadable folder": "\(count) \(label)\(count == 1 ? "" : "s")"
            default: "\(count) \(label)"
            }
        }.joined(separator: ", ")
    }
}
