import Foundation

extension DocumentSource {
    /// The documents named by command-line style paths: a file as given (missing files included,
    /// so they are reported as `not-found`), a folder's `*.pdf` files recursively in sorted order,
    /// and `-` as the bytes of standard input.
    public static func expanding(_ paths: [String], standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) -> [DocumentSource] {
        var sources: [DocumentSource] = []
        for path in paths {
            if path == "-" {
                sources.append(.data(standardInput(), fileName: "stdin.pdf"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                sources.append(.file(path: path))
                continue
            }
            let base = URL(fileURLWithPath: path)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            var found: [String] = []
            for case let url as URL in walker where url.pathExtension.lowercased() == "pdf" {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let relative = url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count).drop { $0 == "/" }
                found.append((path.hasSuffix("/") ? path : path + "/") + relative)
            }
            sources += found.sorted().map { .file(path: $0) }
        }
        return sources
    }
}
