import ArgumentParser
import TagScanKit

@main
struct TagScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagscan",
        abstract: "Place Yoti e-signature fields on PDFs from the anchor text in them.",
        discussion: """
            Exit codes: 0 clean; 1 lint findings at or above the threshold; 2 some input could not
            be read; 3 (submit, envelope) Yoti may have acted on a request whose answer was lost; 64
            usage error.
            """,
        version: TagScanVersion.current,
        subcommands: [ScanCommand.self, LintCommand.self, ConvertCommand.self, PreviewCommand.self, SubmitCommand.self, EnvelopeCommand.self]
            + [WorkerCommand.self]  // hidden: the worker process of isolated scans
    )
}
