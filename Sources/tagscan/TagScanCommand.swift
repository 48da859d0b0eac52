import ArgumentParser
import Foundation
import TagScanKit

@main
struct TagScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagscan",
        abstract: "Place Yoti e-signature fields on PDFs from the anchor text in them.",
        discussion: """
            Exit codes: 0 clean; 1 lint findings at or above the threshold; 2 some input could not be read (a path that yields no PDF included) or the report could not be written; 3 (submit, envelope) Yoti may have acted on a request whose answer was lost; 64 usage error.
            """,
        version: TagScanVersion.current,
        subcommands: [
            ScanCommand.self, LintCommand.self, ConvertCommand.self, PreviewCommand.self, ScrubCommand.self, SubmitCommand.self, EnvelopeCommand.self,
            ServeCommand.self,
        ]
            + [WorkerCommand.self]  // hidden: the worker process of isolated scans
    )

    /// ArgumentParser's own entry point, after one check of its own: the root command takes no
    /// arguments, so a first word that is not a command is a mistyped command, and saying so (with
    /// the nearest name) helps more than "2 unexpected arguments".
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let visible = configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
        let known = Set(configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])
        if let first = arguments.first, !first.hasPrefix("-"), !known.contains(first) {
            var message = "tagscan: '\(first)' is not a tagscan command"
            if let nearest = CommandSuggestion.nearest(to: first, among: visible + ["help"]) { message += "; did you mean '\(nearest)'?" }
            message += " (the commands: \(visible.joined(separator: ", ")); tagscan --help says more)\n"
            FileHandle.standardError.write(Data(message.utf8))
            Self.exit(withError: ExitCode(64))
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
