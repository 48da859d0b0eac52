import ArgumentParser
import Foundation
import TagScanKit

struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render pages with each placed field drawn over them, as PNG images or an HTML report.",
        discussion: """
            Each field is a semi-transparent box in its recipient's colour, labelled with role and \
            type; the anchor's own box is outlined thinly; clamped or overlapping fields and other \
            lint findings are outlined in red with their rule id (the rules of tagscan lint; \
            --no-lint marks only what the scan itself reports).

            PNG pages are written as <file-stem>-p<N>.png with a legend strip under the page; \
            --format html writes one self-contained <file-stem>.html per document. The paths \
            written are printed on standard output.

            Exit codes: 0 written; 2 some input could not be read or rendered, or a file could not be written; 64 usage error (a --pages list that matches no page of a document included).
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case png
        case html
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Folder to write into (created if missing).")
    var out: String = "preview"

    @Option(help: "Resolution of the rendered pages in dots per inch (18–600).")
    var dpi: Double = 96

    @Option(
        help: "Pages to render: tagged (pages with anchors or diagnostics), all, or a list like 1,3-5 (default: tagged).",
        transform: { text in
            do { return try PageSelection(parsing: text) } catch { throw ValidationError(String(describing: error)) }
        })
    var pages: PageSelection = .tagged

    @Option(help: "png (one image per page) or html (one report per document).")
    var format: Format = .png

    @Flag(help: "Mark only the scan's own diagnostics, without running the lint rules.")
    var noLint = false

    @Option(name: .customLong("disable"), help: ArgumentHelp("Turn a lint rule off (repeatable; or a comma-separated list).", valueName: "rule"))
    var disabled: [String] = []

    var disabledRules: Set<String> {
        Set(disabled.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    /// `--disable` plus the configuration file's `disabled_rules`, as `tagscan lint` turns off.
    var lintDisabledRules: Set<String> {
        // InputOptions.validate() has already refused a configuration that does not load.
        disabledRules.union((try? input.loadConfig())?.disabledRules ?? [])
    }

    func validate() throws {
        let unknown = LintRules.unknown(disabledRules)
        if !unknown.isEmpty {
            throw ValidationError("unknown rule\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) (tagscan lint --list-rules lists them)")
        }
        guard PreviewOptions.dpiRange.contains(dpi) else {
            throw ValidationError("--dpi must be between \(Int(PreviewOptions.dpiRange.lowerBound)) and \(Int(PreviewOptions.dpiRange.upperBound))")
        }
    }

    func run() async throws {
        let feedback = RunFeedback(PathExpansion(input.paths), quiet: input.reading.quiet)
        let envelopes = Linter.envelopes(feedback.expansion, foldersAsEnvelopes: false)
        let sources = envelopes.flatMap(\.sources)
        let scanOptions = input.scanOptions
        // Linted documents carry the lint findings (the scan's own diagnostics included) as their
        // diagnostics, so the previews mark both.
        let report: ScanReport
        do {
            report =
                noLint
                ? try await Scanner(options: scanOptions).scan(sources) { _, document in feedback.finished(document) }
                : try await Linter(options: LintOptions(scan: scanOptions, disabledRules: lintDisabledRules))
                    .lint(envelopes) { _, document in feedback.finished(document) }.scanReport
        } catch {
            feedback.end()
            throw error
        }
        feedback.end()
        if let totals = feedback.skippedTotals(report.documents) {
            FileHandle.standardError.write(Data("tagscan preview: \(totals)\n".utf8))
        }

        // A list of pages that selects nothing in a document is a mistake on the command line:
        // say so before writing anything, rather than write nothing and succeed.
        var unmatched: [String] = []
        if case .numbers = pages {
            for document in report.documents where document.status == .ok && pages.pageNumbers(in: document).isEmpty {
                unmatched.append("\(document.path): --pages \(pages) matches no page (it has \(document.pageCount) page\(document.pageCount == 1 ? "" : "s"))")
            }
        }
        if !unmatched.isEmpty {
            for line in unmatched { FileHandle.standardError.write(Data("tagscan: \(line)\n".utf8)) }
            throw ExitCode(64)
        }

        let folder = URL(fileURLWithPath: out, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create the output folder \(out): \(error.localizedDescription)")
        }

        let options = PreviewOptions(dpi: dpi, drawsLegend: format == .png, palette: RecipientPalette(results: report.documents))
        let stems = Self.uniqueStems(for: report.documents)
        let jobs = PreviewJob.Settings(
            folder: folder, displayFolder: out, format: format, pages: pages, options: options, password: scanOptions.password,
            isolation: scanOptions.isolation)
        let outcomes = await withTaskGroup(of: (Int, PreviewJob.Outcome).self) { group in
            var outcomes = [PreviewJob.Outcome?](repeating: nil, count: report.documents.count)
            var next = 0
            func startNext() {
                guard next < report.documents.count else { return }
                let index = next
                let job = PreviewJob(source: sources[index], result: report.documents[index], stem: stems[index], settings: jobs)
                group.addTask { (index, job.run()) }
                next += 1
            }
            for _ in 0..<min(scanOptions.jobs, report.documents.count) { startNext() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                startNext()
            }
            return outcomes.compactMap { $0 }
        }

        var failed = false
        for outcome in outcomes {
            for message in outcome.messages { FileHandle.standardError.write(Data("tagscan: \(message)\n".utf8)) }
            for path in outcome.written { print(path) }
            failed = failed || outcome.failed
        }
        if failed { throw ExitCode(2) }
    }

    /// File stems for the output names; a stem already taken in this run gets `-2`, `-3`, …
    static func uniqueStems(for documents: [DocumentResult]) -> [String] {
        var taken = Set<String>()
        return documents.map { document in
            var stem = (document.fileName as NSString).deletingPathExtension
            if stem.isEmpty { stem = "document" }
            var candidate = stem
            var counter = 2
            while !taken.insert(candidate).inserted {
                candidate = "\(stem)-\(counter)"
                counter += 1
            }
            return candidate
        }
    }
}

/// Renders one document's previews and writes them; runs on one task, pages one at a time.
private struct PreviewJob: Sendable {
    struct Settings: Sendable {
        var folder: URL
        /// The folder as given, for the paths printed.
        var displayFolder: String
        var format: PreviewCommand.Format
        var pages: PageSelection
        var options: PreviewOptions
        var password: String?
        /// Worker processes draw the pages when the scan ran in them, under the same limits.
        var isolation: IsolationOptions?
    }

    struct Outcome: Sendable {
        var written: [String] = []
        var messages: [String] = []
        var failed = false
    }

    var source: DocumentSource
    var result: DocumentResult
    var stem: String
    var settings: Settings

    func run() -> Outcome {
        var outcome = Outcome()
        if result.status == .error {
            outcome.failed = true
            outcome.messages.append(
                "\(result.path): \(result.error?.message(withoutPath: result.path) ?? "could not be read") [\(result.error?.code.rawValue ?? "error")]")
        }
        for missing in settings.pages.missingPages(in: result) where result.status == .ok {
            let pages = missing.count == 1 ? "page \(missing.lowerBound)" : "pages \(missing.lowerBound)-\(missing.upperBound)"
            outcome.messages.append("\(result.path): has \(result.pageCount) page\(result.pageCount == 1 ? "" : "s"); skipping \(pages)")
        }
        if result.status == .ok, settings.pages == .tagged, settings.pages.pageNumbers(in: result).isEmpty {
            outcome.messages.append("\(result.path): no page carries an anchor; use --pages all to render it anyway")
        }

        var previews: [PagePreview] = []
        if result.status == .ok {
            let drawn: Result<[PagePreview], PreviewError>
            if let isolation = settings.isolation {
                drawn = IsolatedPreview.renderPages(
                    source: source, password: settings.password, pages: settings.pages, result: result, options: settings.options,
                    isolation: isolation)
            } else {
                drawn = Result { () throws(PreviewError) in
                    try PreviewRenderer.renderPages(
                        source: source, password: settings.password, pages: settings.pages, result: result, options: settings.options)
                }
            }
            switch drawn {
            case .success(let pages):
                previews = pages
            case .failure(.document(let error)):
                outcome.failed = true
                outcome.messages.append("\(result.path): \(error.message(withoutPath: result.path)) [\(error.code.rawValue)]")
            case .failure(let error):
                outcome.failed = true
                outcome.messages.append("\(result.path): \(error.description)")
            }
        }

        switch settings.format {
        case .png:
            for preview in previews {
                write(preview.png, name: "\(stem)-p\(preview.pageNumber).png", into: &outcome)
            }
        case .html:
            let html = PreviewHTMLReport.document(result, pages: previews, palette: settings.options.palette)
            write(Data(html.utf8), name: "\(stem).html", into: &outcome)
        }
        return outcome
    }

    private func write(_ data: Data, name: String, into outcome: inout Outcome) {
        let url = settings.folder.appendingPathComponent(name)
        do {
            try OutputFile.write(data, to: url.path)
            outcome.written.append((settings.displayFolder as NSString).appendingPathComponent(name))
        } catch {
            outcome.failed = true
            outcome.messages.append(error.description)
        }
    }
}
