/// `options.notifications`: the webhook endpoint and the events it subscribes to.
public struct Notifications: Sendable, Codable, Hashable {
    /// An `https://` URL (TLS 1.2).
    public var destination: String
    /// Event names such as `envelope_completion`, `envelope_ready`, `signer_completion`,
    /// `upload_errors`, `sign_offline_upload_errors` or the `idv_*` events.
    public var subscriptions: [String]

    public init(destination: String, subscriptions: [String]) {
        self.destination = destination
        self.subscriptions = subscriptions
    }
}
