import Foundation

/// When and how long to wait before trying a request again.
///
/// What may be retried depends on whether the request is idempotent
/// (``EnvelopeRequest/isIdempotent``):
/// - any request: a failure before any byte of it was written (connection refused, DNS, connect
///   or TLS failures), and 429, which says the request was refused;
/// - idempotent requests only: 5xx, and a connection dropped after the request was sent. For a
///   create or a send-reminder these mean Yoti may have acted on it, and a repeat could create a
///   second envelope or send a second email, so the client stops and reports the outcome as
///   unknown.
/// Nothing is retried after a timeout or another 4xx.
///
/// The wait before retry *n* is `min(maximumDelay, baseDelay × 2ⁿ⁻¹)` passed through `jitter`
/// (by default a random value between half and all of it), or what the server's `Retry-After`
/// asks (seconds or an HTTP date; capped at `maximumDelay`).
///
/// `jitter`, `sleep` and `now` are injectable so tests can run in milliseconds and check the
/// delays.
public struct RetryPolicy: Sendable {
    /// Total tries, the first included; 1 means no retries.
    public var maximumAttempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration
    public var jitter: @Sendable (Duration) -> Duration
    public var sleep: @Sendable (Duration) async throws -> Void
    /// The clock an HTTP-date `Retry-After` is measured against.
    public var now: @Sendable () -> Date

    public init(
        maximumAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(500),
        maximumDelay: Duration = .seconds(30),
        jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.equalJitter,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.sleep = sleep
        self.now = now
    }

    /// Four attempts, 0.5 s base, 30 s cap, equal jitter.
    public static let standard = RetryPolicy()
    /// A single attempt.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// Whether a response status is worth another try of an idempotent request.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// Whether a response status is worth another try of a request of this kind: only 429 when
    /// the request is not idempotent, since a 5xx may come after Yoti stored the envelope.
    public static func isRetryable(status: Int, idempotent: Bool) -> Bool {
        idempotent ? isRetryable(status: status) : status == 429
    }

    /// The wait a `Retry-After` value asks for: delta-seconds (`120`) or an HTTP date
    /// (`Wed, 21 Oct 2026 07:28:00 GMT`, and the two obsolete forms RFC 9110 still accepts),
    /// measured from `now`. A date in the past asks for no wait; anything unreadable for none.
    public static func retryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingWhitespace()
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) {
            return .seconds(Int(text) ?? Int(Int32.max))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                let seconds = max(0, date.timeIntervalSince(now))
                return .milliseconds(Int64((seconds * 1000).rounded()))
            }
        }
        return nil
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

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product &+ attoseconds / 1_000_000_000
    }
}
