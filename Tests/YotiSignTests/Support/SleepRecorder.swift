import Foundation

@testable import YotiSign
@testable import YotiSignModels

/// Records the back-off delays a client asks for, and really sleeps them (they are milliseconds).
/// `@unchecked Sendable`: `delays` is only touched under `lock`.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []

    var delays: [Duration] {
        lock.withLock { recorded }
    }

    /// Whether the delays are slept or only recorded (for waits a server asks in seconds).
    let sleepsForReal: Bool

    init(sleepsForReal: Bool = true) {
        self.sleepsForReal = sleepsForReal
    }

    func sleep(_ duration: Duration) async throws {
        lock.withLock { recorded.append(duration) }
        if sleepsForReal { try await Task.sleep(for: duration) }
    }

    /// Four attempts, 5 ms doubling to at most `maximumDelay`, no jitter, recorded here.
    func policy(
        maximumAttempts: Int = 4, maximumDelay: Duration = .milliseconds(50), now: @escaping @Sendable () -> Date = { Date() }
    ) -> RetryPolicy {
        RetryPolicy(
            maximumAttempts: maximumAttempts, baseDelay: .milliseconds(5), maximumDelay: maximumDelay,
            jitter: RetryPolicy.noJitter, sleep: { try await self.sleep($0) }, now: now
        )
    }
}
