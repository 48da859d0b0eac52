public import Foundation

/// Why a configuration file was refused. Every case names the file, and the line (1-based) when
/// the problem has one, so `description` reads `tagscan.yml:12: unknown key 'ofset' …`.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The file is missing or cannot be read as UTF-8 text.
    case unreadable(file: String, message: String)
    /// Not valid YAML (or JSON).
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A key the configuration does not have, with the keys allowed there.
    case unknownKey(file: String, line: Int, key: String, context: String, allowed: [String])
    /// A value of the wrong type or outside its range.
    case invalidValue(file: String, line: Int, message: String)
    /// More than one configuration file was found for the scanned paths.
    case ambiguous(files: [String])

    public var file: String {
        switch self {
        case .unreadable(let file, _), .syntax(let file, _, _, _), .unknownKey(let file, _, _, _, _), .invalidValue(let file, _, _): file
        case .ambiguous(let files): files.first ?? ""
        }
    }

    public var line: Int? {
        switch self {
        case .syntax(_, let line, _, _), .unknownKey(_, let line, _, _, _), .invalidValue(_, let line, _): line
        case .unreadable, .ambiguous: nil
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let message):
            "\(file): \(message)"
        case .syntax(let file, let line, let column, let message):
            "\(file):\(line):\(column): \(message)"
        case .unknownKey(let file, let line, let key, let context, let allowed):
            "\(file):\(line): unknown key '\(key)' in \(context) (expected one of: \(allowed.joined(separator: ", ")))"
        case .invalidValue(let file, let line, let message):
            "\(file):\(line): \(message)"
        case .ambiguous(let files):
            "found several configuration files (\(files.joined(separator: ", "))); choose one with --config"
        }
    }

    public var errorDescription: String? { description }
}
