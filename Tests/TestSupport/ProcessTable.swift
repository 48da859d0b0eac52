import Foundation

/// One process /proc lists: what the worker-leftover checks of the test targets look at.
public struct ProcessEntry: Sendable {
    public var pid: Int32
    /// `R`, `S`, `Z` (a zombie: exited, never reaped), …
    public var state: String
    public var parentPID: Int32
    /// The command line; empty for a zombie.
    public var arguments: [String]
}

public enum ProcessTable {
    /// Every process readable in /proc (ones that exit while it reads are left out).
    public static func entries() -> [ProcessEntry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> ProcessEntry? in
            guard name.allSatisfy(\.isNumber), let pid = Int32(name), let statBytes = readProcFile("/proc/\(name)/stat") else { return nil }
            let stat = String(decoding: statBytes, as: UTF8.self)
            guard let commandEnd = stat.lastIndex(of: ")") else { return nil }
            // After "(comm)": state, ppid, …
            let fields = stat[stat.index(after: commandEnd)...].split(separator: " ")
            guard fields.count > 2, let parent = Int32(fields[1]) else { return nil }
            let arguments = (readProcFile("/proc/\(name)/cmdline") ?? []).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return ProcessEntry(pid: pid, state: String(fields[0]), parentPID: parent, arguments: arguments)
        }
    }

    /// A /proc file's bytes, read with read(2): /proc files report size 0, and Foundation's
    /// reader for that case shows up as a leak under LeakSanitizer.
    static func readProcFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return bytes
    }
}
