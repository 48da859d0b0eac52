import Foundation
import YotiSignModels

/// Dropbox Sign (HelloSign) text tags: `[type|req|signerN|Label|UniqueId|validation|autofill]`
///, e.g. `[sig|req|signer1]`, `[text|noreq|signer2|Label|id]`.
///
/// Types `sig`, `initial`, `text`, `date` (the date signed), `check`; `text-merge` and
/// `checkbox-merge` are filled from the API request by the sender, which Yoti has no equivalent
/// for. `req`/`noreq`; anything else counts as required, as Dropbox Sign reads it. The label
/// becomes Yoti's help text, the unique id its name, and named validations become Yoti
/// `validation` regular expressions.
enum DropboxTagParser {
    static let types: [String: TagType?] = [
        "sig": .signature,
        "initial": .initials,
        "text": .textField,
        "date": .dateSignedField,
        "check": .checkboxField,
        "text-merge": nil,
        "checkbox-merge": nil,
    ]

    /// The first part, lower-cased without spaces, when it names a Dropbox Sign field type.
    static func recognises(_ body: String) -> Bool {
        guard let first = body.split(separator: "|", omittingEmptySubsequences: false).first else { return false }
        return types[first.filter { !$0.isWhitespace }.lowercased()] != nil && body.contains("|")
    }

    static func parse(_ body: String) -> Result<ForeignTag, ForeignTag.Failure> {
        func fail(_ message: String) -> Result<ForeignTag, ForeignTag.Failure> { .failure(ForeignTag.Failure(.dropbox, message)) }
        let parts = body.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let vendorType = parts[0].filter { !$0.isWhitespace }.lowercased()
        guard let mapped = types[vendorType] else { return fail("unknown field type '\(parts[0])'") }
        guard parts.count >= 3 else { return fail("expected at least type|req|signerN, found \(parts.count) part\(parts.count == 1 ? "" : "s")") }
        let requirement = parts[1].filter { !$0.isWhitespace }.lowercased()
        let signer = parts[2].filter { !$0.isWhitespace }.lowercased()
        var number: Int?
        if signer.hasPrefix("signer"), let n = Int(signer.dropFirst(6)), n >= 1 {
            number = n
        } else if signer != "sender" {
            return fail("unknown signer '\(parts[2])' (expected signerN with N ≥ 1, or sender)")
        }

        var notes: [ForeignTag.Note] = []
        var type = mapped
        if mapped == nil {
            notes.append(
                ForeignTag.Note(
                    .unsupportedType, "\(vendorType) fields are filled by the sender from the API request; Yoti has no such field, so none is placed"))
        } else if signer == "sender" {
            notes.append(ForeignTag.Note(.unsupportedType, "fields for the sender have no Yoti recipient, so none is placed"))
            type = nil
        }
        var tag = ForeignTag(
            dialect: .dropbox, vendorType: vendorType, recipient: signer, recipientNumber: number, type: type,
            optional: requirement == "noreq")
        if parts.count > 3, !parts[3].isEmpty {
            if type == .textField {
                tag.helpText = parts[3]
            } else if type != nil {
                notes.append(ForeignTag.Note(.droppedAttribute, "the label '\(parts[3])' applies only to text fields in Yoti and was left out"))
            }
        }
        if parts.count > 4, !parts[4].isEmpty { tag.name = ForeignTag.tagName(parts[4]) }
        if parts.count > 5, !parts[5].isEmpty {
            let name = parts[5].filter { !$0.isWhitespace }
            if type == .textField, let validation = ForeignTag.validation(named: name) {
                tag.validation = validation
            } else if name.lowercased() == "custom_regex" {
                notes.append(
                    ForeignTag.Note(
                        .droppedAttribute,
                        "custom_regex takes its expression from the API request (validation_custom_regex); add it as the Yoti validation by hand"))
            } else {
                notes.append(ForeignTag.Note(.droppedAttribute, "validation '\(name)' has no Yoti equivalent and was left out"))
            }
        }
        if parts.count > 6, !parts[6].isEmpty {
            notes.append(ForeignTag.Note(.droppedAttribute, "auto-fill '\(parts[6])' has no Yoti equivalent and was left out"))
        }
        if parts.count > 7 {
            notes.append(ForeignTag.Note(.droppedAttribute, "\(parts.count - 7) part\(parts.count == 8 ? "" : "s") after the auto-fill part were left out"))
        }
        tag.notes = notes
        return .success(tag)
    }
}
