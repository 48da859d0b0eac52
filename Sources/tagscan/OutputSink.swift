import ArgumentParser
import Foundation
import TagScanKit

/// Standard output or the `--output` file, written to from any thread. A report that cannot be
/// written fails the run with exit status 2 and a message naming the file.
final class OutputSink: Sendable {
    private let file: OutputFile

    /// `append`: add to the file (written through) rather than replace it.
    init(path: String?, append: Bool = false) throws {
        guard let path else {
            file = .standardOutput()
            return
        }
        do {
            file = append ? try OutputFile(appendingTo: path) : try OutputFile(path: path)
        } catch {
            throw Self.failed(error)
        }
    }

    func write(_ data: Data) {
        file.write(data)
    }

    func close() throws {
        do {
            try file.close()
        } catch {
            throw Self.failed(error)
        }
    }

    private static func failed(_ error: OutputError) -> ExitCode {
        FileHandle.standardError.write(Data("tagscan: \(error.description)\n".utf8))
        return ExitCode(2)
    }
}
