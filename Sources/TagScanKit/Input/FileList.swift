public import Foundation

/// The paths of `--files-from LIST`: one a line, for input lists too long for a command line.
/// Blank lines are skipped and a CRLF line end is read as LF; nothing else is trimmed, since a
/// file name may begin or end with a space.
public enum FileList {
    /// The paths in `text`.
    public static func paths(in text: String) -> [String] {
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    }

    /// Why a list could not be read.
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot read the file list \(path == "-" ? "on standard input" : path): \(reason)" }
    }

    /// The paths listed in the file at `path`, or on standard input for `-`.
    public static func read(_ path: String, standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) throws(ReadError) -> [String] {
        let data: Data
        if path == "-" {
            data = standardInput()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ReadError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ReadError(path: path, reason: "the list is not UTF-8 text") }
        return paths(in: text)
    }
}
