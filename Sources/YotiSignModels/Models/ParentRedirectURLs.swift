/// `options.parent_redirect_urls`: where an embedded signer is sent after signing or on error.
/// Both must be `https://` URLs.
public struct ParentRedirectURLs: Sendable, Codable, Hashable {
    public var success: String
    public var failure: String

    public init(success: String, failure: String) {
        self.success = success
        self.failure = failure
    }
}
