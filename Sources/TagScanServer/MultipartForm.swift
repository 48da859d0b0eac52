public import Foundation

/// A `multipart/form-data` body (RFC 7578) split into its parts. Parsing is strict: a body that
/// does not follow the format is refused with a message saying where it went wrong, rather than
/// read as far as it goes, so a truncated upload never becomes a scan of half its files.
public struct MultipartForm: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        /// The `name` of the part's `Content-Disposition`.
        public var name: String
        /// The `filename` of the part's `Content-Disposition`, when it has one.
        public var fileName: String?
        /// The part's `Content-Type`, lowercased, without parameters; nil when not given.
        public var contentType: String?
        public var body: Data
    }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public var parts: [Part]

    /// The boundary of a `multipart/form-data` content type, or nil when `contentType` is not
    /// multipart/form-data or has no usable boundary.
    public static func boundary(of contentType: String) -> String? {
        let fields = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = fields.first, type.lowercased() == "multipart/form-data" else { return nil }
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else { continue }
            guard field[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = field[field.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Splits `body` on `boundary`.
    public init(parsing body: Data, boundary: String) throws(ParseError) {
        let bytes = [UInt8](body)
        let dashBoundary = Array("--\(boundary)".utf8)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        // The preamble may be empty (the body starts with the boundary) or end in CRLF before it.
        var position: Int
        if bytes.starts(with: dashBoundary) {
            position = dashBoundary.count
        } else if let found = Self.find(delimiter, in: bytes, from: 0) {
            position = found + delimiter.count
        } else {
            throw ParseError("the body has no boundary line \"--\(boundary)\"")
        }
        var parts: [Part] = []
        while true {
            // After a boundary: "--" closes the body; otherwise optional whitespace and CRLF.
            if bytes[position...].starts(with: [0x2D, 0x2D]) { break }
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            guard bytes[position...].starts(with: [0x0D, 0x0A]) else {
                throw ParseError("part \(parts.count + 1): the boundary line is not followed by a line break")
            }
            position += 2
            guard let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: bytes, from: position) else {
                throw ParseError("part \(parts.count + 1): its headers do not end with a blank line")
            }
            let headers = try Self.headers(bytes[position..<headerEnd], part: parts.count + 1)
            let bodyStart = headerEnd + 4
            guard let bodyEnd = Self.find(delimiter, in: bytes, from: bodyStart) else {
                throw ParseError("part \(parts.count + 1): the body ends before the closing boundary \"--\(boundary)--\" (truncated upload?)")
            }
            guard let disposition = headers["content-disposition"] else {
                throw ParseError("part \(parts.count + 1): no Content-Disposition header")
            }
            let parameters = Self.parameters(disposition)
            guard parameters.type == "form-data", let name = parameters.values["name"] else {
                throw ParseError("part \(parts.count + 1): Content-Disposition must be form-data with a name")
            }
            let contentType = headers["content-type"].map {
                String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            }
            parts.append(Part(name: name, fileName: parameters.values["filename"], contentType: contentType, body: Data(bytes[bodyStart..<bodyEnd])))
            position = bodyEnd + delimiter.count
            guard position < bytes.count else {
                throw ParseError("the body ends right after a boundary, without the closing \"--\(boundary)--\"")
            }
        }
        guard !parts.isEmpty else { throw ParseError("the body has no parts") }
        self.parts = parts
    }

    private static func headers(_ block: ArraySlice<UInt8>, part: Int) throws(ParseError) -> [String: String] {
        var headers: [String: String] = [:]
        guard let text = String(bytes: block, encoding: .utf8) else { throw ParseError("part \(part): its headers are not UTF-8") }
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw ParseError("part \(part): header line without a colon") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// `form-data; name="a"; filename="b.pdf"` as its type and parameters (quoted values unquoted,
    /// backslash escapes honoured).
    static func parameters(_ header: String) -> (type: String, values: [String: String]) {
        var values: [String: String] = [:]
        let scalars = Array(header)
        var index = 0
        func skipSpace() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 } }
        var type = ""
        while index < scalars.count, scalars[index] != ";" { type.append(scalars[index]); index += 1 }
        while index < scalars.count {
            index += 1  // the ';'
            skipSpace()
            var key = ""
            while index < scalars.count, scalars[index] != "=", scalars[index] != ";" { key.append(scalars[index]); index += 1 }
            guard index < scalars.count, scalars[index] == "=" else { continue }
            index += 1
            skipSpace()
            var value = ""
            if index < scalars.count, scalars[index] == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    value.append(scalars[index])
                    index += 1
                }
                index += 1
                while index < scalars.count, scalars[index] != ";" { index += 1 }
            } else {
                while index < scalars.count, scalars[index] != ";" { value.append(scalars[index]); index += 1 }
                value = value.trimmingCharacters(in: .whitespaces)
            }
            values[key.trimmingCharacters(in: .whitespaces).lowercased()] = value
        }
        return (type.trimmingCharacters(in: .whitespaces).lowercased(), values)
    }

    /// The first index at or after `start` where `needle` occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
