import Foundation
public import YotiSignModels

/// Another vendor's text tag read from a document, and the Yoti field it translates to.
///
/// The translation is to the nearest Yoti tag type; what has no Yoti equivalent (a dropdown, a
/// payment field, a font directive) is listed in `notes`, so nothing is dropped silently.
public struct ForeignTag: Sendable, Hashable {
    /// Something in the tag that Yoti cannot express, and what the translation did instead.
    public struct Note: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            /// The field type has no Yoti equivalent: it was mapped to the nearest one, or not placed.
            case unsupportedType
            /// An attribute or directive (font, format, options…) was left out.
            case droppedAttribute
        }

        public var kind: Kind
        public var message: String

        public init(_ kind: Kind, _ message: String) {
            self.kind = kind
            self.message = message
        }
    }

    public var dialect: AnchorDialect
    /// The vendor's field type as written, lower-cased: `sig`, `signature`, `dropdown`, `datenow`.
    public var vendorType: String
    /// The vendor's recipient as written: `signer1`, `r2`, `First Party`, or `sender`.
    public var recipient: String
    /// N of `signerN`, `rN` or `\s1\`; nil for named roles.
    public var recipientNumber: Int?
    /// The nearest Yoti tag type; nil when there is none and the tag places nothing.
    public var type: TagType?
    public var optional: Bool
    public var readonly: Bool
    public var name: String?
    public var tagGroupName: String?
    public var helpText: String?
    public var prefilledValue: String?
    public var validation: Tag.Validation?
    /// The vendor sizes the field from the tag's own width (Acrobat Sign, Dropbox Sign, DocuSeal,
    /// Documenso), so a translated text field takes the tag's width; DocuSign-style anchors do not.
    public var sizedByTag: Bool
    public var notes: [Note]

    public init(
        dialect: AnchorDialect, vendorType: String, recipient: String, recipientNumber: Int? = nil, type: TagType?,
        optional: Bool = false, readonly: Bool = false, name: String? = nil, tagGroupName: String? = nil,
        helpText: String? = nil, prefilledValue: String? = nil, validation: Tag.Validation? = nil,
        sizedByTag: Bool = true, notes: [Note] = []
    ) {
        self.dialect = dialect
        self.vendorType = vendorType
        self.recipient = recipient
        self.recipientNumber = recipientNumber
        self.type = type
        self.optional = optional
        self.readonly = readonly
        self.name = name
        self.tagGroupName = tagGroupName
        self.helpText = helpText
        self.prefilledValue = prefilledValue
        self.validation = validation
        self.sizedByTag = sizedByTag
        self.notes = notes
    }

    /// Why text that looks like a vendor's tag is not a valid one.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var dialect: AnchorDialect
        public var description: String

        public init(_ dialect: AnchorDialect, _ description: String) {
            self.dialect = dialect
            self.description = description
        }
    }

    /// The vendors' names, for messages.
    public static func vendorName(_ dialect: AnchorDialect) -> String {
        switch dialect {
        case .yoti: "Yoti"
        case .custom: "custom"
        case .docusign: "DocuSign"
        case .acrobat: "Acrobat Sign"
        case .dropbox: "Dropbox Sign"
        case .docuseal: "DocuSeal"
        case .documenso: "Documenso"
        }
    }

    /// Yoti's `tag_group_name` allows letters, digits and spaces, as long as a tag name.
    static func groupName(_ text: String) -> String? {
        let kept = String(text.map { $0.isLetter || $0.isNumber ? $0 : " " }).split(separator: " ").joined(separator: " ")
        guard kept.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
        return String(kept.prefix(Preflight.maximumTagNameLength))
    }

    /// A vendor's field name cut to the length Yoti accepts for a tag `name`.
    static func tagName(_ text: some StringProtocol) -> String {
        String(text.prefix(Preflight.maximumTagNameLength))
    }

    /// Text-field validations with a fixed meaning, as regular expressions Yoti accepts.
    static func validation(named name: String) -> Tag.Validation? {
        switch name.lowercased().replacingOccurrences(of: "-", with: "_") {
        case "numbers_only", "number", "numeric", "digits":
            Tag.Validation(regex: "^[0-9]*$", errorMessage: "Numbers only")
        case "letters_only", "letters":
            Tag.Validation(regex: "^[A-Za-z]*$", errorMessage: "Letters only")
        case "phone_number", "phone":
            Tag.Validation(regex: "^\\+?[0-9 ()-]{7,20}$", errorMessage: "A phone number")
        case "email_address", "email":
            Tag.Validation(regex: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", errorMessage: "An email address")
        case "zip_code", "zip":
            Tag.Validation(regex: "^[0-9]{5}(-[0-9]{4})?$", errorMessage: "A ZIP code")
        case "social_security_number", "ssn":
            Tag.Validation(regex: "^[0-9]{3}-?[0-9]{2}-?[0-9]{4}$", errorMessage: "A social security number")
        case "employer_identification_number", "ein":
            Tag.Validation(regex: "^[0-9]{2}-?[0-9]{7}$", errorMessage: "An employer identification number")
        case "bank_routing_number":
            Tag.Validation(regex: "^[0-9]{9}$", errorMessage: "A 9-digit routing number")
        case "bank_account_number":
            Tag.Validation(regex: "^[0-9]{4,17}$", errorMessage: "A bank account number")
        default:
            nil
        }
    }
}
