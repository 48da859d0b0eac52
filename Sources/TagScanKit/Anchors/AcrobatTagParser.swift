import Foundation
import YotiSignModels

/// Adobe Acrobat Sign text tags: `{{[*][!]name_es_:signerN[:type][:directive(…)…]}}`.
///
/// `*` marks a required field, `!` a read-only one; a tag without a type is a text field. The
/// role is `signerN` (N ≥ 1); `prefill` and `sender` fields are filled by the sender, which Yoti
/// has no equivalent for. Directives (`format(…)`, `font(…)`, `options(…)`, `calc(…)`…) are
/// dropped with a note.
enum AcrobatTagParser {
    /// Acrobat Sign field types and their nearest Yoti types; nil where there is none.
    static let types: [String: (type: TagType?, optional: Bool?, note: String?)] = [
        "text": (.textField, nil, nil),
        "signature": (.signature, nil, nil),
        "initials": (.initials, nil, nil),
        "signatureblock": (.signature, nil, "a signature block (signature plus printed name) becomes a plain signature field"),
        "optsignature": (.signature, true, nil),
        "optinitials": (.initials, true, nil),
        "date": (.dateSignedField, nil, nil),
        "checkbox": (.checkboxField, nil, nil),
        "radio": (.radioField, nil, nil),
        "dropdown": (.textField, nil, "Yoti has no dropdown field; it becomes a text field"),
        "attachment": (.attachment, nil, nil),
        "company": (.textField, nil, nil),
        "title": (.textField, nil, nil),
        "fullname": (.textField, nil, nil),
        "name": (.textField, nil, nil),
        "firstname": (.textField, nil, nil),
        "lastname": (.textField, nil, nil),
        "email": (.textField, nil, nil),
        "number": (.textField, nil, nil),
        "stampimage": (nil, nil, "Yoti has no stamp-image field; no field is placed"),
        "image": (nil, nil, "Yoti has no image field; no field is placed"),
    ]

    static func parse(_ body: String) -> Result<ForeignTag, ForeignTag.Failure> {
        func fail(_ message: String) -> Result<ForeignTag, ForeignTag.Failure> { .failure(ForeignTag.Failure(.acrobat, message)) }
        let parts = split(body.trimmingCharacters(in: .whitespaces))
        guard var head = parts.first else { return fail("empty tag") }

        var required = false, readonly = false
        while let first = head.first, first == "*" || first == "!" {
            if first == "*" { required = true } else { readonly = true }
            head.removeFirst()
        }
        guard let marker = head.range(of: "_es_", options: .caseInsensitive) else {
            return fail("no _es_ after the field name, so Acrobat Sign reads it as plain text")
        }
        let fieldName = head[..<marker.lowerBound].trimmingCharacters(in: .whitespaces)
        if fieldName.isEmpty { return fail("no field name before _es_") }

        guard parts.count >= 2, !parts[1].isEmpty else { return fail("no role after the field name (expected signer1, signer2, …)") }
        let role = parts[1].replacingOccurrences(of: " ", with: "").lowercased()
        var number: Int?
        if role.hasPrefix("signer"), let n = Int(role.dropFirst(6)), n >= 1 {
            number = n
        } else if role != "prefill" && role != "sender" {
            return fail("unknown role '\(parts[1])' (expected signerN with N ≥ 1, prefill or sender)")
        }

        var notes: [ForeignTag.Note] = []
        var vendorType = "text"
        var typeSeen = false
        for part in parts.dropFirst(2) {
            let word = part.replacingOccurrences(of: " ", with: "")
            let keyword = word.prefix { $0 != "(" }.lowercased()
            if !typeSeen, types[keyword] != nil {
                vendorType = keyword
                typeSeen = true
            } else if word.contains("(") {
                notes.append(ForeignTag.Note(.droppedAttribute, "the \(keyword)(…) directive has no Yoti equivalent and was left out"))
            } else if !word.isEmpty {
                return fail("unknown field type '\(part)' (Acrobat Sign would leave the tag as plain text)")
            }
        }
        guard let mapping = types[vendorType] else { return fail("unknown field type '\(vendorType)'") }
        if let note = mapping.note { notes.insert(ForeignTag.Note(.unsupportedType, note), at: 0) }
        if role == "prefill" || role == "sender" {
            notes.insert(
                ForeignTag.Note(.unsupportedType, "\(role) fields are filled by the sender before signing; Yoti has no such recipient, so no field is placed"),
                at: 0)
        }

        let type = (role == "prefill" || role == "sender") ? nil : mapping.type
        var tag = ForeignTag(
            dialect: .acrobat, vendorType: vendorType, recipient: role, recipientNumber: number, type: type,
            optional: mapping.optional ?? !required, readonly: readonly && type == .textField)
        // Signature-like fields are required unless the type says otherwise (`opt…`).
        if mapping.optional == nil, [.signature, .initials, .dateSignedField].contains(type) { tag.optional = false }
        if type == .radioField {
            tag.tagGroupName = ForeignTag.groupName(fieldName)
        } else {
            tag.name = ForeignTag.tagName(fieldName)
        }
        if readonly && type != .textField, type != nil {
            notes.append(ForeignTag.Note(.droppedAttribute, "read-only (!) applies only to text fields in Yoti and was left out"))
        }
        tag.notes = notes
        return .success(tag)
    }

    /// Splits at `:` outside parentheses and quotes.
    static func split(_ body: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for c in body {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth = max(0, depth - 1)
            } else if c == ":", depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(c)
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }
}
