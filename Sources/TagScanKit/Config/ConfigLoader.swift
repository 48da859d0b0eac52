import Foundation
import Yams

/// Reads `tagscan.yml` (or `.yaml`, or `.json`: JSON is read by the same YAML parser, Yams) into a
/// ``TagScanConfig``. Syntax errors, duplicate keys, unknown keys and bad values are
/// ``ConfigError``s naming the file and the line.
///
/// Reading is in two steps: the text is composed into a YAML node tree, whose every key is checked
/// against the keys allowed at its place (so a misspelt `ofset` is an error rather than silently
/// ignored); then the tree is decoded, and a decoding error's coding path is followed back into
/// the tree to find the line of the value at fault.
public enum ConfigLoader {
    /// Names looked for in a scanned folder, in this order.
    public static let fileNames = ["tagscan.yml", "tagscan.yaml", "tagscan.json"]

    /// Reads and checks the configuration file at `path`.
    public static func load(path: String) throws(ConfigError) -> TagScanConfig {
        try parse(try text(at: path, kind: "configuration file"), file: path)
    }

    /// The UTF-8 text of the file at `path` (a configuration or recipients file), or why not.
    static func text(at path: String, kind: String) throws(ConfigError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .unreadable(file: path, message: isDirectory.boolValue ? "is a folder, not a \(kind)" : "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path, message: "cannot be read (permission denied?)") }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(file: path, message: "is not UTF-8 text") }
        return text
    }

    /// `text` as a YAML node tree (JSON is YAML), with a syntax error's line.
    static func compose(_ text: String, file: String) throws(ConfigError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error, text: text, file: file)
        }
    }

    /// Reads configuration text; `file` is the name errors carry.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> TagScanConfig {
        let root = try compose(text, file: file)
        guard let root else { return TagScanConfig() }  // an empty file: nothing configured
        guard root.mapping != nil else {
            throw .invalidValue(
                file: file, line: root.mark?.line ?? 1,
                message: "the configuration must be a map of keys (rules, recipients, defaults, disabled_rules, role_map)")
        }
        try checkKeys(root, file: file)
        do {
            return try YAMLDecoder().decode(TagScanConfig.self, from: root, userInfo: [CustomAnchorRule.validatingKey: true])
        } catch let error as DecodingError {
            throw decodingError(error, root: root, file: file)
        } catch {
            throw .invalidValue(file: file, line: root.mark?.line ?? 1, message: "\(error)")
        }
    }

    /// The configuration file for a run over `paths`: `tagscan.yml`, `tagscan.yaml` or
    /// `tagscan.json` in a folder given, or in the folder of a file given. Nil when there is none;
    /// an error when several different ones apply.
    public static func discover(for paths: [String]) throws(ConfigError) -> String? {
        var found: [String] = []
        var seenFolders = Set<String>()
        for path in paths where path != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let folder = isDirectory.boolValue ? path : (URL(fileURLWithPath: path).deletingLastPathComponent().path)
            let key = URL(fileURLWithPath: folder).standardizedFileURL.path
            guard seenFolders.insert(key).inserted else { continue }
            for name in fileNames {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name).path
                var candidateIsDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &candidateIsDirectory), !candidateIsDirectory.boolValue {
                    found.append(isDirectory.boolValue ? (path.hasSuffix("/") ? path + name : path + "/" + name) : candidate)
                }
            }
        }
        if found.count > 1 { throw .ambiguous(files: found) }
        return found.first
    }

    // MARK: Keys

    private static func checkKeys(_ root: Node, file: String) throws(ConfigError) {
        try check(root, TagScanConfig.CodingKeys.allCases.map(\.rawValue), "the configuration", file)
        guard let top = root.mapping else { return }
        if let rules = top["rules"]?.sequence {
            for (index, rule) in rules.enumerated() {
                try check(rule, CustomAnchorRule.CodingKeys.allCases.map(\.rawValue), "rule \(index + 1)", file)
                if let validation = rule.mapping?["validation"] {
                    try check(validation, ["regex", "error_message", "flags"], "the validation of rule \(index + 1)", file)
                }
            }
        }
        if let recipients = top["recipients"]?.mapping {
            for (role, entry) in recipients {
                try check(entry, ConfigRecipient.CodingKeys.allCases.map(\.rawValue), "recipient '\(role.string ?? "?")'", file)
            }
        }
        if let defaults = top["defaults"] {
            try check(defaults, TagScanConfig.Defaults.CodingKeys.allCases.map(\.rawValue), "defaults", file)
        }
    }

    /// Refuses keys of `node` (when it is a map) that are not in `allowed`.
    private static func check(_ node: Node, _ allowed: [String], _ context: String, _ file: String) throws(ConfigError) {
        guard let mapping = node.mapping else { return }  // a wrong shape is reported by the decoder
        for (key, _) in mapping {
            let name = key.string ?? "\(key)"
            if !allowed.contains(name) {
                throw .unknownKey(file: file, line: key.mark?.line ?? node.mark?.line ?? 1, key: name, context: context, allowed: allowed)
            }
        }
    }

    // MARK: Errors

    static func syntaxError(_ error: any Error, text: String, file: String) -> ConfigError {
        guard let yaml = error as? YamlError else { return .syntax(file: file, line: 1, column: 1, message: "\(error)") }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
            return .syntax(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "key '\(duplicates.joined(separator: "', '"))' appears more than once in one map")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { o in text.utf8.prefix(o).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 } } ?? 1
            return .syntax(file: file, line: line, column: 1, message: "cannot be read: \(problem)")
        default:
            return .syntax(file: file, line: 1, column: 1, message: "\(yaml)")
        }
    }

    private static func decodingError(_ error: DecodingError, root: Node, file: String) -> ConfigError {
        let path: [any CodingKey]
        var message: String
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            path = context.codingPath
            let found = node(at: path, in: root)
            let shown = found.scalar.map { "'\($0.string)'" } ?? (found.sequence != nil ? "a list" : found.mapping != nil ? "a map" : "nothing")
            message = "\(place(path)) must be \(typeName(type)), not \(shown)"
        case .keyNotFound(let key, let context):
            path = context.codingPath
            message = "\(describe(path)) needs a '\(key.stringValue)' key"
        case .dataCorrupted(let context):
            path = context.codingPath
            message = "\(describe(path.dropLast())): \(context.debugDescription)"
        @unknown default:
            path = []
            message = "\(error)"
        }
        let line = node(at: path, in: root).mark?.line ?? root.mark?.line ?? 1
        return .invalidValue(file: file, line: line, message: message)
    }

    /// Follows a coding path into the node tree as far as it goes.
    static func node(at path: [any CodingKey], in root: Node) -> Node {
        var node = root
        for key in path {
            if let mapping = node.mapping, let next = mapping.first(where: { $0.key.string == key.stringValue })?.value {
                node = next
            } else if let sequence = node.sequence, let index = key.intValue, index < sequence.count {
                node = sequence[index]
            } else {
                break
            }
        }
        return node
    }

    /// "rule 2", "recipient 'Signer 1'", "defaults", for messages.
    static func describe<Path: Collection>(_ path: Path) -> String where Path.Element == any CodingKey {
        let keys = Array(path)
        guard let first = keys.first else { return "the configuration" }
        switch first.stringValue {
        case "rules":
            guard keys.count > 1, let index = keys[1].intValue else { return "rules" }
            return "rule \(index + 1)" + (keys.count > 2 ? " " + keys[2...].map(\.stringValue).joined(separator: ".") : "")
        case "recipients":
            guard keys.count > 1 else { return "recipients" }
            return "recipient '\(keys[1].stringValue)'" + (keys.count > 2 ? " " + keys[2...].map(\.stringValue).joined(separator: ".") : "")
        default:
            return keys.map { $0.intValue.map { "item \($0 + 1)" } ?? $0.stringValue }.joined(separator: " ")
        }
    }

    /// The place of a value: "x_offset of rule 2", "role_map 'signer1'".
    private static func place(_ path: [any CodingKey]) -> String {
        guard let last = path.last else { return "the configuration" }
        if let index = last.intValue { return "item \(index + 1) of \(describe(path.dropLast()))" }
        let parent = path.dropLast()
        return parent.isEmpty ? last.stringValue : "\(last.stringValue) of \(describe(parent))"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is [Any].Type: "a list"
        default: String(describing: type).hasPrefix("Dictionary") ? "a map" : "a \(String(describing: type))"
        }
    }
}
