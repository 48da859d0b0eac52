import Synchronization

/// The checks a finished in-process scan gets before anyone sees its results: pages that draw
/// glyphs without characters (``HostileTextCheck``). Each document is checked once, whether its
/// result is streamed, returned, or both.
final class HostileChecks: Sendable {
    private let sources: [DocumentSource]
    private let password: String?
    private let checked = Mutex<[Int: DocumentResult]>([:])

    init(sources: [DocumentSource], options: ScanOptions) {
        self.sources = sources
        self.password = options.password
    }

    /// `onDocument`, called with checked results.
    func wrapping(_ onDocument: (@Sendable (Int, DocumentResult) -> Void)?) -> (@Sendable (Int, DocumentResult) -> Void)? {
        guard let onDocument else { return nil }
        return { @Sendable index, result in onDocument(index, self.apply(index, result)) }
    }

    /// The checked result of document `index`.
    func apply(_ index: Int, _ result: DocumentResult) -> DocumentResult {
        if let done = checked.withLock({ $0[index] }) { return done }
        let done = HostileTextCheck.apply(to: result, source: sources[index], password: password)
        checked.withLock { $0[index] = done }
        return done
    }
}
