import Foundation

// The few ways the Yoti commands print: messages on standard error, results on standard output.

/// `tagscan: message` on standard error.
func stderrLine(_ message: String) {
    FileHandle.standardError.write(Data("tagscan: \(message)\n".utf8))
}

/// Pretty, sorted JSON and a newline on standard output.
func stdoutJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
}

/// Text and a newline on standard output.
func stdoutText(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
