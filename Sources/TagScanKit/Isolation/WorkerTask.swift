import Foundation

/// What a batch in worker processes does with one document: the request sent for it, what the
/// answer becomes, and what a failure becomes (a worker that overran, died or could not start).
/// Scanning (``ScanTask``) and rendering (``InkTask``) go through the same ``IsolatedRun``, so
/// both live under the same time limit and memory cap.
protocol WorkerTask: Sendable {
    associatedtype Output: Sendable
    var source: DocumentSource { get }
    /// What the worker does, as a timeout names it ("the scan took longer than …").
    var activity: String { get }
    /// The request for this task as item `id` of its batch.
    func request(id: Int, options: ScanOptions) -> WorkerRequest
    /// The output of the worker's answer, nil when the answer is not one to this task's request.
    /// `stderr` is what the worker wrote there meanwhile.
    func output(of response: WorkerResponse, stderr: BoundedLines) -> Output?
    /// The output for a task that got no answer.
    func failed(_ error: DocumentError) -> Output
}

/// Scanning one document in a worker.
struct ScanTask: WorkerTask {
    var source: DocumentSource
    var activity: String { "scan" }

    func request(id: Int, options: ScanOptions) -> WorkerRequest {
        WorkerRequest(id: id, source: source, options: options)
    }

    func output(of response: WorkerResponse, stderr: BoundedLines) -> DocumentResult? {
        guard var result = response.result else { return nil }
        if let diagnostic = WorkerFailure.stderrDiagnostic(stderr) { result.diagnostics.append(diagnostic) }
        // An allocation that failed and was survived leaves a page short of content.
        if result.status == .ok, stderr.reportsOutOfMemory, !result.diagnostics.contains(where: { $0.rule == PageDrawWatch.rule }) {
            result.diagnostics.append(PageDrawWatch.outOfMemory(stderr.lines))
        }
        return result
    }

    func failed(_ error: DocumentError) -> DocumentResult {
        .failed(path: source.displayPath, fileName: source.fileName, fileSize: source.byteCount, error)
    }
}

/// Measuring the ink of a document's anchors (``AnchorVisibility``) in a worker: rendering runs
/// cairo and every image decoder on the page, as costly as any scan.
struct InkTask: WorkerTask {
    var source: DocumentSource
    var probes: [AnchorVisibility.Probe]
    var activity: String { "rendering" }

    func request(id: Int, options: ScanOptions) -> WorkerRequest {
        var request = WorkerRequest(id: id, source: source, options: options)
        request.ink = probes
        return request
    }

    func output(of response: WorkerResponse, stderr: BoundedLines) -> Result<[Double?], DocumentError>? {
        guard let ink = response.ink, ink.count == probes.count else { return nil }
        return .success(ink)
    }

    func failed(_ error: DocumentError) -> Result<[Double?], DocumentError> { .failure(error) }
}
