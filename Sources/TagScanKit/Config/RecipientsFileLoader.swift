import Foundation
import Yams
public import YotiSignModels

/// Reads the recipients file of `tagscan submit` (YAML, or JSON, which the same YAML parser
/// reads) the way ``ConfigLoader`` reads `tagscan.yml`: the text is composed into a node tree,
/// every key of the top level, each recipient, witness, tag, validation and merge field is checked against
/// the keys the API has there, and decoding errors are traced back to their line. Every problem
/// is a ``ConfigError`` naming the file and the line.
///
/// It lives here rather than in YotiSign because the YAML parser and the line-keeping belong to
/// the configuration code, and YotiSign (which TagScanKit depends on) has no YAML. The key lists
/// themselves stay with the models, in YotiSignModels' `RecipientsFile`.
public enum RecipientsFileLoader {
    /// Reads and checks the recipients file at `path`.
    public static func load(path: String) throws(ConfigError) -> RecipientsFile {
        try parse(try ConfigLoader.text(at: path, kind: "recipients file"), file: path)
    }

    /// Reads recipients-file text; `file` is the name errors carry.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> RecipientsFile {
        let root = try ConfigLoader.compose(text, file: file)
        guard let root, root.mapping != nil else {
            throw .invalidValue(file: file, line: root?.mark?.line ?? 1, message: "the recipients file must be a map with a 'recipients' list")
        }
        try checkKeys(root, file: file)
        do {
            return try YAMLDecoder().decode(RecipientsFile.self, from: root)
        } catch let error as DecodingError {
            let path: [any CodingKey]
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
                path = context.codingPath
            @unknown default:
                path = []
            }
            let line = ConfigLoader.node(at: path, in: root).mark?.line ?? root.mark?.line ?? 1
            throw .invalidValue(file: file, line: line, message: RecipientsFile.explain(error))
        } catch {
            throw .invalidValue(file: file, line: root.mark?.line ?? 1, message: "\(error)")
        }
    }

    private static func checkKeys(_ root: Node, file: String) throws(ConfigError) {
        try check(root, RecipientsFile.topLevelKeys, "the recipients file", file)
        for (index, recipient) in (root.mapping?["recipients"]?.sequence ?? []).enumerated() {
            let who = "recipient \(index + 1)"
            try check(recipient, RecipientsFile.recipientKeys, who, file)
            try checkTags(recipient.mapping?["tags"], of: who, file)
            if let witness = recipient.mapping?["witness"] {
                try check(witness, RecipientsFile.witnessKeys, "the witness of \(who)", file)
                try checkTags(witness.mapping?["tags"], of: "the witness of \(who)", file)
            }
        }
    }

    private static func checkTags(_ tags: Node?, of who: String, _ file: String) throws(ConfigError) {
        for (index, tag) in (tags?.sequence ?? []).enumerated() {
            try check(tag, RecipientsFile.tagKeys, "tag \(index + 1) of \(who)", file)
            if let validation = tag.mapping?["validation"] {
                try check(validation, RecipientsFile.validationKeys, "the validation of tag \(index + 1) of \(who)", file)
            }
            if let mergeField = tag.mapping?["merge_field"] {
                try check(mergeField, RecipientsFile.mergeFieldKeys, "the merge_field of tag \(index + 1) of \(who)", file)
            }
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
}
