import Synchronization

/// Results that finish in any order, passed on in input order: each goes to `onResult` once every
/// one before it has, and never while a lock is held, so a slow callback (a reporter writing a
/// long document) blocks no worker that is finishing another. One finisher at a time delivers
/// what is ready; the others only store theirs, and the deliverer picks them up.
final class OrderedResults<Output: Sendable>: Sendable {
    private struct State {
        var results: [Output?]
        var nextToEmit = 0
        /// A finisher is calling `onResult`; others leave what they finish to it.
        var delivering = false
    }

    private let state: Mutex<State>
    private let onResult: (@Sendable (Int, Output) -> Void)?

    init(count: Int, onResult: (@Sendable (Int, Output) -> Void)?) {
        state = Mutex(State(results: Array(repeating: nil, count: count)))
        self.onResult = onResult
    }

    /// Stores result `index` and delivers whatever is ready in order, unless another finisher is
    /// delivering already.
    func finish(_ index: Int, with output: Output) {
        var ready = state.withLock { s -> [(Int, Output)] in
            s.results[index] = output
            return s.delivering ? [] : Self.takeReady(&s)
        }
        while !ready.isEmpty {
            for (index, output) in ready { onResult?(index, output) }
            ready = state.withLock { Self.takeReady(&$0) }
        }
    }

    /// Every result so far, in input order (nil where none came).
    var all: [Output?] { state.withLock { $0.results } }

    /// The results ready to go in order; makes the caller the deliverer when there are any.
    private static func takeReady(_ s: inout State) -> [(Int, Output)] {
        var ready: [(Int, Output)] = []
        while s.nextToEmit < s.results.count, let output = s.results[s.nextToEmit] {
            ready.append((s.nextToEmit, output))
            s.nextToEmit += 1
        }
        s.delivering = !ready.isEmpty
        return ready
    }
}
