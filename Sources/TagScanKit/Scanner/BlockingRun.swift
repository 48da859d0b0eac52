import Foundation

/// A batch scan that runs to completion on the thread that calls ``run()``: ``BatchRun`` (worker
/// threads) or ``IsolatedRun`` (worker processes).
protocol BlockingRun: Sendable {
    /// Results in input order, nil for documents skipped because of cancellation.
    func run() -> [DocumentResult?]
    func cancel()
    var isCancelled: Bool { get }
}

extension BlockingRun {
    /// ``run()`` on a GCD thread, so that the scan never holds one of the concurrency pool's
    /// threads; cancelling the calling task cancels the run.
    ///
    /// - Throws: `CancellationError` when the task or the run was cancelled.
    func results() async throws -> [DocumentResult?] {
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
