public import Foundation

/// GitHub Actions workflow commands, one per finding: `::error file=…,title=…::message`.
///
/// Values are escaped as the runner expects (`%`, CR and LF in messages; also `:` and `,` in
/// properties), so a message can never end the command early or inject another one. Findings
/// about a page say so in the title; PDFs have no lines to point at.
public struct GitHubActionsReporter: Reporter {
    /// Absolute paths below it are written relative to it, as GitHub matches annotation files
    /// against the repository's paths.
    public var baseDirectory: String?

    public init(baseDirectory: String? = nil) {
        self.baseDirectory = baseDirectory
    }

    public func render(_ report: LintReport) -> Data {
        Data(lines(report).utf8)
    }

    private func lines(_ report: LintReport) -> String {
        var out = ""
        for document in report.documents {
            var path = document.path
            if path.hasPrefix("/"), let base = baseDirectory {
                let prefix = base.hasSuffix("/") ? base : base + "/"
                if path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
            }
            for diagnostic in document.diagnostics {
                let command: String
                switch diagnostic.severity {
                case .error: command = "error"
                case .warning: command = "warning"
                case .info: command = "notice"
                }
                let title = diagnostic.pageNumber.map { "\(diagnostic.rule) (page \($0))" } ?? diagnostic.rule
                out += "::\(command) file=\(Self.escapeProperty(path)),title=\(Self.escapeProperty(title))::\(Self.escapeData(diagnostic.message))\n"
            }
        }
        return out
    }

    /// Escapes a command's message.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Escapes a command property's value.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for character in Self.escapeData(text).unicodeScalars {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
