import YotiSignModels

/// The configuration-file form of a rule (snake_case keys, as in `tagscan.yml`):
///
/// ```yaml
/// - anchor: "Signature:"        # or a regular expression with `regex: true`
///   case_sensitive: false       # default false
///   whole_word: true            # default true
///   occurrence: all             # all, first, last or n (1-based)
///   ignore_if_missing: false    # default false: no match is an error
///   role: Signer 1
///   sign_group: 1
///   type: signature             # a Yoti tag type
///   required: true
///   name: tenant_signature
///   width: 0.3                  # text fields: a fraction of the page width, or "6cm"
///   prefilled_value: ACME Ltd
///   help_text: Company name
///   validation: { regex: "^[0-9]*$", error_message: Numbers only, flags: gm }
///   x_offset: 5mm               # a number is points; units pt, mm, cm, in, page, %
///   y_offset: -0.5in
///   align: right                # left (default) or right edge of the match
///   vertical: baseline          # top (default), baseline or bottom of the match
///   scrub: true                 # `tagscan scrub` removes the matches (default false)
/// ```
///
/// Decoding always checks the shape (types, units, enumerations). Decoded for a configuration
/// file (``validatingKey`` set in the decoder's `userInfo`, as ``ConfigLoader`` does), it also
/// checks every value against Yoti's rules, so a bad one is reported at its own key; without it,
/// any rule the library API can build round-trips (the scanner hands options to worker processes
/// as JSON).
extension CustomAnchorRule: Codable {
    /// `userInfo` key that turns on Yoti's value checks while decoding.
    public static let validatingKey = CodingUserInfoKey(rawValue: "tagscan.validating")!

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, anchor
        case isRegex = "regex"
        case caseSensitive = "case_sensitive"
        case wholeWord = "whole_word"
        case occurrence
        case ignoreIfMissing = "ignore_if_missing"
        case role
        case signGroup = "sign_group"
        case type, required, name, width
        case prefilledValue = "prefilled_value"
        case helpText = "help_text"
        case validation
        case xOffset = "x_offset"
        case yOffset = "y_offset"
        case alignment = "align"
        case vertical
        case scrub
    }

    /// Characters Yoti refuses in roles, prefilled values and help texts.
    static let forbiddenCharacters = Preflight.forbiddenCharacters

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let validating = decoder.userInfo[Self.validatingKey] as? Bool ?? false
        func fail(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message)
        }

        id = try c.decodeIfPresent(String.self, forKey: .id)
        anchor = try c.decode(String.self, forKey: .anchor)
        if validating, anchor.allSatisfy(\.isWhitespace) { throw fail(.anchor, "anchor must not be empty") }
        isRegex = try c.decodeIfPresent(Bool.self, forKey: .isRegex) ?? false
        if validating, isRegex, let problem = CustomAnchorFinder.regexProblem(anchor) {
            throw fail(.anchor, "anchor is not a valid regular expression: \(problem)")
        }
        caseSensitive = try c.decodeIfPresent(Bool.self, forKey: .caseSensitive) ?? false
        wholeWord = try c.decodeIfPresent(Bool.self, forKey: .wholeWord) ?? true
        occurrence = try c.decodeIfPresent(Occurrence.self, forKey: .occurrence) ?? .all
        ignoreIfMissing = try c.decodeIfPresent(Bool.self, forKey: .ignoreIfMissing) ?? false

        role = try c.decode(String.self, forKey: .role)
        if validating, let problem = Self.roleProblem(role) { throw fail(.role, problem) }
        signGroup = try c.decodeIfPresent(Int.self, forKey: .signGroup)
        if validating, let group = signGroup, group < 1 { throw fail(.signGroup, "sign_group must be 1 or more, not \(group)") }
        let typeName = try c.decode(String.self, forKey: .type)
        guard let type = TagType(rawValue: typeName) else {
            throw fail(.type, "'\(typeName)' is not a Yoti tag type (expected one of: \(TagType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.type = type
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? true
        name = try c.decodeIfPresent(String.self, forKey: .name)
        if validating, let name, name.count > Preflight.maximumTagNameLength {
            throw fail(.name, "name must be \(Preflight.maximumTagNameLength) characters or fewer (Yoti's limit); it has \(name.count)")
        }
        width = try Self.decodeWidth(c, forKey: .width, validating: validating)
        prefilledValue = try c.decodeIfPresent(String.self, forKey: .prefilledValue)
        if validating, let value = prefilledValue, value.contains(where: Self.forbiddenCharacters.contains) {
            throw fail(.prefilledValue, "prefilled_value must not contain any of / \\ : * ? < > | (Yoti refuses them)")
        }
        helpText = try c.decodeIfPresent(String.self, forKey: .helpText)
        if validating, let text = helpText {
            if text.count > 255 { throw fail(.helpText, "help_text must be 255 characters or fewer (Yoti's limit)") }
            if text.contains(where: Self.forbiddenCharacters.contains) {
                throw fail(.helpText, "help_text must not contain any of / \\ : * ? < > | (Yoti refuses them)")
            }
        }
        validation = try c.decodeIfPresent(Tag.Validation.self, forKey: .validation)
        if validating, let validation, validation.regex.isEmpty { throw fail(.validation, "validation.regex must not be empty") }
        if validating, validation != nil || prefilledValue != nil || helpText != nil || width != nil, type != .textField {
            let key: CodingKeys = validation != nil ? .validation : prefilledValue != nil ? .prefilledValue : helpText != nil ? .helpText : .width
            throw fail(key, "\(key.rawValue) applies only to text_field tags, and this rule places a \(type.rawValue)")
        }

        xOffset = try c.decodeIfPresent(Length.self, forKey: .xOffset) ?? .zero
        yOffset = try c.decodeIfPresent(Length.self, forKey: .yOffset) ?? .zero
        alignment = try Self.decodeChoice(c, .alignment, default: .left)
        vertical = try Self.decodeChoice(c, .vertical, default: .top)
        scrub = try c.decodeIfPresent(Bool.self, forKey: .scrub) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(anchor, forKey: .anchor)
        try c.encode(isRegex, forKey: .isRegex)
        try c.encode(caseSensitive, forKey: .caseSensitive)
        try c.encode(wholeWord, forKey: .wholeWord)
        try c.encode(occurrence, forKey: .occurrence)
        try c.encode(ignoreIfMissing, forKey: .ignoreIfMissing)
        try c.encode(role, forKey: .role)
        try c.encodeIfPresent(signGroup, forKey: .signGroup)
        try c.encode(type.rawValue, forKey: .type)
        try c.encode(required, forKey: .required)
        try c.encodeIfPresent(name, forKey: .name)
        if let width {
            // A bare number means a fraction of the page width here.
            if width.unit == .page { try c.encode(width.value, forKey: .width) } else { try c.encode(width.description, forKey: .width) }
        }
        try c.encodeIfPresent(prefilledValue, forKey: .prefilledValue)
        try c.encodeIfPresent(helpText, forKey: .helpText)
        try c.encodeIfPresent(validation, forKey: .validation)
        try c.encode(xOffset, forKey: .xOffset)
        try c.encode(yOffset, forKey: .yOffset)
        try c.encode(alignment, forKey: .alignment)
        try c.encode(vertical, forKey: .vertical)
        if scrub { try c.encode(scrub, forKey: .scrub) }
    }

    /// Nil when `role` is acceptable to Yoti.
    static func roleProblem(_ role: String) -> String? {
        if role.allSatisfy(\.isWhitespace) { return "role must not be empty" }
        if role.count > Preflight.maximumRoleLength { return "role must be \(Preflight.maximumRoleLength) characters or fewer (Yoti's limit)" }
        if role.contains(where: forbiddenCharacters.contains) { return "role '\(role)' must not contain any of / \\ : * ? < > | (Yoti refuses them)" }
        return nil
    }

    /// A text field's width: a bare number is a fraction of the page width, a string has a unit.
    static func decodeWidth<Key: CodingKey>(_ c: KeyedDecodingContainer<Key>, forKey key: Key, validating: Bool = true) throws -> Length? {
        guard c.contains(key) else { return nil }
        let width: Length
        if let number = try? c.decode(Double.self, forKey: key) {
            width = Length(number, .page)
        } else {
            let text = try c.decode(String.self, forKey: key)
            do {
                width = try Length.parse(text, bareUnit: .page)
            } catch {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: error.description)
            }
        }
        let fraction = width.unit == .page ? width.value : width.unit == .percent ? width.value / 100 : nil
        if validating, width.value <= 0 || (fraction.map { $0 >= 1 } ?? false) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "\(key.stringValue) must be more than 0 and less than the page width, not \(width)")
        }
        return width
    }

    private static func decodeChoice<T: RawRepresentable & CaseIterable>(
        _ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, default value: T
    ) throws -> T where T.RawValue == String {
        guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return value }
        guard let choice = T(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "\(key.rawValue) '\(text)' is not one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }
}

extension CustomAnchorRule.Occurrence: Codable {
    /// `all`, `first`, `last`, or a number n ≥ 1 for the n-th match.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self) {
            guard n >= 1 else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "occurrence must be 1 or more, not \(n)") }
            self = .nth(n)
            return
        }
        let text = try c.decode(String.self)
        switch text {
        case "all": self = .all
        case "first": self = .first
        case "last": self = .last
        default:
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "occurrence '\(text)' is not one of: all, first, last, or a number n ≥ 1")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if case .nth(let n) = self { try c.encode(n) } else { try c.encode(description) }
    }
}
