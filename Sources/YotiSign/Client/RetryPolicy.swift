/// When and how long to wait before trying a request again.
///
/// A request is retried on 429, on any 5xx, and when the connection fails or drops; never on
/// another 4xx and never after a timeout. The wait before retry *n* is
/// `min(maximumDelay, baseDelay × 2ⁿ⁻¹)` passed through `jitter` (by default a random value
/// between half and all of it), or the server's `Retry-After` seconds when it sends them (capped
/// at `maximumDelay`).
///
/// `jitter` and `sleep` are injectable so tests can run in milliseconds and check the delays.
public struct RetryPolicy: Sendable {
    /// Total tries, the first included; 1 means no retries.
    public var maximumAttempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration
    public var jitter: @Sendable (Duration) -> Duration
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maximumAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(500),
        maximumDelay: Duration = .seconds(30),
        jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.equalJitter,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.sleep = sleep
    }

    /// Four attempts, 0.5 s base, 30 s cap, equal jitter.
    public static let standard = RetryPolicy()
    /// A single attempt.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// Whether a response status is worth another try.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// The wait before retry number `retry` (1 for the first retry).
    public func delay(beforeRetry retry: Int, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter {
            return min(max(retryAfter, .zero), maximumDelay)
        }
        let exponent = min(max(retry - 1, 0), 30)
        let exponential = baseDelay * (1 << exponent)
        return min(max(jitter(min(exponential, maximumDelay)), .zero), maximumDelay)
    }

    /// A random delay between half and all of `delay`.
    public static let equalJitter: @Sendable (Duration) -> Duration = { delay in
        let nanoseconds = delay.nanoseconds
        guard nanoseconds > 1 else { return delay }
        return .nanoseconds(nanoseconds / 2 + Int64.random(in: 0...(nanoseconds - nanoseconds / 2)))
    }

    /// No jitter: the exponential delay as it is.
    public static let noJitter: @Sendable (Duration) -> Duration = { $0 }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product &+ attoseconds / 1_000_000_000
    }
}
