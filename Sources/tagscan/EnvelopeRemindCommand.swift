import ArgumentParser
import YotiSign

/// `tagscan envelope remind ID RECIPIENT_ID`: emails one signer a reminder.
struct EnvelopeRemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind", abstract: "Send a signer a reminder email (recipient ids: see `envelope status`).")

    @Argument(help: ArgumentHelp("The envelope id.", valueName: "id")) var id: String
    @Argument(help: ArgumentHelp("The recipient id.", valueName: "recipient-id")) var recipientID: String
    @OptionGroup var connection: YotiConnectionOptions
    @Option(help: "Output format: json or text.") var format: EnvelopeOutputFormat = .json

    func run() async throws {
        let sent = try await connection.withClient { try await $0.sendReminder(envelopeID: id, recipientID: recipientID) }
        switch format {
        case .json: try stdoutJSON(sent)
        case .text: stdoutText("reminder sent to recipient \(sent.recipientID ?? recipientID) of \(id)")
        }
    }
}
