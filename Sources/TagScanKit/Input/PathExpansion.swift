import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The documents named by command-line style paths, and what was passed over finding them.
///
/// A file is taken as given (a missing one included, so it is reported `not-found`); a folder
/// gives its `*.pdf` files, recursively, sorted; `-` is standard input. Symlinks to files and
/// folders are followed, each real file is listed once, and a symlink back to a folder that
/// contains it is skipped as a loop. A folder in which nothing is a PDF is listed itself, so that
/// scanning it gives a `not-found` error for that path: a run pointed at the wrong folder fails.
public struct PathExpansion: Sendable, Hashable {
    /// What one command-line path gave.
    public struct Entry: Sendable, Hashable {
        /// The path as given.
        public var argument: String
        /// The path was a folder.
        public var isFolder: Bool
        public var sources: [DocumentSource]
        public var skipped: [SkippedFile]
    }

    public var entries: [Entry]

    /// Every document, in order.
    public var sources: [DocumentSource] { entries.flatMap(\.sources) }
    /// Everything passed over, in order.
    public var skipped: [SkippedFile] { entries.flatMap(\.skipped) }

    /// ", skipped 4 files (3 .docx, 1 .odt)" for a totals line; empty when nothing was skipped.
    public var skippedSuffix: String {
        let skipped = skipped
        guard !skipped.isEmpty else { return "" }
        return "; skipped \(skipped.count) file\(skipped.count == 1 ? "" : "s") (\(SkippedFile.summary(skipped)))"
    }

    public init(_ paths: [String], standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) {
        var walk = FolderWalk()
        entries = paths.map { path in
            if path == "-" {
                return Entry(argument: path, isFolder: false, sources: [.data(standardInput(), fileName: "stdin.pdf")], skipped: [])
            }
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                return Entry(argument: path, isFolder: false, sources: [.file(path: path)], skipped: [])
            }
            let found = walk.files(under: path)
            // A folder without a PDF is itself the document, and opening it says what was there.
            // One whose PDFs were all listed already (a folder given twice, or inside another
            // one given) adds nothing and is no error.
            let sources: [DocumentSource] = found.sawPDF ? found.files.map { .file(path: $0) } : [.file(path: path)]
            return Entry(argument: path, isFolder: true, sources: sources, skipped: found.skipped)
        }
    }

    /// Why a folder gives no document: "no PDF under templates/ (skipped 3 .docx, 1 .odt)"; nil
    /// when there are PDFs under it.
    static func emptyFolderMessage(_ path: String) -> String? {
        var walk = FolderWalk()
        let found = walk.files(under: path)
        if found.sawPDF { return nil }
        let what = found.skipped.isEmpty ? "the folder is empty" : "skipped \(SkippedFile.summary(found.skipped))"
        return "no PDF under \(path) (\(what))"
    }
}

/// A recursive folder listing that follows symlinks, remembering what it has listed so that a
/// file reached twice is listed once and a loop is not followed.
private struct FolderWalk {
    private struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// The first path each real file or folder was listed under.
    private var seen: [FileID: String] = [:]
    /// PDFs met again under another path, so far.
    private var repeatedPDFs = 0

    /// tagscan's own configuration files, looked for beside the templates: not skipped documents.
    private static let configNames: Set<String> = ["tagscan.yml", "tagscan.yaml", "tagscan.json"]

    /// The PDFs under `root` not listed before, sorted; what was skipped; and whether any PDF
    /// was met at all (listed now or before).
    mutating func files(under root: String) -> (files: [String], skipped: [SkippedFile], sawPDF: Bool) {
        var files: [String] = []
        var skipped: [SkippedFile] = []
        var info = stat()
        guard stat(root, &info) == 0 else { return ([], [], false) }
        if let first = seen[FileID(info)] {
            return ([], [SkippedFile(path: root, reason: .duplicate, detail: first)], true)
        }
        seen[FileID(info)] = root
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let repeatedBefore = repeatedPDFs
        walk(folder: root, prefix: prefix, ancestors: [FileID(info): root], files: &files, skipped: &skipped)
        let sawPDF = !files.isEmpty || repeatedPDFs > repeatedBefore
        return (files.sorted(), skipped, sawPDF)
    }

    private mutating func walk(
        folder: String, prefix: String, ancestors: [FileID: String], files: inout [String], skipped: inout [SkippedFile]
    ) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            skipped.append(SkippedFile(path: folder, reason: .unreadable, detail: (error as NSError).localizedFailureReason))
            return
        }
        for name in names.sorted() {
            let path = prefix + name
            var link = stat()
            guard lstat(path, &link) == 0 else { continue }
            let isLink = (link.st_mode & S_IFMT) == S_IFLNK
            var info = stat()
            guard stat(path, &info) == 0 else {
                // A dangling symlink named like a PDF is what the user meant to scan: report it missing.
                if isLink && name.lowercased().hasSuffix(".pdf") {
                    files.append(path)
                } else {
                    skipped.append(SkippedFile(path: path, reason: .brokenLink))
                }
                continue
            }
            let id = FileID(info)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if let ancestor = ancestors[id] {
                    skipped.append(SkippedFile(path: path, reason: .symlinkLoop, detail: ancestor))
                } else if let first = seen[id] {
                    skipped.append(SkippedFile(path: path, reason: .duplicate, detail: first))
                } else {
                    seen[id] = path
                    var inner = ancestors
                    inner[id] = path
                    walk(folder: path, prefix: path + "/", ancestors: inner, files: &files, skipped: &skipped)
                }
            case S_IFREG:
                if Self.configNames.contains(name.lowercased()) { continue }
                let ext = (name as NSString).pathExtension.lowercased()
                guard ext == "pdf" else {
                    skipped.append(SkippedFile(path: path, reason: .notPDF, detail: ext.isEmpty ? nil : "." + ext))
                    continue
                }
                if let first = seen[id] {
                    skipped.append(SkippedFile(path: path, reason: .duplicate, detail: first))
                    repeatedPDFs += 1
                } else {
                    seen[id] = path
                    files.append(path)
                }
            default:
                // FIFOs, sockets and devices are not documents, whatever their name.
                skipped.append(
                    SkippedFile(
                        path: path, reason: .notPDF,
                        detail: (name as NSString).pathExtension.isEmpty ? nil : "." + (name as NSString).pathExtension.lowercased()))
            }
        }
    }
}
