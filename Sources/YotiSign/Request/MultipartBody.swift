/// A `multipart/form-data` body (RFC 7578), built byte for byte.
///
/// The boundary is a parameter so that tests and `--dry-run` output can be deterministic; the
/// default is random. Names and file names are quoted the way browsers do it (WHATWG HTML form
/// encoding): `"` becomes `%22`, CR `%0D`, LF `%0A`; other characters, UTF-8 included, are sent
/// as they are.
///
/// ```swift
/// var body = MultipartBody(boundary: "xyz")
/// body.append(name: "file", fileName: "nda.pdf", contentType: "application/pdf", bytes: pdf)
/// body.append(name: "options", contentType: "application/json", bytes: json)
/// let bytes = body.encoded()
/// ```
public struct MultipartBody: Sendable, Hashable {
    /// One part: a form field, or a file when `fileName` is set.
    public struct Part: Sendable, Hashable {
        public var name: String
        public var fileName: String?
        public var contentType: String?
        public var bytes: [UInt8]

        public init(name: String, fileName: String? = nil, contentType: String? = nil, bytes: [UInt8]) {
            self.name = name
            self.fileName = fileName
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public let boundary: String
    public private(set) var parts: [Part]

    /// - Parameter boundary: 1–70 characters from RFC 2046's set (letters, digits, `'()+_,-./:=?`
    ///   and inner spaces); the default is `tagscan-` followed by 32 random letters and digits.
    public init(boundary: String = MultipartBody.randomBoundary(), parts: [Part] = []) {
        precondition(Self.isValidBoundary(boundary), "invalid multipart boundary: \(boundary)")
        self.boundary = boundary
        self.parts = parts
    }

    public mutating func append(_ part: Part) {
        parts.append(part)
    }

    public mutating func append(name: String, fileName: String? = nil, contentType: String? = nil, bytes: [UInt8]) {
        parts.append(Part(name: name, fileName: fileName, contentType: contentType, bytes: bytes))
    }

    /// The request's `Content-Type` header value.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The encoded body.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(64) { $0 + $1.bytes.count + 160 })
        for part in parts {
            out += Array("--\(boundary)\r\n".utf8)
            var disposition = "Content-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let fileName = part.fileName {
                disposition += "; filename=\"\(Self.quoted(fileName))\""
            }
            out += Array("\(disposition)\r\n".utf8)
            if let contentType = part.contentType {
                out += Array("Content-Type: \(contentType)\r\n".utf8)
            }
            out += Array("\r\n".utf8)
            out += part.bytes
            out += Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    /// True when no part's content contains the delimiter `--boundary`, so the body parses back
    /// into the same parts.
    public var isUnambiguous: Bool {
        let delimiter = Array("--\(boundary)".utf8)
        return !parts.contains { $0.bytes.contains(subsequence: delimiter) }
    }

    /// `tagscan-` and 32 random letters and digits.
    public static func randomBoundary() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return "tagscan-" + String((0..<32).map { _ in alphabet.randomElement(using: &generator) ?? "x" })
    }

    /// RFC 2046: 1–70 characters from `bchars`, not ending in a space.
    public static func isValidBoundary(_ boundary: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ")
        return (1...70).contains(boundary.count) && boundary.allSatisfy(allowed.contains) && !boundary.hasSuffix(" ")
    }

    /// A name or file name inside double quotes, escaped as browsers do.
    static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "%22"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the array.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        let first = needle[0]
        var index = startIndex
        while index <= count - needle.count {
            if self[index] == first && self[index..<(index + needle.count)].elementsEqual(needle) {
                return true
            }
            index += 1
        }
        return false
    }
}
