import Foundation
import Synchronization

/// The admission control of the service: `capacity` requests scan at once and up to `queueSize`
/// more wait, first come first served; beyond that a request is refused at once (429), so a
/// burst costs the replica a bounded amount of memory and the load balancer can send the
/// request elsewhere.
final class WorkerSlots: Sendable {
    struct Full: Error {}

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var busy = 0
        var waiting: [Waiter] = []
        var nextID: UInt64 = 0
    }

    let capacity: Int
    let queueSize: Int
    private let state = Mutex(State())
    private let onDepthChange: @Sendable (Int) -> Void

    init(capacity: Int, queueSize: Int, onDepthChange: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.capacity = max(1, capacity)
        self.queueSize = max(0, queueSize)
        self.onDepthChange = onDepthChange
    }

    /// Requests waiting for a slot.
    var queueDepth: Int { state.withLock { $0.waiting.count } }

    /// Whether one more request would be admitted (scanned or queued) now.
    var hasRoom: Bool { state.withLock { $0.busy < capacity || $0.waiting.count < queueSize } }

    /// Runs `body` in a slot, waiting for one when all are busy.
    /// - Throws: ``Full`` when every slot is busy and the queue is full; `CancellationError`
    ///   when the task is cancelled while waiting.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        enum Decision { case run, full, wait(UInt64) }
        let decision: Decision = state.withLock { s in
            if s.busy < capacity {
                s.busy += 1
                return .run
            }
            guard s.waiting.count < queueSize else { return .full }
            s.nextID += 1
            return .wait(s.nextID)
        }
        switch decision {
        case .run: return
        case .full: throw Full()
        case .wait(let id):
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let depth: Int? = state.withLock { s in
                        if Task.isCancelled { return nil }
                        s.waiting.append(Waiter(id: id, continuation: continuation))
                        return s.waiting.count
                    }
                    if let depth { onDepthChange(depth) } else { continuation.resume(throwing: CancellationError()) }
                }
            } onCancel: {
                let removed: (Waiter, Int)? = state.withLock { s in
                    guard let index = s.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                    return (s.waiting.remove(at: index), s.waiting.count)
                }
                if let (waiter, depth) = removed {
                    onDepthChange(depth)
                    waiter.continuation.resume(throwing: CancellationError())
                }
            }
        }
    }

    /// Hands the slot to the longest waiter, or frees it.
    private func release() {
        let handed: (Waiter, Int)? = state.withLock { s in
            guard !s.waiting.isEmpty else {
                s.busy -= 1
                return nil
            }
            return (s.waiting.removeFirst(), s.waiting.count)
        }
        if let (waiter, depth) = handed {
            onDepthChange(depth)
            waiter.continuation.resume()
        }
    }
}
