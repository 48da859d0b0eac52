public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What an NDJSON report from an earlier run already holds, so a retried batch job (`tagscan scan
/// --format ndjson --output FILE --resume`) scans only the documents it lacks and appends them.
public struct NDJSONResume: Sendable, Hashable {
    /// The `path` of every complete line.
    public var donePaths: Set<String>
    /// Bytes of a last line cut short (the run was killed while writing it), removed from the file.
    public var droppedBytes: Int

    /// Reads the report at `path` (none yet is an empty report). A last line without its line
    /// end is cut off the file, so the line appended next starts on a line of its own and the
    /// document is scanned again.
    public static func prepare(path: String) throws(OutputError) -> NDJSONResume {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return NDJSONResume(donePaths: [], droppedBytes: 0) }
            throw OutputError(path: path, errno: errno)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw OutputError(path: path, reason: "--resume needs a regular file to read back")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw OutputError(path: path, reason: "cannot be read back for --resume") }
        var done = Set<String>()
        let complete = data.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
        for line in data[data.startIndex..<complete].split(separator: 0x0A) {
            if let record = try? JSONDecoder().decode(Record.self, from: Data(line)) { done.insert(record.path) }
        }
        let dropped = data.endIndex - complete
        if dropped > 0, truncate(path, off_t(complete - data.startIndex)) != 0 {
            throw OutputError(path: path, errno: errno)
        }
        return NDJSONResume(donePaths: done, droppedBytes: dropped)
    }

    /// Sources not in the report yet.
    public func remaining(_ sources: [DocumentSource]) -> [DocumentSource] {
        sources.filter { !donePaths.contains($0.displayPath) }
    }

    private struct Record: Decodable { var path: String }
}
