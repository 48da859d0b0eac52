import ArgumentParser
import Foundation
import TagScanKit
import Yams
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

            The API key is read from \(APIKey.environmentVariable), never from a flag, so it stays out of shell history. --dry-run needs no key: it prints the exact HTTP request with the key redacted (the raw bytes when standard output is not a terminal).

            Exit codes: 0 envelope created (or printed); 1 problems found before sending, or the API refused the envelope; 2 some document could not be read, or the request could not be written; 64 usage error.
            """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("The recipients file (YAML or JSON).", valueName: "file"))
    var recipients: String

    @Flag(exclusivity: .exclusive, help: "Which Yoti Sign environment to use (default: --sandbox).")
    var target: Target?

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(
            "Send to another host (a mock server, a proxy); or set \(Self.baseURLVariable).", valueName: "url"
        )
    )
    var baseURL: String?

    @Flag(help: "Create an embedded envelope (POST /v2/embedded-envelopes) instead of a standard one.")
    var embedded = false

    @Flag(help: "Print the exact request, key redacted, instead of sending it.")
    var dryRun = false

    // Not `--timeout`: that is the per-document scan limit of the shared input options.
    @Option(help: ArgumentHelp("Seconds to wait for each HTTP attempt's answer.", valueName: "seconds"))
    var requestTimeout: Int = 120

    static let baseURLVariable = "YOTI_SIGN_BASE_URL"

    enum Target: String, EnumerableFlag {
        case sandbox, production
    }

    func validate() throws {
        if input.paths.contains("-") {
            throw ValidationError("submit uploads the files it scans, so it cannot read a PDF from standard input")
        }
        if baseURL != nil && target != nil {
            throw ValidationError("--base-url and --\(target?.rawValue ?? "sandbox") cannot be used together")
        }
        if let baseURL, !Self.isHTTPURL(baseURL) {
            throw ValidationError("--base-url must be an http:// or https:// URL, not \"\(baseURL)\"")
        }
        if requestTimeout < 1 { throw ValidationError("--request-timeout must be at least 1 second") }
    }

    func run() async throws {
        let environment = try resolveEnvironment()
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
        let draft = recipientsFile.envelopeOptions(joining: scanned, defaultName: Self.defaultName(report.documents))
        var uploads: [DocumentUpload] = []
        for document in report.documents {
            guard let data = FileManager.default.contents(atPath: document.path) else {
                Self.printError("\(document.path): error: cannot read the file to upload it")
                throw ExitCode(2)
            }
            uploads.append(DocumentUpload(fileName: document.fileName, bytes: Array(data), pageCount: document.pageCount))
        }
        let kind: EnvelopeKind = embedded ? .embedded : .standard
        let problems = draft.problems + Preflight.check(draft.options, documents: uploads, kind: kind)
        if !problems.isEmpty {
            for problem in problems { Self.printError("\(problem)") }
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
        try await send(request, kind: kind, environment: environment)
    }

    // MARK: - Steps

    /// `--base-url`, else `YOTI_SIGN_BASE_URL` (unless --sandbox/--production is given), else the
    /// chosen environment, sandbox by default.
    private func resolveEnvironment() throws -> YotiSign.Environment {
        if let baseURL { return Self.custom(baseURL) }
        if target == nil, let fromEnvironment = ProcessInfo.processInfo.environment[Self.baseURLVariable],
            !fromEnvironment.isEmpty
        {
            guard Self.isHTTPURL(fromEnvironment) else {
                Self.printError("\(Self.baseURLVariable) must be an http:// or https:// URL, not \"\(fromEnvironment)\"")
                throw ExitCode(64)
            }
            return Self.custom(fromEnvironment)
        }
        return target == .production ? .production : .sandbox
    }

    private static func custom(_ url: String) -> YotiSign.Environment {
        let lower = url.lowercased()
        let isLoopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"].contains { lower.hasPrefix($0) }
        if lower.hasPrefix("http://") && !isLoopback {
            printError("warning: \(url) is not HTTPS; the API key would travel unencrypted")
        }
        return .custom(url)
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

    private func send(_ request: EnvelopeRequest, kind: EnvelopeKind, environment: YotiSign.Environment) async throws {
        let rawKey = ProcessInfo.processInfo.environment[APIKey.environmentVariable] ?? ""
        let key = APIKey(rawKey)
        guard key.isWellFormed else {
            Self.printError(
                rawKey.isEmpty
                    ? "set \(APIKey.environmentVariable) to your Yoti Sign API key (it is never taken from a flag, to keep it out of shell history)"
                    : "\(APIKey.environmentVariable) contains spaces or control characters; check the key"
            )
            throw ExitCode(64)
        }
        let configuration = YotiSignClient.Configuration(timeout: .seconds(requestTimeout))
        do {
            let response = try await YotiSignClient.withClient(
                apiKey: key, environment: environment, configuration: configuration
            ) { client in
                try await client.send(request)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let output: Data
            let id: String
            switch kind {
            case .standard:
                let created = try response.decode(EnvelopeCreated.self)
                (output, id) = (try encoder.encode(created), created.envelopeID)
            case .embedded:
                let created = try response.decode(EmbeddedEnvelopeCreated.self)
                (output, id) = (try encoder.encode(created), created.envelopeID)
                for recipient in created.recipients {
                    Self.printError("\(recipient.email): \(environment.embeddedSigningURL(token: recipient.token))")
                }
            }
            FileHandle.standardOutput.write(output + Data("\n".utf8))
            Self.printError("created envelope \(id) on \(environment)")
        } catch let error as YotiSignError {
            Self.printError("\(error)")
            throw ExitCode(1)
        }
    }

    // MARK: - Helpers

    /// Reads a recipients file; YAML is converted to JSON here, then `YotiSign` decodes it.
    static func loadRecipientsFile(at path: String) throws -> RecipientsFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("cannot read the recipients file \(path)")
            throw ExitCode(64)
        }
        let isJSON =
            path.lowercased().hasSuffix(".json")
            || (!path.lowercased().hasSuffix(".yml") && !path.lowercased().hasSuffix(".yaml")
                && data.first(where: { !" \t\r\n".utf8.contains($0) }) == UInt8(ascii: "{"))
        do {
            let json = isJSON ? Array(data) : try yamlToJSON(String(decoding: data, as: UTF8.self))
            return try RecipientsFile.decode(json: json)
        } catch let error as YotiSignError {
            printError("\(path): \(error)")
            throw ExitCode(64)
        } catch {
            printError("\(path): the recipients file is invalid: \(error)")
            throw ExitCode(64)
        }
    }

    /// YAML → JSON bytes, keeping YAML's scalar types (int, float, bool, null) and treating
    /// everything else, timestamps included, as strings.
    static func yamlToJSON(_ yaml: String) throws -> [UInt8] {
        guard let root = try Yams.compose(yaml: yaml) else {
            throw YotiSignError.invalidRecipientsFile("it is empty")
        }
        let object = try jsonObject(root)
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    private static func jsonObject(_ node: Node) throws -> Any {
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw YotiSignError.invalidRecipientsFile("a mapping key is not a string")
                }
                object[name] = try jsonObject(value)
            }
            return object
        case .sequence(let sequence):
            return try sequence.map(jsonObject)
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Yams.Tag.Name.null.rawValue: return NSNull()
            case Yams.Tag.Name.bool.rawValue: return node.bool ?? scalar.string
            case Yams.Tag.Name.int.rawValue: return node.int ?? scalar.string
            case Yams.Tag.Name.float.rawValue: return node.float ?? scalar.string
            default: return scalar.string
            }
        case .alias:
            throw YotiSignError.invalidRecipientsFile("YAML aliases are not supported")
        }
    }

    /// One document: its name without the extension; several: the first "and N more".
    static func defaultName(_ documents: [DocumentResult]) -> String {
        let first = documents.first.map { ($0.fileName as NSString).deletingPathExtension } ?? "Envelope"
        return documents.count > 1 ? "\(first) and \(documents.count - 1) more" : first
    }

    static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !text.contains(where: \.isWhitespace)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("tagscan: \(message)\n".utf8))
    }
}
