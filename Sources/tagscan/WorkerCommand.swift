import ArgumentParser
import Foundation
import TagScanKit

/// `tagscan __worker`: the worker process of isolated scanning (hidden). The scanning command
/// starts it with `--max-memory` and `--parent-pid`, writes one document request per line on its
/// stdin and reads one result per line on its stdout (see `IsolationWorker`).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "__worker",
        abstract: "Scan documents sent on stdin, one JSON request per line (internal).",
        shouldDisplay: false
    )

    @Option(help: "Address-space cap in bytes.")
    var maxMemory: Int?

    @Option(help: "Exit when this process is gone.")
    var parentPid: Int32?

    func run() throws {
        let status = IsolationWorker.run(maxMemory: maxMemory, parentPID: parentPid)
        if status != 0 { throw ExitCode(status) }
    }
}

extension ReadingOptions {
    /// Worker processes running this executable's `__worker`, unless `--in-process`.
    var isolation: IsolationOptions? {
        guard !inProcess else { return nil }
        return IsolationOptions(workerExecutable: WorkerExecutable.path, timeout: timeout, maxMemory: maxMemory.bytes)
    }
}

enum WorkerExecutable {
    /// This executable's absolute path (workers are this binary in `__worker` mode).
    static var path: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// A memory size on the command line: a number of bytes with an optional K, M or G suffix
/// (powers of 1024; `KiB`, `MB` and the like are read the same way), or `none`.
struct ByteCount: ExpressibleByArgument, Hashable {
    /// nil: no cap.
    var bytes: Int?

    init(bytes: Int?) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "none" || text == "0" {
            bytes = nil
            return
        }
        let digits = text.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number > 0 else { return nil }
        var unit = text.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        for suffix in ["ib", "b"] where unit.hasSuffix(suffix) && unit.count > suffix.count - 1 {
            unit = String(unit.dropLast(suffix.count))
            break
        }
        let scale: Double
        switch unit {
        case "": scale = 1
        case "k": scale = 1024
        case "m": scale = 1024 * 1024
        case "g": scale = 1024 * 1024 * 1024
        default: return nil
        }
        bytes = Int((number * scale).rounded())
    }

    var defaultValueDescription: String {
        guard let bytes else { return "none" }
        if bytes % (1 << 30) == 0 { return "\(bytes >> 30)G" }
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20)M" }
        return "\(bytes)"
    }
}
