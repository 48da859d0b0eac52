import Foundation

/// Checks templates against the rules Yoti applies (and the layout hazards it does not report)
/// before they are sent.
///
/// ```swift
/// let linter = Linter(options: LintOptions(disabledRules: ["visible-anchor"]))
/// let report = try await linter.lint(paths: ["templates/"])
/// FileHandle.standardOutput.write(LintFormat.text.render(report))
/// exit(report.exitCode(failingAt: .error))
/// ```
///
/// `lint(paths:)` scans, renders non-white anchors to tell invisible text from visible text, and
/// runs the rules; `lint(_:)` runs the rules alone over documents already scanned.
public struct Linter: Sendable {
    public var options: LintOptions
    /// The rules run (minus `options.disabledRules`): all of them, but in tests of one rule.
    var rules: [any LintRule.Type]
    /// Worker processes kept between scans by a long-running host (see ``Scanner/workerPool``).
    public var workerPool: WorkerPool?

    public init(options: LintOptions = LintOptions(), workerPool: WorkerPool? = nil) {
        self.init(options: options, rules: LintRules.all, workerPool: workerPool)
    }

    init(options: LintOptions, rules: [any LintRule.Type], workerPool: WorkerPool? = nil) {
        self.options = options
        self.rules = rules
        self.workerPool = workerPool
    }

    /// The documents of one envelope, before scanning.
    public struct EnvelopeSources: Sendable, Hashable {
        /// The folder the envelope was made from, or the single document's path.
        public var path: String
        public var sources: [DocumentSource]

        public init(path: String, sources: [DocumentSource]) {
            self.path = path
            self.sources = sources
        }
    }

    /// Groups command-line paths into envelopes: with `foldersAsEnvelopes`, each folder given is one
    /// envelope of its `*.pdf` files (recursively, sorted); every other document is an envelope of
    /// its own. A folder without a PDF is a document of its own that fails with `not-found`.
    public static func envelopes(paths: [String], foldersAsEnvelopes: Bool) -> [EnvelopeSources] {
        envelopes(PathExpansion(paths), foldersAsEnvelopes: foldersAsEnvelopes)
    }

    /// ``envelopes(paths:foldersAsEnvelopes:)`` for paths already expanded.
    public static func envelopes(_ expansion: PathExpansion, foldersAsEnvelopes: Bool) -> [EnvelopeSources] {
        var out: [EnvelopeSources] = []
        for entry in expansion.entries {
            if foldersAsEnvelopes && entry.isFolder {
                if !entry.sources.isEmpty { out.append(EnvelopeSources(path: entry.argument, sources: entry.sources)) }
            } else {
                out += entry.sources.map { EnvelopeSources(path: $0.displayPath, sources: [$0]) }
            }
        }
        return out
    }

    /// Scans, renders and lints files and folders (`-` reads standard input).
    public func lint(paths: [String], foldersAsEnvelopes: Bool = false) async throws -> LintReport {
        try await lint(Self.envelopes(paths: paths, foldersAsEnvelopes: foldersAsEnvelopes))
    }

    /// Scans, renders and lints envelopes of documents.
    /// `onScanned` is called in input order as each document's scan is done (before the rules
    /// run), for progress reporting.
    public func lint(_ envelopes: [EnvelopeSources], onScanned: (@Sendable (Int, DocumentResult) -> Void)? = nil) async throws -> LintReport {
        let sources = envelopes.flatMap(\.sources)
        let scanned = try await Scanner(options: options.scan, workerPool: workerPool).scan(sources, onDocument: onScanned).documents
        let ink = try await renderInk(sources: sources, results: scanned)
        var next = 0
        var lintEnvelopes: [LintEnvelope] = []
        for envelope in envelopes {
            let documents = (next..<next + envelope.sources.count).map { index in
                switch ink[index] {
                case .failure(let error)?:
                    // The render overran or killed its worker: the document could not be checked.
                    let result = scanned[index]
                    return LintDocument(result: .failed(path: result.path, fileName: result.fileName, fileSize: result.fileSize, error), anchorInk: nil)
                case .success(let perAnchor)?: return LintDocument(result: scanned[index], anchorInk: perAnchor)
                case nil: return LintDocument(result: scanned[index], anchorInk: nil)
                }
            }
            next += envelope.sources.count
            lintEnvelopes.append(LintEnvelope(path: envelope.path, documents: documents))
        }
        return lint(lintEnvelopes)
    }

    /// Runs the rules over scanned envelopes. Each document's scanner diagnostics are replaced by
    /// the findings; scanner diagnostics whose id no rule claims are passed through unchanged.
    public func lint(_ envelopes: [LintEnvelope]) -> LintReport {
        let enabled = rules.filter { !options.disabledRules.contains($0.description.id) }
        let claimed = Set(rules.map { $0.description.id })
        var documents: [DocumentResult] = []
        var unclaimed: [String: Diagnostic] = [:]

        for envelope in envelopes {
            var findings = [[Diagnostic]](repeating: [], count: envelope.documents.count)
            for rule in enabled {
                for finding in rule.check(envelope, options: options) where findings.indices.contains(finding.document) {
                    findings[finding.document].append(finding.diagnostic)
                }
            }
            for (index, document) in envelope.documents.enumerated() {
                for diagnostic in document.result.diagnostics where !claimed.contains(diagnostic.rule) && !options.disabledRules.contains(diagnostic.rule) {
                    findings[index].append(diagnostic)
                    if unclaimed[diagnostic.rule] == nil { unclaimed[diagnostic.rule] = diagnostic }
                }
                let disabledHere = document.disabledRules
                var result = document.result
                result.diagnostics = findings[index]
                    .filter { !disabledHere.contains($0.rule) }
                    .map { diagnostic in
                        var diagnostic = diagnostic
                        if let severity = options.severityOverrides[diagnostic.rule] { diagnostic.severity = severity }
                        return diagnostic
                    }
                    .enumerated()
                    .sorted { ($0.element.pageNumber ?? 0, $0.element.rule, $0.offset) < ($1.element.pageNumber ?? 0, $1.element.rule, $1.offset) }
                    .map(\.element)
                documents.append(result)
            }
        }

        var descriptions = enabled.map { rule in
            var description = rule.description
            if let severity = options.severityOverrides[description.id] { description.severity = severity }
            return description
        }
        descriptions += unclaimed.values.map { diagnostic in
            // Every id the scanner reports has a catalog entry; one that does not (a caller's own
            // diagnostic) is described as what it is.
            var description =
                DiagnosticCatalog.entry(id: diagnostic.rule)
                ?? RuleDescription(
                    id: diagnostic.rule, severity: diagnostic.severity, summary: "Reported by the scanner.",
                    details: "A diagnostic with no entry in tagscan's catalog.", reportedByScanner: true, triggeringFixture: "", cleanFixture: "")
            if let severity = options.severityOverrides[diagnostic.rule] { description.severity = severity }
            return description
        }
        return LintReport(documents: documents, rules: descriptions.sorted { $0.id < $1.id })
    }

    /// Renders the anchors `visible-anchor` needs to see: readable documents' anchors that are not
    /// invisible text (white ones too: on a shaded cell white text shows), unless the rule is off.
    /// Each document's ink per anchor, or the error its render ended in; rendered the way the scan
    /// ran (``AnchorInkRun``: threads here, or worker processes when isolated).
    ///
    /// - Throws: `CancellationError` when the task is cancelled; the rendering stops with it.
    private func renderInk(sources: [DocumentSource], results: [DocumentResult]) async throws -> [Result<[Double?], DocumentError>?] {
        let id = VisibleAnchorRule.description.id
        let wanted = options.rendersAnchors && !options.disabledRules.contains(id) && rules.contains { $0.description.id == id }
        var work: [(index: Int, item: AnchorInkRun.Item, anchors: [Int])] = []
        if wanted {
            for (index, result) in results.enumerated() where result.status == .ok && index < sources.count {
                if (result.directives ?? []).contains(where: { $0.disabledRules.contains(id) }) { continue }
                let anchors = result.anchors.indices.filter { i in
                    let anchor = result.anchors[i]
                    return anchor.dialect == .yoti && !(anchor.renderMode.map(VisibleAnchorRule.invisibleRenderModes.contains) ?? false)
                }
                if anchors.isEmpty { continue }
                let probes = anchors.map { AnchorVisibility.Probe(pageNumber: result.anchors[$0].pageNumber, box: result.anchors[$0].box) }
                work.append((index, AnchorInkRun.Item(source: sources[index], probes: probes), anchors))
            }
        }
        var ink = [Result<[Double?], DocumentError>?](repeating: nil, count: results.count)
        guard !work.isEmpty else { return ink }

        let measured = try await AnchorInkRun(items: work.map(\.item), options: options.scan, pool: workerPool).results()
        for (entry, outcome) in zip(work, measured) {
            ink[entry.index] = outcome.map { outcome in
                outcome.map { coverage in
                    var perAnchor = [Double?](repeating: nil, count: results[entry.index].anchors.count)
                    for (anchor, value) in zip(entry.anchors, coverage) { perAnchor[anchor] = value }
                    return perAnchor
                }
            }
        }
        return ink
    }
}
