/// Why a document produced no result. `code` values are stable.
public struct DocumentError: Error, Sendable, Codable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable, Hashable, CaseIterable {
        case notFound = "not-found"
        case notAPDF = "not-a-pdf"
        case damaged
        case encrypted
        case wrongPassword = "wrong-password"
        case unsupportedEncryption = "unsupported-encryption"
        case unreadable
        case timeout
        case tooLarge = "too-large"
        case crashed
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// The message for a line that already starts with `path`: most messages begin with the path
    /// so that they stand alone in JSON, and a reporter that names the path should not repeat it.
    public func message(withoutPath path: String) -> String {
        message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : message
    }
}
