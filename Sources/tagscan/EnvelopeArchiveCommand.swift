import ArgumentParser
import YotiSign

/// `tagscan envelope archive ID`: stops further signing of an incomplete envelope.
struct EnvelopeArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Archive (cancel) an envelope that is not yet complete.")

    @Argument(help: ArgumentHelp("The envelope id.", valueName: "id")) var id: String
    @OptionGroup var connection: YotiConnectionOptions
    @Option(help: "Output format: json or text.") var format: EnvelopeOutputFormat = .json

    struct Archived: Encodable {
        var envelopeID: String
        var status = EnvelopeStatus.archived
        enum CodingKeys: String, CodingKey {
            case envelopeID = "envelope_id"
            case status
        }
    }

    func run() async throws {
        try await connection.withClient { try await $0.archiveEnvelope(id: id) }
        switch format {
        case .json: try stdoutJSON(Archived(envelopeID: id))
        case .text: stdoutText("\(id): archived")
        }
    }
}
