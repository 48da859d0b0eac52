import Foundation

/// A batch that runs to completion on the thread that calls ``run()``: scanning (``BatchRun`` on
/// worker threads) or rendering (``AnchorInkRun``) in this process, either of them in worker
/// processes (``IsolatedRun``), or one call offloaded (``OffloadedCall``). Every one is
/// cancellable, and ``results()`` runs it off the concurrency pool and cancels it with the task.
protocol BlockingRun: Sendable {
    associatedtype Output: Sendable
    /// Results in input order, nil for items skipped because of cancellation.
    func run() -> [Output?]
    func cancel()
    var isCancelled: Bool { get }
}

extension BlockingRun {
    /// ``run()`` on a GCD thread, so that the scan never holds one of the concurrency pool's
    /// threads; cancelling the calling task cancels the run.
    ///
    /// - Throws: `CancellationError` when the task or the run was cancelled.
    func results() async throws -> [Output?] {
        let results = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: run()) }
            }
        } onCancel: {
            cancel()
        }
        try Task.checkCancellation()
        if isCancelled { throw CancellationError() }
        return results
    }
}
