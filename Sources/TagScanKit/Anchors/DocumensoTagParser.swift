import Foundation
import YotiSignModels

/// Documenso placeholders: `{{type,rN,key=value…}}`, e.g. `{{signature,r1}}`,
/// `{{text,r2,required=true,label=Company}}`.
///
/// Types are case-insensitive, with Documenso's short aliases. `rN` names the N-th recipient and
/// is required (Documenso silently skips a placeholder without one; tagscan reports it). Meta keys
/// take `=` or `:`. Signature-like fields are always required; other fields only with
/// `required=true` (or `r=t`), as in Documenso.
enum DocumensoTagParser {
    static let aliases: [String: String] = [
        "s": "signature", "fs": "free_signature", "i": "initials", "n": "name", "e": "email", "d": "date",
        "t": "text", "num": "number", "r": "radio", "cb": "checkbox", "dd": "dropdown",
    ]
    static let types: [String: (type: TagType, note: String?)] = [
        "signature": (.signature, nil),
        "free_signature": (.signature, nil),
        "initials": (.initials, nil),
        "name": (.textField, nil),
        "email": (.textField, nil),
        "date": (.dateSignedField, nil),
        "text": (.textField, nil),
        "number": (.textField, nil),
        "radio": (.radioField, "Yoti needs one radio tag per button; one button is placed for the whole Documenso radio field"),
        "checkbox": (.checkboxField, nil),
        "dropdown": (.textField, "Yoti has no dropdown field; it becomes a text field"),
    ]
    static let metaAliases: [String: String] = [
        "r": "required", "ro": "readonly", "l": "label", "p": "placeholder", "id": "fieldid", "v": "value",
        "dv": "defaultvalue", "t": "text", "f": "fontsize", "ta": "textalign", "va": "verticalalign",
        "lh": "lineheight", "ls": "letterspacing", "cl": "characterlimit", "nf": "numberformat",
        "vr": "validationrule", "vl": "validationlength", "dir": "direction",
    ]

    /// The canonical type name of a first segment, when it is one of Documenso's.
    static func typeName(_ segment: String) -> String? {
        let word = segment.filter { !$0.isWhitespace }.lowercased()
        let name = aliases[word] ?? word
        return types[name] != nil ? name : nil
    }

    static func recognises(_ body: String) -> Bool {
        let first = body.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return typeName(String(first)) != nil
    }

    static func parse(_ body: String) -> Result<ForeignTag, ForeignTag.Failure> {
        func fail(_ message: String) -> Result<ForeignTag, ForeignTag.Failure> { .failure(ForeignTag.Failure(.documenso, message)) }
        let segments = body.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let typeName = typeName(segments[0]), let mapping = types[typeName] else {
            return fail("unknown field type '\(segments[0])' (Documenso skips such placeholders)")
        }
        guard segments.count >= 2 else {
            return fail("no recipient (expected r1, r2, … after the type); Documenso would skip it silently")
        }
        let recipient = segments[1].filter { !$0.isWhitespace }.lowercased()
        guard recipient.first == "r", let number = Int(recipient.dropFirst()), number >= 1 else {
            return fail("'\(segments[1])' is not a recipient (expected r1, r2, …); Documenso would skip it silently")
        }

        var meta: [(key: String, value: String)] = []
        for segment in segments.dropFirst(2) where !segment.isEmpty {
            guard let separator = segment.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                return fail("'\(segment)' is not a key=value setting")
            }
            let key = segment[..<separator].filter { !$0.isWhitespace }.lowercased()
            let value = segment[segment.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            meta.append((metaAliases[key] ?? key, value))
        }
        func value(_ key: String) -> String? { meta.last { $0.key == key }?.value }
        func truth(_ text: String?) -> Bool? {
            guard let text else { return nil }
            switch text.lowercased() {
            case "t", "true", "1", "yes": return true
            case "f", "false", "0", "no": return false
            default: return nil
            }
        }

        var notes: [ForeignTag.Note] = []
        if let note = mapping.note { notes.append(ForeignTag.Note(.unsupportedType, note)) }
        let signatureLike = [TagType.signature, .initials, .dateSignedField].contains(mapping.type) || typeName == "name" || typeName == "email"
        var tag = ForeignTag(
            dialect: .documenso, vendorType: typeName, recipient: recipient, recipientNumber: number, type: mapping.type,
            optional: signatureLike ? false : !(truth(value("required")) ?? false))
        var used: Set<String> = ["required"]
        if let id = value("fieldid") {
            if mapping.type == .radioField { tag.tagGroupName = ForeignTag.groupName(id) } else { tag.name = ForeignTag.tagName(id) }
            used.insert("fieldid")
        }
        if mapping.type == .textField {
            // Documenso writes label and placeholder text with underscores for spaces.
            func decoded(_ text: String) -> String { text.replacingOccurrences(of: "_", with: " ") }
            if let help = value("placeholder") ?? value("label") { tag.helpText = decoded(help) }
            if let prefilled = value("value") ?? value("defaultvalue") ?? value("text") { tag.prefilledValue = decoded(prefilled) }
            tag.readonly = truth(value("readonly")) ?? false
            used.formUnion(["placeholder", "label", "value", "defaultvalue", "text", "readonly"])
            if typeName == "email" { tag.validation = ForeignTag.validation(named: "email_address") }
            if typeName == "number" { tag.validation = ForeignTag.validation(named: "numbers_only") }
        }
        for key in meta.map(\.key).filter({ !used.contains($0) }).uniqued() {
            notes.append(ForeignTag.Note(.droppedAttribute, "the \(key) setting has no Yoti equivalent and was left out"))
        }
        tag.notes = notes
        return .success(tag)
    }
}
