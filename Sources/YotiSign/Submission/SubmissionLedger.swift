import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The local record of submissions: a JSON-lines file, one ``LedgerRecord`` a line, only ever
/// appended to.
///
/// Yoti documents no idempotency key, so this file is what lets a re-run know that a submission
/// already has an envelope (or may have one). Each record is written with one `write(2)` on a
/// descriptor opened with `O_APPEND`, so concurrent runs do not interleave within a line, and the
/// file is never rewritten, truncated or renamed over.
public struct SubmissionLedger: Sendable, Hashable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The file name used beside the documents.
    public static let defaultFileName = ".tagscan-ledger.jsonl"

    /// `.tagscan-ledger.jsonl` in the folder of the first input: the folder itself when a folder
    /// is given, else the folder holding the file.
    public static func besideDocuments(_ paths: [String]) -> SubmissionLedger {
        let first = paths.first ?? "."
        var isDirectory: ObjCBool = false
        let folder: String
        if FileManager.default.fileExists(atPath: first, isDirectory: &isDirectory), isDirectory.boolValue {
            folder = first
        } else {
            let parent = (first as NSString).deletingLastPathComponent
            folder = parent.isEmpty ? "." : parent
        }
        return SubmissionLedger(path: (folder as NSString).appendingPathComponent(defaultFileName))
    }

    /// Every record, in file order. A missing file has none; a line that is not a record is an
    /// error naming its line, since skipping it could hide an envelope.
    public func records() throws -> [LedgerRecord] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return [] }
            throw YotiSignError.ledgerFailed(path: path, reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
        if (status.st_mode & S_IFMT) == S_IFIFO || (status.st_mode & S_IFMT) == S_IFDIR {
            throw YotiSignError.ledgerFailed(path: path, reason: "is not a file that can be read back")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw YotiSignError.ledgerFailed(path: path, reason: "cannot be read")
        }
        var records: [LedgerRecord] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                records.append(try JSONDecoder().decode(LedgerRecord.self, from: Data(line)))
            } catch {
                throw YotiSignError.ledgerFailed(path: path, reason: "line \(lineNumber) is not a ledger record")
            }
        }
        return records
    }

    /// The last record of `key`, or `nil` if the submission was never attempted.
    public func latest(for key: SubmissionKey) throws -> LedgerRecord? {
        try records().last { $0.key == key }
    }

    /// Appends one record as one line.
    public func append(_ record: LedgerRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line: [UInt8]
        do {
            line = Array(try encoder.encode(record))
        } catch {
            throw YotiSignError.ledgerFailed(path: path, reason: "could not encode a record: \(error)")
        }
        line.append(UInt8(ascii: "\n"))
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw YotiSignError.ledgerFailed(path: path, reason: "cannot be written: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw YotiSignError.ledgerFailed(path: path, reason: "could not be written in full: \(String(cString: strerror(errno)))")
        }
    }
}
