import YotiSignModels

/// DocuSign-style anchors: `\s1\`, `\d1\`, `\i2\` or `/sn1/`, `/date1/`.
///
/// DocuSign itself has no in-document grammar: a tab in the envelope JSON names an
/// `anchorString` already in the document. These short codes are the conventions integrations use
/// for those strings (Acumatica's `\s1\`, DocuSign's own examples' `/sn1/`), read as
/// `<delimiter><field code><recipient number><delimiter>` with the same delimiter (`\` or `/`) on
/// both sides. Field codes, case-insensitive:
///
/// | codes | Yoti type |
/// |---|---|
/// | `s` `sn` `sig` `sign` `signhere` `signature` | signature |
/// | `i` `in` `init` `initial` `initials` | initials |
/// | `d` `ds` `date` `datesigned` | date_signed_field |
/// | `t` `tx` `txt` `text`, `n` `name` `fullname`, `e` `email`, `co` `company`, `title` | text_field |
/// | `c` `cb` `check` `checkbox` | checkbox_field |
/// | `a` `att` `attachment` | attachment |
enum DocuSignTagParser {
    static let codes: [String: TagType] = {
        var table: [String: TagType] = [:]
        for code in ["s", "sn", "sig", "sign", "signhere", "signature"] { table[code] = .signature }
        for code in ["i", "in", "init", "initial", "initials"] { table[code] = .initials }
        for code in ["d", "ds", "date", "datesigned"] { table[code] = .dateSignedField }
        for code in ["t", "tx", "txt", "text", "n", "name", "fullname", "e", "email", "co", "company", "title"] { table[code] = .textField }
        for code in ["c", "cb", "check", "checkbox"] { table[code] = .checkboxField }
        for code in ["a", "att", "attachment"] { table[code] = .attachment }
        return table
    }()

    /// Longest body (code and number) considered, without spaces.
    static let maximumBodyLength = 12

    /// Reads a body such as `s1` or `SN2`; nil when it is not a known code followed by 1–99.
    static func parse(_ body: String) -> ForeignTag? {
        let letters = body.prefix { $0.isASCII && $0.isLetter }
        let digits = body.dropFirst(letters.count)
        guard !letters.isEmpty, !digits.isEmpty, digits.count <= 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            digits.first != "0", let number = Int(digits)
        else { return nil }
        let code = letters.lowercased()
        guard let type = codes[code] else { return nil }
        return ForeignTag(
            dialect: .docusign, vendorType: code, recipient: "signer\(number)", recipientNumber: number, type: type,
            optional: false, sizedByTag: false)
    }
}
