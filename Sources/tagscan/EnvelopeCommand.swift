import ArgumentParser

/// `tagscan envelope …`: an envelope's life after `submit`: its status, archiving it, reminding a
/// signer, downloading the signed documents, and listing the organisation's envelopes.
struct EnvelopeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envelope",
        abstract: "Follow a Yoti Sign envelope after it is sent: status, archive, remind, download, list.",
        discussion: """
            Every subcommand reads the API key from YOTI_SIGN_API_KEY (never from a flag), takes --sandbox, --production or --base-url like submit, and prints JSON unless --format text is given. A reminder is sent at most once: it is repeated only when it cannot have reached Yoti, or after 429.

            Exit codes: 0 done; 1 Yoti refused the request or the envelope is not in the state needed (for example not yet complete for download); 3 the reminder may have been sent (the answer was lost); 64 usage error.
            """,
        subcommands: [
            EnvelopeStatusCommand.self, EnvelopeArchiveCommand.self, EnvelopeRemindCommand.self,
            EnvelopeDownloadCommand.self, EnvelopeListCommand.self,
        ]
    )
}
