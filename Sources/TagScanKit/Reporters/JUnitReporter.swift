public import Foundation

/// JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).
///
/// One `<testsuite>` per document. Each rule with findings in it is a `<testcase>` named by the
/// rule id: a `<failure>` when a finding is at or above the threshold, an `<error>` when the
/// document could not be read, otherwise passing with the findings in `<system-out>`. A document
/// without findings has one passing test case, `lint`.
public struct JUnitReporter: Reporter {
    /// The severity that fails a test case; findings below it are written as its output.
    public var threshold: Severity

    public init(failingAt threshold: Severity = .error) {
        self.threshold = threshold
    }

    public func render(_ report: LintReport) -> Data {
        Data(xml(report).utf8)
    }

    private func xml(_ report: LintReport) -> String {
        var suites = ""
        var totals = (tests: 0, failures: 0, errors: 0)
        for document in report.documents {
            var rules: [String] = []
            var byRule: [String: [Diagnostic]] = [:]
            for diagnostic in document.diagnostics {
                if byRule[diagnostic.rule] == nil { rules.append(diagnostic.rule) }
                byRule[diagnostic.rule, default: []].append(diagnostic)
            }
            var cases = ""
            var counts = (tests: 0, failures: 0, errors: 0)
            let path = Self.escape(document.path)
            if rules.isEmpty {
                cases += "    <testcase classname=\"\(path)\" name=\"lint\"/>\n"
                counts.tests += 1
            }
            for rule in rules {
                let findings = byRule[rule] ?? []
                counts.tests += 1
                let body = Self.escape(findings.map(Self.line).joined(separator: "\n"))
                let first = Self.escape(findings[0].message)
                cases += "    <testcase classname=\"\(path)\" name=\"\(Self.escape(rule))\">\n"
                if document.status == .error {
                    counts.errors += 1
                    cases += "      <error type=\"\(Self.escape(rule))\" message=\"\(first)\">\(body)</error>\n"
                } else if findings.contains(where: { $0.severity >= threshold }) {
                    counts.failures += 1
                    cases += "      <failure type=\"\(Self.escape(rule))\" message=\"\(first)\">\(body)</failure>\n"
                } else {
                    cases += "      <system-out>\(body)</system-out>\n"
                }
                cases += "    </testcase>\n"
            }
            suites += "  <testsuite name=\"\(path)\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\">\n"
            suites += cases
            suites += "  </testsuite>\n"
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.errors += counts.errors
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="tagscan lint" tests="\(totals.tests)" failures="\(totals.failures)" errors="\(totals.errors)">

            """ + suites + "</testsuites>\n"
    }

    /// `page 2: error: message`.
    private static func line(_ diagnostic: Diagnostic) -> String {
        let page = diagnostic.pageNumber.map { "page \($0): " } ?? ""
        return "\(page)\(diagnostic.severity.rawValue): \(diagnostic.message)"
    }

    /// Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
