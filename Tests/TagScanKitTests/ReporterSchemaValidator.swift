import Foundation

/// A JSON value parsed by hand, so that integers, numbers and booleans stay distinct (Foundation's
/// `JSONSerialization` folds them into `NSNumber`) and duplicate keys can be seen.
indirect enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double, isInteger: Bool)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a, _), .number(let b, _)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)):
            a.count == b.count && a.allSatisfy { pair in b.contains { $0.key == pair.key && $0.value == pair.value } }
        default: false
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .number(let n, true) = self { Int(n) } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var members: [(key: String, value: JSONValue)]? { if case .object(let m) = self { m } else { nil } }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ data: Data) throws -> JSONValue {
        var parser = Parser(bytes: Array(data))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.at == parser.bytes.count else { throw ParseError(description: "trailing characters at byte \(parser.at)") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        mutating func expect(_ literal: String) throws {
            for byte in literal.utf8 {
                guard at < bytes.count, bytes[at] == byte else { throw ParseError(description: "expected \(literal) at byte \(at)") }
                at += 1
            }
        }

        mutating func value() throws -> JSONValue {
            guard at < bytes.count else { throw ParseError(description: "unexpected end") }
            switch bytes[at] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default: return try number()
            }
        }

        mutating func object() throws -> JSONValue {
            at += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(members) }
            while true {
                skipSpace()
                let key = try string()
                if members.contains(where: { $0.key == key }) { throw ParseError(description: "duplicate key \(key)") }
                skipSpace()
                try expect(":")
                skipSpace()
                members.append((key, try value()))
                skipSpace()
                guard at < bytes.count else { throw ParseError(description: "unterminated object") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                try expect("}")
                return .object(members)
            }
        }

        mutating func array() throws -> JSONValue {
            at += 1
            var items: [JSONValue] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard at < bytes.count else { throw ParseError(description: "unterminated array") }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                try expect("]")
                return .array(items)
            }
        }

        mutating func string() throws -> String {
            try expect("\"")
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
            while at < bytes.count {
                let byte = bytes[at]
                at += 1
                if byte == UInt8(ascii: "\"") { flush(); return String(scalars) }
                if byte < 0x20 { throw ParseError(description: "control character in a string at byte \(at - 1)") }
                guard byte == UInt8(ascii: "\\") else { raw.append(byte); continue }
                flush()
                guard at < bytes.count else { break }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        try expect("\\u")
                        let low = try hex4()
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw ParseError(description: "bad \\u escape") }
                    scalars.append(scalar)
                default: throw ParseError(description: "bad escape at byte \(at - 1)")
                }
            }
            throw ParseError(description: "unterminated string")
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16) else {
                throw ParseError(description: "bad \\u escape at byte \(at)")
            }
            at += 4
            return value
        }

        mutating func number() throws -> JSONValue {
            let start = at
            var isInteger = true
            while at < bytes.count, "+-0123456789.eE".utf8.contains(bytes[at]) {
                if [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) { isInteger = false }
                at += 1
            }
            guard let value = Double(String(decoding: bytes[start..<at], as: UTF8.self)) else {
                throw ParseError(description: "bad value at byte \(start)")
            }
            return .number(value, isInteger: isInteger)
        }
    }
}

/// A JSON Schema (draft-04) checker covering the keywords the SARIF 2.1.0 schema uses: `type`
/// (one or a list), `enum`, `required`, `properties`, `additionalProperties` (false or a schema),
/// `items`, `minItems`, `uniqueItems`, `minimum`, `maximum`, `pattern`, `format` (`uri`,
/// `uri-reference`, `date-time`), `$ref` to `#/definitions/…`, `anyOf`, `oneOf` and `allOf`.
/// `default`, `description` and `title` are annotations and are ignored.
struct JSONSchemaValidator {
    let root: JSONValue
    /// Keywords met in the schema that this checker does not implement (must stay empty).
    private(set) var unsupportedKeywords: Set<String> = []

    static let annotations: Set<String> = ["$schema", "id", "title", "description", "default", "definitions"]
    static let implemented: Set<String> = [
        "type", "enum", "required", "properties", "additionalProperties", "items", "minItems", "uniqueItems",
        "minimum", "maximum", "pattern", "format", "$ref", "anyOf", "oneOf", "allOf",
    ]

    init(schema: JSONValue) {
        root = schema
        var unsupported: Set<String> = []
        func walk(_ schema: JSONValue) {
            guard let members = schema.members else { return }
            for (key, value) in members {
                if !Self.annotations.contains(key) && !Self.implemented.contains(key) { unsupported.insert(key) }
                switch key {
                case "properties", "definitions": value.members?.forEach { walk($0.value) }
                case "items", "additionalProperties": walk(value)
                case "anyOf", "oneOf", "allOf": value.array?.forEach(walk)
                default: break
                }
            }
        }
        walk(schema)
        unsupportedKeywords = unsupported
    }

    /// Every violation of the schema in `instance`, as `pointer: problem`.
    func validate(_ instance: JSONValue) -> [String] {
        var problems: [String] = []
        check(instance, against: root, at: "", into: &problems)
        return problems
    }

    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in reference.dropFirst(2).split(separator: "/") {
            node = node?[String(part).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
        return node
    }

    private func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number(_, let isInteger): isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at pointer: String, into problems: inout [String]) {
        let here = pointer.isEmpty ? "/" : pointer
        if let reference = schema["$ref"]?.string {
            guard let target = resolve(reference) else {
                problems.append("\(here): unresolvable $ref \(reference)")
                return
            }
            check(value, against: target, at: pointer, into: &problems)
        }
        if let type = schema["type"] {
            let allowed = type.array?.compactMap(\.string) ?? type.string.map { [$0] } ?? []
            let actual = typeName(value)
            let ok = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !ok {
                problems.append("\(here): is \(actual), expected \(allowed.joined(separator: " or "))")
                return
            }
        }
        if let options = schema["enum"]?.array, !options.contains(value) {
            problems.append("\(here): \(value) is not one of the allowed values")
        }
        if let all = schema["allOf"]?.array {
            for sub in all { check(value, against: sub, at: pointer, into: &problems) }
        }
        if let any = schema["anyOf"]?.array {
            let passing = any.filter { sub in
                var inner: [String] = []
                check(value, against: sub, at: pointer, into: &inner)
                return inner.isEmpty
            }
            if passing.isEmpty { problems.append("\(here): matches none of anyOf") }
        }
        if let one = schema["oneOf"]?.array {
            let passing = one.filter { sub in
                var inner: [String] = []
                check(value, against: sub, at: pointer, into: &inner)
                return inner.isEmpty
            }
            if passing.count != 1 { problems.append("\(here): matches \(passing.count) of oneOf, expected exactly 1") }
        }

        switch value {
        case .object(let members):
            for key in schema["required"]?.array?.compactMap(\.string) ?? [] where !members.contains(where: { $0.key == key }) {
                problems.append("\(here): missing required property \(key)")
            }
            let properties = schema["properties"]
            for (key, member) in members {
                let path = "\(pointer)/\(key)"
                if let sub = properties?[key] {
                    check(member, against: sub, at: path, into: &problems)
                } else if let additional = schema["additionalProperties"] {
                    if case .bool(false) = additional {
                        problems.append("\(here): property \(key) is not allowed")
                    } else if additional.members != nil {
                        check(member, against: additional, at: path, into: &problems)
                    }
                }
            }
        case .array(let items):
            if let minimum = schema["minItems"]?.int, items.count < minimum {
                problems.append("\(here): \(items.count) items, at least \(minimum) required")
            }
            if case .bool(true) = schema["uniqueItems"] ?? .null {
                for (i, item) in items.enumerated() where items[..<i].contains(item) {
                    problems.append("\(here)/\(i): duplicate item in a uniqueItems array")
                }
            }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { check(item, against: itemSchema, at: "\(pointer)/\(i)", into: &problems) }
            }
        case .number(let number, _):
            if case .number(let minimum, _) = schema["minimum"] ?? .null, number < minimum {
                problems.append("\(here): \(number) is below the minimum \(minimum)")
            }
            if case .number(let maximum, _) = schema["maximum"] ?? .null, number > maximum {
                problems.append("\(here): \(number) is above the maximum \(maximum)")
            }
        case .string(let text):
            if let pattern = schema["pattern"]?.string {
                let matches =
                    (try? NSRegularExpression(pattern: pattern))
                    .map { $0.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil } ?? false
                if !matches { problems.append("\(here): \"\(text)\" does not match \(pattern)") }
            }
            if let format = schema["format"]?.string, !Self.conforms(text, to: format) {
                problems.append("\(here): \"\(text)\" is not a valid \(format)")
            }
        default:
            break
        }
    }

    /// RFC 3986 URIs (a scheme is required) and references, and RFC 3339 date-times.
    static func conforms(_ text: String, to format: String) -> Bool {
        let uriCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
        let validCharacters = text.unicodeScalars.allSatisfy { uriCharacters.contains($0) }
        let validEscapes = text.range(of: "%(?![0-9A-Fa-f]{2})", options: .regularExpression) == nil
        switch format {
        case "uri":
            return validCharacters && validEscapes && text.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
        case "uri-reference":
            return validCharacters && validEscapes
        case "date-time":
            return text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil
        default:
            return true
        }
    }
}
