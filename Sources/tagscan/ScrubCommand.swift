import ArgumentParser
import Foundation
import TagScanKit

struct ScrubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrub",
        abstract: "Remove the anchors' glyphs from PDFs, prove the result, and write anchor-free copies.",
        discussion: """
            Each anchor tagscan finds (Yoti auto-tags and the |AT| header; |tagscan-disable:...| \
            directives; the matches of custom rules with scrub: true, or of every custom rule with \
            --custom; other vendors' tags with --foreign) is taken out of the content streams, pages \
            and the Form XObjects they draw; every other glyph stays where it was. Before writing, \
            tagscan proves every page: (1) no anchor text is left, by its own scan and in poppler's \
            plain text; (2) every other glyph has the same character and box within 0.01 pt; (3) \
            rendered at 72 dpi, pixels changed only inside the removed anchors' boxes. Pages the \
            rewrite changed are re-extracted and rendered; a page qpdf finds identical to the \
            original's, object by object, is proven by that identity and the original's scan of the \
            same objects (--full-proof re-extracts and renders every page). A file failing a proof \
            is not written.

            Anchors drawn by Type3 fonts, in annotation appearances, in encrypted files, or with bytes \
            tagscan cannot tie to their glyphs are reported (anchor-unremovable) and the file is not \
            written, unless --keep-unremovable writes it with those anchors left in place.

            Exit codes: 0 every file written; 1 some file not written (an anchor that cannot be removed, a failed proof); 2 some input could not be read or an output could not be written; 64 usage error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("Write each scrubbed file into this folder, under its own name.", valueName: "dir"))
    var outDirectory: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the scrubbed file here (one input only).", valueName: "file"))
    var output: String?

    @Flag(help: "Replace each input with its scrubbed copy.")
    var inPlace = false

    @Flag(help: "Write files even when some anchors cannot be removed safely; those stay, reported.")
    var keepUnremovable = false

    @Flag(help: "Also remove other vendors' tags (DocuSign, Acrobat Sign, Dropbox Sign, DocuSeal, Documenso).")
    var foreign = false

    @Flag(help: "Also remove what every custom anchor rule matched (without it, only rules with scrub: true).")
    var custom = false

    @Flag(help: "Re-extract and render every page for the proof, also those identical to the original's (slower on long documents).")
    var fullProof = false

    @Option(help: "Output format of the proofs: text or json.")
    var format: Format = .text

    func validate() throws {
        let destinations = [outDirectory != nil, output != nil, inPlace].filter { $0 }.count
        guard destinations == 1 else {
            throw ValidationError("say where the scrubbed files go: one of --out DIR, -o FILE (one input) or --in-place")
        }
        if output != nil, input.paths.count != 1 || FileManager.default.isDirectory(input.paths[0]) {
            throw ValidationError("-o takes one input file; use --out DIR for several")
        }
        if input.paths.contains("-"), output == nil {
            throw ValidationError("a PDF read from standard input needs -o FILE")
        }
    }

    func run() async throws {
        let scanOptions = input.scanOptions
        var options = ScrubOptions(scan: scanOptions, keepUnremovable: keepUnremovable, removeForeignTags: foreign, removeCustomAnchors: custom)
        options.fullProof = fullProof
        let scrubber = Scrubber(options: options)
        let sources = DocumentSource.expanding(input.paths)
        if sources.isEmpty {
            stderrLine("tagscan scrub: no PDF files found in \(input.paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        if let outDirectory {
            do {
                try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
            } catch {
                stderrLine("tagscan scrub: cannot create \(outDirectory): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        let inputs = Set(
            sources.compactMap { source -> String? in
                if case .file(let path) = source { return Self.resolved(path) }
                return nil
            })

        var worst: Int32 = 0
        var results: [(ScrubResult, String?)] = []
        for source in sources {
            let result = try await scrubber.scrub(source)
            var written: String? = nil
            if let bytes = result.output {
                let destination = destination(for: source)
                if !inPlace, inputs.contains(Self.resolved(destination)) {
                    stderrLine("tagscan scrub: \(destination) is an input; not overwriting it (use --in-place to replace inputs)")
                    worst = max(worst, 2)
                } else {
                    do {
                        try bytes.write(to: URL(fileURLWithPath: destination), options: .atomic)
                        written = destination
                    } catch {
                        stderrLine("tagscan scrub: cannot write \(destination): \(error.localizedDescription)")
                        worst = max(worst, 2)
                    }
                }
            } else {
                worst = max(worst, result.status == .failed && result.scan.status == .error ? 2 : 1)
            }
            if format == .text {
                FileHandle.standardOutput.write(Data(result.textReport(writtenTo: written).utf8))
            }
            results.append((result, written))
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let entries = results.map { ScrubEntry(result: $0.0, output: $0.1) }
            FileHandle.standardOutput.write(try encoder.encode(entries) + Data("\n".utf8))
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// One file's result with where it was written, for --format json.
    struct ScrubEntry: Encodable {
        var result: ScrubResult
        var output: String?

        func encode(to encoder: any Encoder) throws {
            try result.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(output, forKey: .output)
        }

        enum Keys: String, CodingKey { case output }
    }

    private func destination(for source: DocumentSource) -> String {
        if let output { return output }
        if inPlace, case .file(let path) = source { return path }
        return URL(fileURLWithPath: outDirectory ?? ".").appendingPathComponent(source.fileName).path
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

extension FileManager {
    fileprivate func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
