import Testing

@testable import YotiSign

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

    @Test("at least one attempt")
    func atLeastOneAttempt() {
        #expect(RetryPolicy(maximumAttempts: 0).maximumAttempts == 1)
        #expect(RetryPolicy.none.maximumAttempts == 1)
    }
}
