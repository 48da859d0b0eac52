import Foundation
public import YotiSignModels

/// Parses the text between an auto-tag's pipes. The grammar is read strictly in the order role →
/// number → type → R/O → metadata, which is what keeps `|A1AR|` (Agent 1, attachment) and
/// `|T2TO|` (Tenant 2, text) unambiguous.
public enum AutoTagParser {
    /// Why a piece of text shaped like an auto-tag is not one; `description` says what was expected.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// True for text that looks meant as an auto-tag: a letter, then a digit (`S1…`, `X9…`,
    /// `s1sr`), so that malformed tags are reported while ordinary `| a | b |` tables are not.
    public static func looksLikeAutoTag(_ body: Substring) -> Bool {
        var it = body.unicodeScalars.makeIterator()
        guard let first = it.next(), let second = it.next() else { return false }
        let letter = ("A"..."Z").contains(first) || ("a"..."z").contains(first)
        return letter && ("0"..."9").contains(second)
    }

    /// Parses `body`: the anchor without its pipes and without spaces outside the metadata.
    public static func parse(_ body: String) -> Result<AutoTag, Failure> {
        func fail(_ message: String) -> Result<AutoTag, Failure> { .failure(Failure(description: message)) }
        var rest = Substring(body)

        guard let roleLetter = rest.first else { return fail("empty anchor") }
        guard let role = RecipientRole(rawValue: String(roleLetter)) else {
            if let upper = RecipientRole(rawValue: roleLetter.uppercased()) {
                return fail("role '\(roleLetter)' must be upper case ('\(upper.rawValue)' for \(upper.name))")
            }
            return fail("unknown role '\(roleLetter)' (expected S, T, L, A, G or C)")
        }
        rest = rest.dropFirst()

        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return fail("missing recipient number after role '\(roleLetter)' (expected 1–30)") }
        guard digits.first != "0", let number = Int(digits), (1...30).contains(number) else {
            return fail("recipient number \(digits) is outside 1–30")
        }
        rest = rest.dropFirst(digits.count)

        var radioGroup: Int?
        let type: TagType
        if rest.hasPrefix("CB") {
            type = .checkboxField; rest = rest.dropFirst(2)
        } else if rest.hasPrefix("DS") {
            type = .dateSignedField; rest = rest.dropFirst(2)
        } else if rest.hasPrefix("IN") {
            type = .initials; rest = rest.dropFirst(2)
        } else if rest.hasPrefix("RG") {
            rest = rest.dropFirst(2)
            let group = rest.prefix { $0.isASCII && $0.isNumber }
            guard let k = Int(group), k >= 1 else {
                return fail("radio group type needs a group number, as in RG1")
            }
            type = .radioField; radioGroup = k; rest = rest.dropFirst(group.count)
        } else if let letter = rest.first, let single = ["S": TagType.signature, "T": .textField, "A": .attachment][letter] {
            type = single; rest = rest.dropFirst()
        } else if let letter = rest.first {
            return fail("unknown tag type at '\(rest.prefix(3))…' (expected S, T, CB, DS, RG<n>, A or IN); '\(letter)' is not one")
        } else {
            return fail("missing tag type (expected S, T, CB, DS, RG<n>, A or IN) and R/O")
        }

        guard let flag = rest.first, flag == "R" || flag == "O" else {
            let found = rest.first.map { "found '\($0)'" } ?? "found the end of the anchor"
            return fail("missing R (required) or O (optional) after the tag type; \(found)")
        }
        rest = rest.dropFirst()

        var metadata: AutoTag.Metadata?
        if !rest.isEmpty {
            guard rest.first == "{" else { return fail("unexpected '\(rest)' after R/O (only {…} metadata may follow)") }
            switch parseMetadata(String(rest)) {
            case .success(let value): metadata = value
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(AutoTag(role: role, number: number, type: type, radioGroup: radioGroup, optional: flag == "O", metadata: metadata))
    }

    /// The auto-tag `body` (text between the pipes) most likely meant, as `|…|`, when one is
    /// likely: the code in upper case, with the missing R, or the one valid code a single
    /// character away. Nil when no correction or more than one fits equally well.
    public static func suggestion(for body: String) -> String? {
        let split = body.firstIndex(of: "{") ?? body.endIndex
        let code = String(body[..<split]), metadata = String(body[split...])
        func valid(_ candidate: String) -> Bool { (try? parse(candidate + metadata).get()) != nil }
        for candidate in [code.uppercased(), code + "R", code.uppercased() + "R"] where candidate != code && valid(candidate) {
            return "|" + candidate + metadata + "|"
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let characters = Array(code.uppercased())
        var found = Set<String>()
        for position in 0...characters.count {
            if position < characters.count {
                var deleted = characters
                deleted.remove(at: position)
                if valid(String(deleted)) { found.insert(String(deleted)) }
            }
            for letter in alphabet {
                var inserted = characters
                inserted.insert(letter, at: position)
                if valid(String(inserted)) { found.insert(String(inserted)) }
                if position < characters.count, characters[position] != letter {
                    var replaced = characters
                    replaced[position] = letter
                    if valid(String(replaced)) { found.insert(String(replaced)) }
                }
            }
            if found.count > 1 { return nil }
        }
        return found.first.map { "|" + $0 + metadata + "|" }
    }

    private static func parseMetadata(_ json: String) -> Result<AutoTag.Metadata, Failure> {
        func fail(_ message: String) -> Result<AutoTag.Metadata, Failure> { .failure(Failure(description: message)) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return fail("metadata \(json) is not a JSON object (expected e.g. {\"nm\":\"name\"})")
        }
        var metadata = AutoTag.Metadata()
        for key in object.keys.sorted() {
            guard let value = object[key] as? String else { return fail("metadata value of '\(key)' must be a string") }
            switch key {
            case "nm": metadata.nm = value
            case "ph": metadata.ph = value
            case "pf": metadata.pf = value
            default: return fail("unknown metadata key '\(key)' (expected nm, ph or pf)")
            }
        }
        return .success(metadata)
    }
}
