/// A Yoti Sign API key. It is sent only as `Authorization: Bearer …` and never printed:
/// `description`, `debugDescription` and reflection (`dump`, `print`) all show `<redacted>`.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The environment variable the CLI reads the key from.
    public static let environmentVariable = YotiSignError.apiKeyEnvironmentVariable

    let value: String

    /// Wraps a key. Surrounding whitespace (a pasted newline) is removed.
    public init(_ value: String) {
        self.value = value.trimmingWhitespace()
    }

    /// The key is usable: not empty and free of characters that cannot go in a header.
    public var isWellFormed: Bool {
        !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }

    /// The `Authorization` header value.
    var bearer: String { "Bearer \(value)" }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "APIKey(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// `text` with every occurrence of the key replaced by `<redacted>`.
    func redact(_ text: String) -> String {
        guard !value.isEmpty else { return text }
        return text.replacing(value, with: "<redacted>")
    }
}
