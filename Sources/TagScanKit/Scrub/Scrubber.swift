import Foundation

/// Removes anchors from PDFs for real: the glyphs of each anchor the scan found are taken out of
/// the content streams (pages and the Form XObjects they draw), every other glyph stays where it
/// was, and the result is proven (``ScrubProof``) before it is handed back.
///
/// qpdf rewrites the streams; poppler tells which operator and bytes drew each anchor glyph and
/// checks the result. A document that cannot be scrubbed safely, or whose proof fails, is a
/// result without output, never a thrown error.
public struct Scrubber: Sendable {
    public var options: ScrubOptions

    public init(options: ScrubOptions = ScrubOptions()) {
        self.options = options
    }

    /// Scrubs one document.
    ///
    /// - Throws: `CancellationError` only.
    public func scrub(_ source: DocumentSource) async throws -> ScrubResult {
        var scanOptions = options.scan
        scanOptions.isolation = nil
        let scanner = Scanner(options: scanOptions)
        let original = try await scanner.scan(source)
        let data: Data
        switch source {
        case .data(let bytes, _): data = bytes
        case .file(let path):
            guard let bytes = FileManager.default.contents(atPath: path) else {
                return ScrubResult(path: source.displayPath, fileName: source.fileName, status: .failed, scan: original)
            }
            data = bytes
        }
        guard original.status == .ok else {
            return ScrubResult(path: original.path, fileName: original.fileName, status: .failed, scan: original)
        }
        let options = self.options
        let directives = original.directives ?? []
        let targets = original.anchors.filter { options.removes($0) } + directives.compactMap(Anchor.init(directive:))
        guard !targets.isEmpty else {
            let unseen = await Self.offPool { ScrubPlan.annotationAnchors(data: data, password: options.scan.password) }
            guard !unseen.isEmpty else {
                return ScrubResult(path: original.path, fileName: original.fileName, status: .unchanged, scan: original, output: data)
            }
            let diagnostics = unseen.map {
                DiagnosticCatalog.anchorUnremovable.diagnostic(
                    page: $0.pageNumber, "\($0.text) cannot be removed safely: it is drawn by an annotation's appearance stream, not the page's content",
                    anchor: $0.text, box: $0.box)
            }
            return ScrubResult(
                path: original.path, fileName: original.fileName, status: options.keepUnremovable ? .unchanged : .refused, scan: original,
                anchorsKept: unseen, diagnostics: diagnostics, output: options.keepUnremovable ? data : nil)
        }

        let plan = await Self.offPool { ScrubPlan.make(data: data, targets: targets, options: options) }
        var result = ScrubResult(
            path: original.path, fileName: original.fileName, status: .refused, scan: original,
            anchorsRemoved: plan.removed.filter { !$0.isDirective }, anchorsKept: plan.kept.filter { !$0.isDirective }, diagnostics: plan.diagnostics)
        func among(_ anchors: [Anchor]) -> [TemplateDirective] {
            directives.filter { d in anchors.contains { $0.isDirective && $0.pageNumber == d.pageNumber && $0.text == d.text } }
        }
        result.directivesRemoved = among(plan.removed)
        result.directivesKept = among(plan.kept)
        guard let output = plan.output, plan.kept.isEmpty || options.keepUnremovable else {
            if plan.output == nil, plan.kept.isEmpty { result.status = .failed }
            return result
        }

        try Task.checkCancellation()
        let fileName = source.fileName
        let proof = await Self.offPool {
            ScrubVerifier(original: data, scrubbed: output, fileName: fileName, plan: plan, originalScan: original, options: options).prove()
        }
        result.proof = proof
        guard proof.passed else {
            result.status = .proofFailed
            if !proof.samePageSizes {
                result.diagnostics.append(
                    DiagnosticCatalog.scrubProofFailed.diagnostic(page: nil, "the scrubbed file's pages are not the original's pages and sizes"))
            }
            for page in proof.pages where !page.passed {
                result.diagnostics.append(DiagnosticCatalog.scrubProofFailed.diagnostic(page: page.pageNumber, page.failures.joined(separator: "; ")))
            }
            return result
        }
        result.status = .scrubbed
        result.output = output
        return result
    }

    /// Scrubs documents one after the other, in input order.
    public func scrub(_ sources: [DocumentSource]) async throws -> [ScrubResult] {
        var results: [ScrubResult] = []
        for source in sources {
            try Task.checkCancellation()
            results.append(try await scrub(source))
        }
        return results
    }

    /// Runs poppler and qpdf work on a GCD thread, so it never holds one of the concurrency
    /// pool's threads.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
