/// The `type` of a Yoti tag, spelled exactly as the create-envelope API expects.
public enum TagType: String, Sendable, Codable, Hashable, CaseIterable {
    case signature
    case textField = "text_field"
    case checkboxField = "checkbox_field"
    case radioField = "radio_field"
    case initials
    case dateSignedField = "date_signed_field"
    case attachment
}
