import Synchronization

/// One blocking call run as a batch of one (``BlockingRun``): off the concurrency pool, and told
/// through the flag it is given when its task is cancelled, so that it stops at its next step
/// (a preview between pages).
final class OffloadedCall<Value: Sendable>: BlockingRun {
    private let body: @Sendable (_ isCancelled: @escaping @Sendable () -> Bool) -> Value
    private let cancelled = Atomic<Bool>(false)

    init(_ body: @escaping @Sendable (_ isCancelled: @escaping @Sendable () -> Bool) -> Value) {
        self.body = body
    }

    func run() -> [Value?] {
        [body { [self] in isCancelled }]
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}
