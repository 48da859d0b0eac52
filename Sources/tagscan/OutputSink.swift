import Foundation
import Synchronization

/// Standard output or a file, written to from any thread.
final class OutputSink: Sendable {
    private let handle: Mutex<FileHandle>
    private let isFile: Bool

    init(path: String?) throws {
        if let path {
            guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
                throw ValidationError("cannot write to \(path)")
            }
            handle = Mutex(file)
            isFile = true
        } else {
            handle = Mutex(FileHandle.standardOutput)
            isFile = false
        }
    }

    func write(_ data: Data) {
        handle.withLock { $0.write(data) }
    }

    func close() throws {
        if isFile { try handle.withLock { try $0.close() } }
    }
}

import ArgumentParser
