import ArgumentParser
import Foundation
import YotiSign

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tagscan envelope download ID -o signed.zip`: the completed documents, once everyone signed.
struct EnvelopeDownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download a completed envelope's signed documents (a zip) once every recipient has signed.")

    @Argument(help: ArgumentHelp("The envelope id.", valueName: "id")) var id: String
    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the zip (- for standard output).", valueName: "file"))
    var output: String
    @OptionGroup var connection: YotiConnectionOptions
    @Option(help: "Output format of the summary: json or text.") var format: EnvelopeOutputFormat = .json

    struct Downloaded: Encodable {
        var envelopeID: String
        var file: String
        var bytes: Int
        enum CodingKeys: String, CodingKey {
            case envelopeID = "envelope_id"
            case file, bytes
        }
    }

    func run() async throws {
        // Nothing is opened until the zip is in hand: a refusal leaves an existing file alone.
        let zip = try await connection.withClient { try await $0.completedDocuments(envelopeID: id) }
        if output == "-" {
            FileHandle.standardOutput.write(Data(zip))
            return
        }
        try Self.writeFile(zip, to: output)
        switch format {
        case .json: try stdoutJSON(Downloaded(envelopeID: id, file: output, bytes: zip.count))
        case .text: stdoutText("\(output): \(zip.count) bytes, the signed documents of \(id)")
        }
    }

    /// Writes through the path the user named (so a symlink or FIFO works as in any Unix tool),
    /// never by renaming over it.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            stderrLine("cannot write \(path): \(String(cString: strerror(errno)))")
            throw ExitCode(1)
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                stderrLine("cannot write \(path): \(String(cString: strerror(errno)))")
                throw ExitCode(1)
            }
            offset += written
        }
    }
}
