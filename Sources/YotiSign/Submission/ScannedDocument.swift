/// What a scan found in one document, as the envelope builder needs it: the file name that tags
/// carry, the page count, and the tags grouped by recipient role.
///
/// It mirrors TagScanKit's `DocumentResult`/`RecipientTags` without depending on TagScanKit.
public struct ScannedDocument: Sendable, Hashable {
    public struct RoleTags: Sendable, Hashable {
        /// The recipient role the anchors name, such as `"Signer 1"`.
        public var role: String
        public var signGroup: Int?
        public var tags: [Tag]

        public init(role: String, signGroup: Int? = nil, tags: [Tag]) {
            self.role = role
            self.signGroup = signGroup
            self.tags = tags
        }
    }

    public var fileName: String
    public var pageCount: Int?
    public var recipients: [RoleTags]

    public init(fileName: String, pageCount: Int? = nil, recipients: [RoleTags]) {
        self.fileName = fileName
        self.pageCount = pageCount
        self.recipients = recipients
    }
}
