import Foundation
import YotiSignModels

/// DocuSeal field tags: `{{Name;type=signature;role=First Party;required=false}}`.
///
/// The first segment is the field name unless it holds `=`. Keys are case-insensitive, `-` reads
/// as `_`; `type` defaults to `text`, `role` to DocuSeal's first role, `required` to true. Only
/// tags with a `type=` or `role=` attribute, or with a `;`, are recognised: a bare `{{Name}}` is
/// too common in other template languages to be taken for a DocuSeal field.
enum DocuSealTagParser {
    static let types: [String: (type: TagType?, note: String?)] = [
        "text": (.textField, nil),
        "signature": (.signature, nil),
        "initials": (.initials, nil),
        "datenow": (.dateSignedField, nil),
        "date": (.textField, "Yoti has no date picker for a date the signer chooses; it becomes a text field (date_signed_field is only the signing date)"),
        "checkbox": (.checkboxField, nil),
        "radio": (.radioField, "Yoti needs one radio tag per button; one button is placed for the whole DocuSeal radio group"),
        "select": (.textField, "Yoti has no dropdown field; it becomes a text field"),
        "multiple": (.textField, "Yoti has no multiple-choice field; it becomes a text field"),
        "number": (.textField, nil),
        "phone": (.textField, nil),
        "cells": (.textField, nil),
        "file": (.attachment, nil),
        "image": (.attachment, "Yoti attachments accept PDF files only, not images"),
        "stamp": (nil, "Yoti has no stamp field; no field is placed"),
        "payment": (nil, "Yoti has no payment field; no field is placed"),
        "verification": (nil, "Yoti has no identity-verification field (use the recipient's auth_type: idv); no field is placed"),
        "kba": (nil, "Yoti has no knowledge-based-verification field; no field is placed"),
    ]

    /// Attributes read into the Yoti tag; every other one is dropped with a note.
    static let knownKeys: Set<String> = ["type", "role", "required", "readonly", "default", "title", "description", "name"]
    static let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]

    /// True for a body with a `;`, or one that starts with a `type=` / `role=` attribute.
    static func recognises(_ body: String) -> Bool {
        let segments = body.split(separator: ";", omittingEmptySubsequences: false)
        if segments.count > 1 { return true }
        guard let equals = body.firstIndex(of: "=") else { return false }
        let key = body[..<equals].filter { !$0.isWhitespace }.lowercased()
        return key == "type" || key == "role"
    }

    static func parse(_ body: String) -> Result<ForeignTag, ForeignTag.Failure> {
        func fail(_ message: String) -> Result<ForeignTag, ForeignTag.Failure> { .failure(ForeignTag.Failure(.docuseal, message)) }
        var name: String?
        var attributes: [(key: String, value: String)] = []
        for (index, raw) in body.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let segment = raw.trimmingCharacters(in: .whitespaces)
            guard let equals = segment.firstIndex(of: "=") else {
                if index == 0 {
                    if !segment.isEmpty { name = segment }
                    continue
                }
                if segment.isEmpty { continue }
                return fail("'\(segment)' is not a key=value attribute")
            }
            let key = segment[..<equals].filter { !$0.isWhitespace }.lowercased().replacingOccurrences(of: "-", with: "_")
            let value = segment[segment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            attributes.append((key, value))
        }
        func value(_ key: String) -> String? { attributes.last { $0.key == key }?.value }

        let vendorType = (value("type") ?? "text").filter { !$0.isWhitespace }.lowercased()
        guard let mapping = types[vendorType] else {
            return fail("unknown field type '\(vendorType)' (DocuSeal skips such fields)")
        }
        let role = value("role").flatMap { $0.isEmpty ? nil : $0 } ?? "First Party"
        var notes: [ForeignTag.Note] = []
        if let note = mapping.note { notes.append(ForeignTag.Note(.unsupportedType, note)) }

        var tag = ForeignTag(
            dialect: .docuseal, vendorType: vendorType, recipient: role, recipientNumber: ordinal(of: role),
            type: mapping.type, optional: !truth(value("required") ?? "true"))
        let fieldName = value("name") ?? name
        if mapping.type == .radioField {
            tag.tagGroupName = fieldName.flatMap(ForeignTag.groupName)
        } else if let fieldName {
            tag.name = ForeignTag.tagName(fieldName)
        }
        if mapping.type == .textField {
            tag.readonly = truth(value("readonly") ?? "false")
            tag.prefilledValue = value("default")
            tag.helpText = value("description") ?? value("title")
            if vendorType == "phone" { tag.validation = ForeignTag.validation(named: "phone_number") }
            if vendorType == "number" { tag.validation = ForeignTag.validation(named: "numbers_only") }
        }
        var dropped = attributes.map(\.key).filter { !knownKeys.contains($0) }
        if mapping.type != .textField {
            dropped += ["readonly", "default", "title", "description"].filter { value($0) != nil }
        }
        for key in dropped.uniqued() {
            notes.append(ForeignTag.Note(.droppedAttribute, "the \(key) attribute has no Yoti equivalent and was left out"))
        }
        tag.notes = notes
        return .success(tag)
    }

    /// DocuSeal's default role names: "First Party" is recipient 1, "Second Party" 2, …
    static func ordinal(of role: String) -> Int? {
        let words = role.lowercased().split(separator: " ")
        guard words.count == 2, words[1] == "party", let index = ordinals.firstIndex(of: String(words[0])) else { return nil }
        return index + 1
    }

    /// DocuSeal casts `true`/`1` and `false`/`0`.
    static func truth(_ text: String) -> Bool {
        !["false", "0", "no", "f"].contains(text.filter { !$0.isWhitespace }.lowercased())
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
