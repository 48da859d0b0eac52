import Foundation

/// A strict `multipart/form-data` reader for the tests: it parses what a server would and fails
/// loudly on anything malformed, so tests check the wire format rather than our own encoder.
public struct ParsedPart: Sendable, Equatable {
    public var headers: [String: String]  // lower-cased names
    public var name: String?
    public var fileName: String?
    public var contentType: String? { headers["content-type"] }
    public var bytes: [UInt8]
}

public enum MultipartParseError: Error, CustomStringConvertible {
    case noBoundary(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .noBoundary(let contentType): "no boundary in Content-Type \"\(contentType)\""
        case .malformed(let reason): "malformed multipart body: \(reason)"
        }
    }
}

public enum MultipartParser {
    /// The `boundary` parameter of a `multipart/form-data` Content-Type.
    public static func boundary(fromContentType contentType: String) throws -> String {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { throw MultipartParseError.noBoundary(contentType) }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = String(piece.dropFirst("boundary=".count))
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        throw MultipartParseError.noBoundary(contentType)
    }

    public static func parse(_ body: [UInt8], boundary: String) throws -> [ParsedPart] {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard body.starts(with: delimiter) else { throw MultipartParseError.malformed("body does not start with the delimiter") }
        var parts: [ParsedPart] = []
        var index = delimiter.count
        while true {
            // After a delimiter: "--" closes, CRLF opens a part.
            if body[index...].starts(with: [45, 45]) {
                let rest = Array(body[(index + 2)...])
                guard rest == crlf || rest.isEmpty else { throw MultipartParseError.malformed("bytes after the close delimiter") }
                return parts
            }
            guard body[index...].starts(with: crlf) else { throw MultipartParseError.malformed("no CRLF after a delimiter") }
            index += 2
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: index) else {
                throw MultipartParseError.malformed("part headers do not end")
            }
            let headerText = String(decoding: body[index..<headerEnd], as: UTF8.self)
            var headers: [String: String] = [:]
            for line in headerText.components(separatedBy: "\r\n") where !line.isEmpty {
                guard let colon = line.firstIndex(of: ":") else { throw MultipartParseError.malformed("header without colon: \(line)") }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let contentStart = headerEnd + 4
            guard let next = find(crlf + delimiter, in: body, from: contentStart) else {
                throw MultipartParseError.malformed("part content does not end with a delimiter")
            }
            var part = ParsedPart(headers: headers, bytes: Array(body[contentStart..<next]))
            if let disposition = headers["content-disposition"] {
                part.name = parameter("name", in: disposition)
                part.fileName = parameter("filename", in: disposition)
            }
            parts.append(part)
            index = next + 2 + delimiter.count
        }
    }

    /// A quoted parameter of a Content-Disposition value.
    static func parameter(_ name: String, in header: String) -> String? {
        guard let range = header.range(of: "; \(name)=\"") else { return nil }
        let rest = header[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    public static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
