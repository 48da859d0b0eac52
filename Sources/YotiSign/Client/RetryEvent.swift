/// One retry about to happen: which attempt failed and why, and how long the client waits before
/// the next. ``YotiSignClient/Configuration/onRetry`` receives one per retry, so a caller can log
/// every repeat of a request (the CLI prints them on standard error).
public struct RetryEvent: Sendable, Hashable, CustomStringConvertible {
    /// `POST /v2/envelopes`.
    public var request: String
    /// The attempt that failed, from 1.
    public var attempt: Int
    public var maximumAttempts: Int
    /// `429 Too Many Requests`, `connection refused before the request was sent`, ….
    public var reason: String
    public var wait: Duration

    public init(request: String, attempt: Int, maximumAttempts: Int, reason: String, wait: Duration) {
        self.request = request
        self.attempt = attempt
        self.maximumAttempts = maximumAttempts
        self.reason = reason
        self.wait = wait
    }

    /// `POST /v2/envelopes: attempt 1 of 4 failed (429 Too Many Requests); retrying in 2 s`.
    public var description: String {
        "\(request): attempt \(attempt) of \(maximumAttempts) failed (\(reason)); retrying in \(wait.formattedSeconds)"
    }
}
