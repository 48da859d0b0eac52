import ArgumentParser
import Foundation
import TagScanKit

struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Translate other vendors' text tags into Yoti tags, as schema-1 JSON like scan's.",
        discussion: """
            Reads Acrobat Sign {{…_es_:signerN:…}}, Dropbox Sign [type|req|signerN|…], DocuSign-style \
            \\s1\\ or /sn1/, DocuSeal {{Name;type=…;role=…}} and Documenso {{type,rN}} tags and places \
            the nearest Yoti field at each one. Yoti auto-tags and the configuration's custom rules are \
            placed too. Whatever has no Yoti equivalent is reported (foreign-tag-unsupported, \
            foreign-tag-dropped). Tags of dialects not chosen with --from stay foreign-tag warnings.

            signerN, rN and \\sN\\ become "Signer N" unless --role-map or the configuration's role_map \
            says otherwise: --role-map signer2="Guarantor 1" (a signerN key also applies to rN and \
            \\sN\\).

            Exit codes: 0 done; 2 some input could not be read (a path that yields no PDF included) or the report could not be written; 64 usage error.
            """
    )

    /// `--from`: one dialect, or every foreign one.
    enum Source: String, ExpressibleByArgument, CaseIterable {
        case acrobat, dropbox, docusign, docuseal, documenso, auto

        var dialects: Set<AnchorDialect> {
            switch self {
            case .acrobat: [.acrobat]
            case .dropbox: [.dropbox]
            case .docusign: [.docusign]
            case .docuseal: [.docuseal]
            case .documenso: [.documenso]
            case .auto: [.acrobat, .dropbox, .docusign, .docuseal, .documenso]
            }
        }
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Which vendor's tags to translate: acrobat, dropbox, docusign, docuseal, documenso or auto (all of them).")
    var from: Source

    @Option(help: "Output format: json, ndjson or text.")
    var format: ScanFormat = .json

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(
        name: .customLong("role-map"),
        help: ArgumentHelp("Yoti role for a vendor's recipient, as signer1=\"Buyer 1\" (repeatable).", valueName: "recipient=role"))
    var roleMap: [String] = []

    func validate() throws {
        _ = try parsedRoleMap()
    }

    /// `--role-map` entries as a map; the last one for a recipient wins.
    func parsedRoleMap() throws -> [String: String] {
        var map: [String: String] = [:]
        for entry in roleMap {
            guard let equals = entry.firstIndex(of: "=") else {
                throw ValidationError("--role-map takes recipient=role, as signer1=\"Signer 1\"; '\(entry)' has no '='")
            }
            let key = entry[..<equals].trimmingCharacters(in: .whitespaces)
            let role = entry[entry.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if key.isEmpty || role.isEmpty { throw ValidationError("--role-map '\(entry)' needs both a recipient and a role") }
            if role.count > 50 || role.contains(where: { "/\\:*?<>|".contains($0) }) {
                throw ValidationError("--role-map role '\(role)' must be at most 50 characters without / \\ : * ? < > |")
            }
            map[key] = role
        }
        return map
    }

    func run() async throws {
        var options = input.scanOptions
        options.translatedDialects = from.dialects
        // The command line wins over the configuration's role_map.
        options.roleMap.merge(try parsedRoleMap()) { _, commandLine in commandLine }

        try await ScanOutput.run(command: "convert", paths: input.paths, options: options, format: format, output: output, quiet: input.reading.quiet)
    }
}
