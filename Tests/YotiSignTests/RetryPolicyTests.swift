import Foundation
import Testing

@testable import YotiSign
@testable import YotiSignModels

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test("delays double from the base delay up to the cap")
    func exponential() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maximumDelay: .milliseconds(500), jitter: RetryPolicy.noJitter)
        #expect((1...5).map { policy.delay(beforeRetry: $0) } == [100, 200, 400, 500, 500].map { Duration.milliseconds($0) })
        #expect(policy.delay(beforeRetry: 200) == .milliseconds(500))
    }

    @Test("Retry-After wins, capped at the maximum delay")
    func retryAfter() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maximumDelay: .seconds(10), jitter: RetryPolicy.noJitter)
        #expect(policy.delay(beforeRetry: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(beforeRetry: 1, retryAfter: .seconds(60)) == .seconds(10))
    }

    @Test("equal jitter stays between half and all of the delay", arguments: 1...50)
    func jitterBounds(_ seed: Int) {
        let delay = Duration.milliseconds(100 * seed)
        let jittered = RetryPolicy.equalJitter(delay)
        #expect(jittered >= delay / 2 && jittered <= delay)
    }

    @Test("an injected jitter is applied and clamped")
    func injectedJitter() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maximumDelay: .seconds(1), jitter: { $0 * 100 })
        #expect(policy.delay(beforeRetry: 1) == .seconds(1))
    }

    @Test("429 and 5xx are retryable; other statuses are not", arguments: [200, 202, 400, 401, 403, 404, 413, 422, 429, 500, 502, 503, 599])
    func retryableStatuses(_ status: Int) {
        #expect(RetryPolicy.isRetryable(status: status) == (status == 429 || status >= 500))
    }

    @Test("a create is retried on 429 only; a read on 429 and 5xx", arguments: [200, 400, 404, 422, 429, 500, 502, 503])
    func retryableByIdempotency(_ status: Int) {
        #expect(RetryPolicy.isRetryable(status: status, idempotent: false) == (status == 429))
        #expect(RetryPolicy.isRetryable(status: status, idempotent: true) == RetryPolicy.isRetryable(status: status))
    }

    @Test("Retry-After: delta-seconds and the three HTTP-date forms, measured from now")
    func retryAfterForms() {
        let now = Date(timeIntervalSince1970: 1_792_567_680)  // Wed, 21 Oct 2026 07:28:00 GMT
        #expect(RetryPolicy.retryAfter("120", now: now) == .seconds(120))
        #expect(RetryPolicy.retryAfter(" 0 ", now: now) == .zero)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2026 07:28:05 GMT", now: now) == .seconds(5))
        #expect(RetryPolicy.retryAfter("Wednesday, 21-Oct-26 07:28:07 GMT", now: now) == .seconds(7))
        #expect(RetryPolicy.retryAfter("Wed Oct 21 07:28:09 2026", now: now) == .seconds(9))
        #expect(RetryPolicy.retryAfter("Tue, 20 Oct 2026 07:28:00 GMT", now: now) == .zero, "a date in the past: no wait")
        #expect(RetryPolicy.retryAfter("soon", now: now) == nil)
        #expect(RetryPolicy.retryAfter("-5", now: now) == nil)
    }

    @Test("at least one attempt")
    func atLeastOneAttempt() {
        #expect(RetryPolicy(maximumAttempts: 0).maximumAttempts == 1)
        #expect(RetryPolicy.none.maximumAttempts == 1)
    }
}
