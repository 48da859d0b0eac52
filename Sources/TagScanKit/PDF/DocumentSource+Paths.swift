import Foundation

extension DocumentSource {
    /// The documents named by command-line style paths (see ``PathExpansion``): a file as given
    /// (missing files included, so they are reported as `not-found`), a folder's `*.pdf` files
    /// recursively in sorted order (or the folder itself when it has none, so that it is reported),
    /// and `-` as the bytes of standard input.
    public static func expanding(_ paths: [String], standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) -> [DocumentSource] {
        PathExpansion(paths, standardInput: standardInput).sources
    }
}
