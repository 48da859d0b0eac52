import ArgumentParser
import YotiSign

/// `tagscan envelope status ID`: the envelope's state and its recipients' (GET /v2/envelopes/{id}).
struct EnvelopeStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show an envelope's status and who has signed.")

    @Argument(help: ArgumentHelp("The envelope id.", valueName: "id")) var id: String
    @OptionGroup var connection: YotiConnectionOptions
    @Option(help: "Output format: json or text.") var format: EnvelopeOutputFormat = .json

    func run() async throws {
        let envelope = try await connection.withClient { try await $0.envelope(id: id) }
        switch format {
        case .json: try stdoutJSON(envelope)
        case .text: stdoutText(Self.text(envelope, id: id))
        }
    }

    /// `ID: ACTIVE` and a line per recipient.
    static func text(_ envelope: Envelope, id: String) -> String {
        var lines = ["\(envelope.envelopeID ?? id): \(envelope.status)"]
        if let completed = envelope.details?.completedAt, !completed.isEmpty { lines.append("  completed at \(completed)") }
        if let archived = envelope.details?.archivedAt, !archived.isEmpty { lines.append("  archived at \(archived)") }
        for recipient in envelope.details?.recipients ?? [] {
            var line = "  \(recipient.signStatus ?? recipient.type ?? "?"): \(recipient.name ?? "?")"
            if let email = recipient.email { line += " <\(email)>" }
            if let role = recipient.role { line += " (\(role))" }
            if let id = recipient.id { line += " id \(id)" }
            if let signed = recipient.signedAt, !signed.isEmpty { line += ", signed \(signed)" }
            lines.append(line)
        }
        for error in envelope.details?.errors ?? [] {
            lines.append("  error: \(error.fileName ?? "?"): \(error.code ?? "?")")
        }
        return lines.joined(separator: "\n")
    }
}
