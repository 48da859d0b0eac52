import ArgumentParser
import Foundation
import TagScanKit
import YotiSign

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tagscan submit`: scan templates, join their tags to a recipients file, preflight, and create
/// a Yoti Sign envelope (or print the exact request with `--dry-run`).
///
/// All the logic worth testing (recipients file, join by role, preflight, multipart, HTTP) lives
/// in `YotiSign`; this command only wires it to the scanner and the terminal.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Create a Yoti Sign envelope from the tags found in PDFs and a recipients file.",
        discussion: """
            The recipients file (YAML or JSON) holds `recipients:`, a list whose items use the API's own recipient keys (role, name, email, sign_group, auth_type, …). Tags are joined to recipients by role ("Signer 1"). Beside the list it may give the envelope `name`, an `invitation_message`, `reminders`, and any other top-level option of the API.

                name: NDA for Acme
                invitation_message: Please sign the NDA.
                recipients:
                  - role: Signer 1
                    name: Ada Lovelace
                    email: ada@example.com
                  - role: Signer 2
                    name: Alan Turing
                    email: alan@example.com
                    sign_group: 2

            Tagging modes. By default (coordinate mode) the fields go where tagscan found the anchors: each signer is sent the scanned tags and no "autotagging"; a signer with no field in any document is an error. With --autotagging GENERAL|REAL_ESTATE|ALL Yoti places the fields from the anchors itself: every recipient is sent "tags": [] and the industry type, which must cover the anchors' roles.

            One envelope per submission. Yoti has no idempotency key, so tagscan keeps a ledger (a JSON-lines file, .tagscan-ledger.jsonl beside the documents, or --ledger) keyed by a hash of the files and the options. Re-running the same submission reports the envelope it already has; an earlier attempt whose answer was lost is looked up with Yoti's envelope search first. A create is repeated only when it cannot have reached Yoti (connection refused, DNS or TLS failure before sending, or 429); every retry is logged here. Use --new-envelope to create a second envelope on purpose.

            --scrub uploads copies with the anchors removed (as `tagscan scrub` writes them, proven before upload) and the tags computed from the originals; coordinate mode only, so it cannot be combined with --autotagging, for which Yoti needs the anchors. A file that cannot be scrubbed stops the submission. With --dry-run the request shows the scrubbed bytes.

            The API key is read from \(APIKey.environmentVariable), never from a flag, so it stays out of shell history. --dry-run needs no key: it prints the exact HTTP request with the key redacted (the raw bytes when standard output is not a terminal).

            Exit codes: 0 envelope created, found, or printed; 1 problems found before sending, or the API refused the envelope; 2 some document could not be read, or the request could not be written; 3 the envelope may have been created (the answer was lost and the search did not find it); 64 usage error.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("The recipients file (YAML or JSON).", valueName: "file"))
    var recipients: String

    @OptionGroup var connection: YotiConnectionOptions

    @Flag(help: "Create an embedded envelope (POST /v2/embedded-envelopes) instead of a standard one.")
    var embedded = false

    @Option(
        help: ArgumentHelp(
            "Let Yoti place the fields from the anchors (GENERAL, REAL_ESTATE or ALL) instead of sending tagscan's tags.",
            valueName: "industry"))
    var autotagging: Autotagging?

    @Option(help: ArgumentHelp("The submissions ledger (default: .tagscan-ledger.jsonl beside the documents).", valueName: "file"))
    var ledger: String?

    @Flag(help: "Create a new envelope even if the ledger holds one (or may) for this submission.")
    var newEnvelope = false

    @Flag(help: "Print the exact request, key redacted, instead of sending it.")
    var dryRun = false

    @Flag(help: "Upload copies with the anchors removed (proven as `tagscan scrub` does); coordinate mode only.")
    var scrub = false

    func validate() throws {
        if scrub, autotagging != nil {
            throw ValidationError("--scrub removes the anchors Yoti's --autotagging would place fields from; use one or the other")
        }
        if input.paths.contains("-") {
            throw ValidationError("submit uploads the files it scans, so it cannot read a PDF from standard input")
        }
    }

    func run() async throws {
        let environment = try connection.environment()
        let recipientsFile = try Self.loadRecipientsFile(at: recipients)

        // Scan. Unreadable documents stop the submission: an envelope without them would be wrong.
        let report = try await Scanner(options: input.scanOptions).scan(paths: input.paths)
        if report.documents.isEmpty {
            Self.printError("no PDF files found in \(input.paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        let unreadable = report.documents.filter { $0.status == .error }
        for document in unreadable {
            let error = document.error.map { "\($0.message) [\($0.code.rawValue)]" } ?? "could not be read"
            Self.printError("\(document.path): error: \(error)")
        }
        if !unreadable.isEmpty { throw ExitCode(2) }

        // Anchors the scan could not place would silently lose fields; refuse to send them.
        var blocking = 0
        for document in report.documents {
            for diagnostic in document.diagnostics where diagnostic.severity >= .warning {
                let page = diagnostic.pageNumber.map { ":\($0)" } ?? ""
                Self.printError("\(document.path)\(page): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.rule)]")
                if diagnostic.severity == .error { blocking += 1 }
            }
        }
        if blocking > 0 {
            Self.printError("not sending: \(blocking) error\(blocking == 1 ? "" : "s") in the templates (see `tagscan lint`)")
            throw ExitCode(1)
        }

        // Build the options and the uploads, then preflight everything at once.
        let scanned = report.documents.map { document in
            ScannedDocument(
                fileName: document.fileName, pageCount: document.pageCount,
                recipients: document.recipients.map { .init(role: $0.role, signGroup: $0.signGroup, tags: $0.tags) }
            )
        }
        let draft = recipientsFile.envelopeOptions(
            joining: scanned, defaultName: Self.defaultName(report.documents), autotagging: autotagging)
        var uploads: [DocumentUpload] = []
        for document in report.documents {
            guard var data = FileManager.default.contents(atPath: document.path) else {
                Self.printError("\(document.path): error: cannot read the file to upload it")
                throw ExitCode(2)
            }
            if scrub { data = try await scrubbed(document, bytes: data) }
            uploads.append(DocumentUpload(fileName: document.fileName, bytes: Array(data), pageCount: document.pageCount))
        }
        let kind: EnvelopeKind = embedded ? .embedded : .standard
        let problems = draft.problems + Preflight.check(draft.options, documents: uploads, kind: kind)
        if !problems.isEmpty {
            for problem in problems {
                // Where lint checks the same rule, say so: it finds the problem before sending.
                let lint = DiagnosticCatalog.entry(forPreflight: problem.code).map { " (tagscan lint: \($0.id))" } ?? ""
                Self.printError("\(problem)\(lint)")
            }
            Self.printError("not sending: \(problems.count) problem\(problems.count == 1 ? "" : "s") found before sending")
            throw ExitCode(1)
        }

        let request: EnvelopeRequest
        do {
            request = try EnvelopeRequest.createEnvelope(draft.options, documents: uploads, kind: kind, environment: environment)
        } catch {
            Self.printError("\(error)")
            throw ExitCode(1)
        }

        if dryRun {
            try printDryRun(request, options: draft.options)
            return
        }
        let submission: EnvelopeSubmitter.Submission
        do {
            let key = try SubmissionKey(documents: uploads, options: draft.options, kind: kind, environment: environment)
            submission = .init(request: request, key: key, options: draft.options, kind: kind, files: uploads.map(\.fileName))
        } catch {
            Self.printError("\(error)")
            throw ExitCode(1)
        }
        try await send(submission, environment: environment)
    }

    // MARK: - Steps

    /// The document's bytes without its anchors, proven; the tags stay those of the original,
    /// whose pages and sizes the proof shows unchanged.
    private func scrubbed(_ document: DocumentResult, bytes: Data) async throws -> Data {
        let result = try await Scrubber(options: ScrubOptions(scan: input.scanOptions)).scrub(.data(bytes, fileName: document.fileName))
        guard let output = result.output else {
            for line in result.textReport(writtenTo: nil).split(separator: "\n") {
                Self.printError("\(document.path): \(line.trimmingCharacters(in: .whitespaces))")
            }
            Self.printError("not sending: \(document.path) cannot be scrubbed")
            throw ExitCode(1)
        }
        let glyphs = result.proof?.glyphsRemoved ?? 0
        Self.printError("\(document.path): scrubbed, \(result.anchorsRemoved.count) anchors removed (\(glyphs) glyphs), proof passed")
        return output
    }

    private func printDryRun(_ request: EnvelopeRequest, options: EnvelopeOptions) throws {
        // Through the shared writer, so a request that cannot be written (a full disk) fails.
        let output = try OutputSink(path: nil)
        if isatty(STDOUT_FILENO) == 0 {
            output.write(Data(request.serialized(authorization: .redacted)))
            try output.close()
            return
        }
        // On a terminal the file bytes would garble the screen: show the head and the options.
        var text = request.head(authorization: .redacted).replacingOccurrences(of: "\r\n", with: "\n")
        text += "<\(request.body?.count ?? 0) bytes of multipart body; redirect standard output to a file for the exact bytes>\n"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let json = try? encoder.encode(options) {
            text += "\noptions:\n" + String(decoding: json, as: UTF8.self) + "\n"
        }
        output.write(Data(text.utf8))
        try output.close()
    }

    private func send(_ submission: EnvelopeSubmitter.Submission, environment: YotiSign.Environment) async throws {
        let ledger = ledger.map(SubmissionLedger.init(path:)) ?? SubmissionLedger.besideDocuments(input.paths)
        let outcome = try await connection.withClient { client in
            do {
                return try await EnvelopeSubmitter(client: client, ledger: ledger).submit(submission, allowNewEnvelope: newEnvelope)
            } catch YotiSignError.outcomeUnknown(let request, let reason, let attempts) {
                // Say what to run: the same command again looks the envelope up before creating.
                Self.printError(
                    "\(YotiSignError.outcomeUnknown(request: request, reason: reason, attempts: attempts))\n"
                        + "  Yoti's envelope search did not find it (yet). To find out, run `tagscan envelope list --from \(EnvelopeSearchQuery.day(of: Date()))`,\n"
                        + "  or run this same submit again: it searches before creating, and creates nothing while the outcome is unknown.\n"
                        + "  The attempt is recorded in \(ledger.path).")
                throw ExitCode(3)
            } catch let error as YotiSignError {
                if case .previousOutcomeUnknown = error {
                    Self.printError(
                        "\(error)\n  Check with `tagscan envelope list`; if there is no such envelope, run again with --new-envelope.")
                    throw ExitCode(3)
                }
                throw error
            }
        }
        switch outcome.source {
        case .created:
            Self.printError("created envelope \(outcome.envelopeID) on \(environment)")
        case .ledger:
            Self.printError(
                "this submission already has envelope \(outcome.envelopeID) (recorded in \(ledger.path)); nothing was sent. Use --new-envelope for a second one."
            )
        case .search:
            Self.printError("the answer was lost, but Yoti's envelope search found envelope \(outcome.envelopeID); it is recorded in \(ledger.path)")
            if let others = outcome.otherCandidates {
                Self.printError("warning: other envelopes of the same name were created since: \(others.joined(separator: ", "))")
            }
        }
        if let problem = outcome.ledgerProblem {
            Self.printError("warning: the envelope was created but could not be recorded: \(problem)")
        }
        for recipient in outcome.recipients ?? [] {
            Self.printError("\(recipient.email): \(environment.embeddedSigningURL(token: recipient.token))")
        }
        try stdoutJSON(outcome)
    }

    // MARK: - Helpers

    /// Reads a recipients file (YAML or JSON) through the same line-keeping loader as
    /// `tagscan.yml`, so every problem names its line.
    static func loadRecipientsFile(at path: String) throws -> RecipientsFile {
        do {
            return try RecipientsFileLoader.load(path: path)
        } catch {
            printError("\(error)")
            throw ExitCode(64)
        }
    }

    /// One document: its name without the extension; several: the first "and N more".
    static func defaultName(_ documents: [DocumentResult]) -> String {
        let first = documents.first.map { ($0.fileName as NSString).deletingPathExtension } ?? "Envelope"
        return documents.count > 1 ? "\(first) and \(documents.count - 1) more" : first
    }

    static func printError(_ message: String) {
        stderrLine(message)
    }
}

extension Autotagging: ExpressibleByArgument {
    /// `GENERAL`, `general`, `real-estate`, `REAL_ESTATE`, `all`.
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased().replacingOccurrences(of: "-", with: "_"))
    }
}
