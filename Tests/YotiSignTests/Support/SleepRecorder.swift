import Foundation

@testable import YotiSign

/// Records the back-off delays a client asks for, and really sleeps them (they are milliseconds).
/// `@unchecked Sendable`: `delays` is only touched under `lock`.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []

    var delays: [Duration] {
        lock.withLock { recorded }
    }

    func sleep(_ duration: Duration) async throws {
        lock.withLock { recorded.append(duration) }
        try await Task.sleep(for: duration)
    }

    /// Four attempts, 5 ms doubling to at most 50 ms, no jitter, recorded here.
    func policy(maximumAttempts: Int = 4) -> RetryPolicy {
        RetryPolicy(
            maximumAttempts: maximumAttempts, baseDelay: .milliseconds(5), maximumDelay: .milliseconds(50),
            jitter: RetryPolicy.noJitter, sleep: { try await self.sleep($0) }
        )
    }
}
