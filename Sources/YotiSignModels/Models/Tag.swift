/// One field placed on one page for one recipient: the Yoti `tag` object.
///
/// `x` and `y` are fractions of the displayed page width and height, measured from the top-left
/// corner, each within 0 … 0.949. Keys are encoded in the API's snake_case, in the order the API
/// documents them; absent optionals are omitted.
public struct Tag: Sendable, Codable, Hashable {
    public var pageNumber: Int
    public var x: Double
    public var y: Double
    public var type: TagType
    public var optional: Bool
    public var fileName: String
    /// Fraction of the page width; `text_field` only, where it is required.
    public var width: Double?
    public var name: String?
    public var tagGroupName: String?
    public var prefilledValue: String?
    public var helpText: String?
    public var readonly: Bool?
    public var disableResize: Bool?
    public var validation: Validation?
    /// Text from the signer's ID document (recipients with `auth_type` `idv` only).
    public var mergeField: MergeField?

    public init(
        pageNumber: Int, x: Double, y: Double, type: TagType, optional: Bool, fileName: String,
        width: Double? = nil, name: String? = nil, tagGroupName: String? = nil,
        prefilledValue: String? = nil, helpText: String? = nil, readonly: Bool? = nil,
        disableResize: Bool? = nil, validation: Validation? = nil, mergeField: MergeField? = nil
    ) {
        self.pageNumber = pageNumber
        self.x = x
        self.y = y
        self.type = type
        self.optional = optional
        self.fileName = fileName
        self.width = width
        self.name = name
        self.tagGroupName = tagGroupName
        self.prefilledValue = prefilledValue
        self.helpText = helpText
        self.readonly = readonly
        self.disableResize = disableResize
        self.validation = validation
        self.mergeField = mergeField
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case pageNumber = "page_number"
        case x, y, type, optional
        case fileName = "file_name"
        case width, name
        case tagGroupName = "tag_group_name"
        case prefilledValue = "prefilled_value"
        case helpText = "help_text"
        case readonly
        case disableResize = "disable_resize"
        case validation
        case mergeField = "merge_field"
    }

    /// A text field's input check: the signer's value must match `regex`.
    public struct Validation: Sendable, Codable, Hashable {
        public var regex: String
        public var errorMessage: String?
        public var flags: String?

        public init(regex: String, errorMessage: String? = nil, flags: String? = nil) {
            self.regex = regex
            self.errorMessage = errorMessage
            self.flags = flags
        }

        enum CodingKeys: String, CodingKey {
            case regex
            case errorMessage = "error_message"
            case flags
        }
    }

    /// `merge_field`: copies a value the identity check extracted into the tag.
    public struct MergeField: Sendable, Codable, Hashable {
        /// Always `"idv"` in the docs.
        public var source: String
        /// Which ID document.
        public var idDoc: String?
        /// The name in the IDV data-extraction result, such as `full_name`.
        public var fieldName: String

        public init(source: String = "idv", idDoc: String? = nil, fieldName: String) {
            self.source = source
            self.idDoc = idDoc
            self.fieldName = fieldName
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case source
            case idDoc = "id_doc"
            case fieldName = "field_name"
        }
    }
}
