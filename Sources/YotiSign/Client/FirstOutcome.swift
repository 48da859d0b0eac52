import Synchronization

/// Resumes a continuation with whichever outcome arrives first (an answer, a timeout, a
/// cancellation) and ignores the rest; then runs the clean-ups registered with `onFinish`.
final class FirstOutcome<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var early: Result<Value, any Error>?
        var finished = false
        var cleanups: [@Sendable () -> Void] = []
    }

    private let state = Mutex(State())

    /// Hands over the continuation; an outcome that arrived before it resumes it at once.
    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        let early: Result<Value, any Error>? = state.withLock { s in
            if let early = s.early { return early }
            s.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// Runs `cleanup` when the outcome is decided (at once if it already is).
    func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
        let now = state.withLock { s in
            if s.finished { return true }
            s.cleanups.append(cleanup)
            return false
        }
        if now { cleanup() }
    }

    func resume(with result: Result<Value, any Error>) {
        let (continuation, cleanups): (CheckedContinuation<Value, any Error>?, [@Sendable () -> Void]) = state.withLock { s in
            guard !s.finished else { return (nil, []) }
            s.finished = true
            defer { s.cleanups = [] }
            if let continuation = s.continuation {
                s.continuation = nil
                return (continuation, s.cleanups)
            }
            s.early = result
            return (nil, s.cleanups)
        }
        continuation?.resume(with: result)
        for cleanup in cleanups { cleanup() }
    }
}
