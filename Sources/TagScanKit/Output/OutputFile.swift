import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A report, image or request being written where the user asked: standard output or a path.
///
/// A path is opened for writing (created or truncated) and written through, as every Unix tool
/// does, so a symlink writes its target, a FIFO feeds its reader and a device gets the bytes. Only
/// a path that is absent or a plain regular file (no other hard link) is replaced atomically: the
/// bytes go to a temporary file beside it, renamed over it once complete, with the old file's mode
/// and owner, so a failed run leaves the previous report intact. Nothing else is ever renamed
/// over or deleted.
///
/// Writes may come from any thread. The first failure (a full disk, a closed pipe) is kept and
/// later writes are dropped; ``close()`` throws it, naming the path.
public final class OutputFile: Sendable {
    private struct State {
        var descriptor: Int32
        var failure: OutputError?
        var closed = false
    }

    /// The path as given, or nil for standard output.
    public let path: String?
    /// The temporary file renamed over `path` on a successful close, when replacing atomically.
    private let temporary: String?
    private let ownsDescriptor: Bool
    private let state: Mutex<State>

    /// Standard output, which is never closed.
    public static func standardOutput() -> OutputFile {
        OutputFile(path: nil, descriptor: STDOUT_FILENO, temporary: nil, owns: false)
    }

    private init(path: String?, descriptor: Int32, temporary: String?, owns: Bool) {
        self.path = path
        self.temporary = temporary
        self.ownsDescriptor = owns
        self.state = Mutex(State(descriptor: descriptor))
    }

    /// Opens `path` for writing; the error names the path and says why.
    public convenience init(path: String) throws(OutputError) {
        guard !path.isEmpty else { throw OutputError(path: path, reason: "the path is empty") }
        var status = stat()
        let exists = lstat(path, &status) == 0
        // A file this process may not write is refused as open(2) would refuse it, not replaced.
        let isPlainFile = exists && (status.st_mode & S_IFMT) == S_IFREG && status.st_nlink == 1 && access(path, W_OK) == 0
        if !exists || isPlainFile, let temporary = Self.createTemporary(beside: path, like: exists ? status : nil) {
            self.init(path: path, descriptor: temporary.descriptor, temporary: temporary.path, owns: true)
            return
        }
        // Anything else (a symlink, FIFO, device, hard-linked file, or a folder where no
        // temporary file can be made) is written through, never replaced.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputError(path: path, errno: errno) }
        self.init(path: path, descriptor: descriptor, temporary: nil, owns: true)
    }

    /// Opens `path` to add to what it holds (created when absent), written through as each
    /// write comes: what a resumed run needs, since what it wrote must survive the run being
    /// killed, and an atomic replace would lose it.
    public convenience init(appendingTo path: String) throws(OutputError) {
        guard !path.isEmpty else { throw OutputError(path: path, reason: "the path is empty") }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw OutputError(path: path, errno: errno) }
        self.init(path: path, descriptor: descriptor, temporary: nil, owns: true)
    }

    deinit {
        // A run that ended without close() (an error thrown mid-run) leaves the old file as it
        // was and no temporary file beside it.
        state.withLock { state in
            guard !state.closed, ownsDescriptor else { return }
            state.closed = true
            _ = systemClose(state.descriptor)
            if let temporary { unlink(temporary) }
        }
    }

    /// Writes `data` to `path` in one go (a preview image, an HTML page).
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        let file = try OutputFile(path: path)
        file.write(data)
        try file.close()
    }

    /// Appends `data`; after a failure, does nothing (``close()`` reports the failure).
    public func write(_ data: Data) {
        state.withLock { state in
            guard state.failure == nil, !state.closed else { return }
            let failed: Int32? = data.withUnsafeBytes { raw -> Int32? in
                guard var pointer = raw.baseAddress else { return nil }
                var left = raw.count
                while left > 0 {
                    let written = systemWrite(state.descriptor, pointer, left)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    left -= written
                    pointer += written
                }
                return nil
            }
            if let failed { state.failure = OutputError(path: path, errno: failed) }
        }
    }

    /// The first failure so far, if any.
    public var failure: OutputError? {
        state.withLock { $0.failure }
    }

    /// Finishes the output: closes the file and, when replacing atomically, puts it in place. A
    /// failed output leaves what was at the path before untouched.
    public func close() throws(OutputError) {
        let failure: OutputError? = state.withLock { state in
            guard !state.closed else { return state.failure }
            state.closed = true
            guard ownsDescriptor else { return state.failure }
            if state.failure == nil, temporary != nil, fsync(state.descriptor) != 0 {
                state.failure = OutputError(path: path, errno: errno)
            }
            if systemClose(state.descriptor) != 0, state.failure == nil {
                state.failure = OutputError(path: path, errno: errno)
            }
            if let temporary, let path {
                if state.failure == nil, rename(temporary, path) != 0 {
                    state.failure = OutputError(path: path, errno: errno)
                }
                if state.failure != nil { unlink(temporary) }
            }
            return state.failure
        }
        if let failure { throw failure }
    }

    /// A new file in `path`'s folder with `existing`'s mode and owner (or the default mode for a
    /// new file); nil when the folder does not allow one.
    private static func createTemporary(beside path: String, like existing: stat?) -> (path: String, descriptor: Int32)? {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        for _ in 0..<8 {
            let name = ".\(url.lastPathComponent).tagscan-\(UInt32.random(in: 0...UInt32.max))"
            let candidate = (folder as NSString).appendingPathComponent(name)
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing.map { $0.st_mode & 0o7777 } ?? 0o666)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                return nil
            }
            if let existing {
                // open's mode is filtered by the umask; the replacement keeps the old file's mode.
                _ = fchown(descriptor, existing.st_uid, existing.st_gid)
                _ = fchmod(descriptor, existing.st_mode & 0o7777)
            }
            return (candidate, descriptor)
        }
        return nil
    }
}

// The methods named write and close hide the C functions inside the class.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
        Glibc.close(descriptor)
    #else
        Darwin.close(descriptor)
    #endif
}
