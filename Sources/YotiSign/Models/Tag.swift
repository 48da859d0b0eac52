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

    public init(
        pageNumber: Int, x: Double, y: Double, type: TagType, optional: Bool, fileName: String,
        width: Double? = nil, name: String? = nil, tagGroupName: String? = nil,
        prefilledValue: String? = nil, helpText: String? = nil, readonly: Bool? = nil,
        disableResize: Bool? = nil, validation: Validation? = nil
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
}
