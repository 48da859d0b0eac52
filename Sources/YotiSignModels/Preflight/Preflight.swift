/// Checks a create-envelope request against the rules the Yoti docs state, before any network
/// call, and lists every problem (not just the first).
///
/// ```swift
/// let problems = Preflight.check(options, documents: uploads)
/// if !problems.isEmpty { problems.forEach { print($0) } }
/// ```
///
/// An empty result means "nothing the docs forbid", not "Yoti will accept it": processing is
/// asynchronous and some errors (an unreadable PDF) only show up later as an `ERRORED` envelope.
public enum Preflight {
    /// At most 20 files per envelope.
    public static let maximumFileCount = 20
    /// 20 MB combined. The docs do not say whether that is 10⁶ or 2²⁰ bytes, so the smaller is used.
    public static let maximumCombinedBytes = 20_000_000
    /// File names (and so tag `file_name`s) are at most 255 characters.
    public static let maximumFileNameLength = 255
    public static let maximumTagsPerRecipient = 200
    public static let maximumSigners = 30
    public static let maximumCC = 30
    public static let envelopeNameLength = 1...125
    public static let invitationMessageLength = 1...600
    public static let recipientNameLength = 1...100
    public static let maximumRoleLength = 50
    public static let maximumTagNameLength = 50
    public static let maximumHelpTextLength = 255
    /// Tag `x` and `y` are fractions within 0 … 0.949.
    public static let positionRange = 0.0...0.949
    /// One year.
    public static let maximumActiveForSeconds = 365 * 24 * 60 * 60
    /// A base64 logo decodes to at most 200 kB.
    public static let maximumLogoBytes = 200_000

    /// Characters the API refuses in names, roles, help text and pre-filled values, in the order
    /// messages list them. The one list every check uses (preflight, lint, the configuration).
    public static let forbiddenCharacterList: [Character] = ["/", "\\", ":", "*", "?", "<", ">", "|"]
    public static let forbiddenCharacters = Set(forbiddenCharacterList)
    /// Characters the API refuses in the envelope name (`/` is allowed there).
    static let forbiddenInEnvelopeName: Set<Character> = [":", "*", "?", "<", ">", "|", "\\"]

    /// Every problem with `options` and `documents`, in a stable order: files, envelope options,
    /// recipients, then each recipient's tags.
    public static func check(
        _ options: EnvelopeOptions, documents: [DocumentUpload], kind: EnvelopeKind = .standard
    ) -> [PreflightProblem] {
        var checker = Checker(options: options, documents: documents, kind: kind)
        checker.checkFiles()
        checker.checkEnvelope()
        checker.checkRecipients()
        return checker.problems
    }
}

extension Preflight {
    /// Accumulates problems; one instance per `check` call.
    struct Checker {
        let options: EnvelopeOptions
        let documents: [DocumentUpload]
        let kind: EnvelopeKind
        let documentsByName: [String: DocumentUpload]
        var problems: [PreflightProblem] = []

        init(options: EnvelopeOptions, documents: [DocumentUpload], kind: EnvelopeKind) {
            self.options = options
            self.documents = documents
            self.kind = kind
            self.documentsByName = Dictionary(documents.map { ($0.fileName, $0) }, uniquingKeysWith: { first, _ in first })
        }

        mutating func add(_ code: PreflightProblem.Code, _ message: String, at location: String? = nil) {
            problems.append(PreflightProblem(code, message, at: location))
        }
    }
}

// MARK: - Text rules shared by the checks

extension Preflight {
    /// The characters of `text` that the API forbids, in order of first appearance, quoted for a
    /// message (`"/", ":"`), or `nil` when there are none.
    static func forbidden(in text: String, _ set: Set<Character> = forbiddenCharacters) -> String? {
        var seen: [Character] = []
        for character in text where set.contains(character) && !seen.contains(character) {
            seen.append(character)
        }
        return seen.isEmpty ? nil : seen.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    /// A pragmatic email check: one `@`, a non-empty local part of at most 64 characters, a
    /// dotted domain with no empty labels, no spaces or control characters, at most 254 in all.
    static func isPlausibleEmail(_ email: String) -> Bool {
        guard email.count <= 254, let at = email.lastIndex(of: "@") else { return false }
        guard !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        let local = email[..<at]
        let domain = email[email.index(after: at)...]
        guard !local.isEmpty, local.count <= 64, !local.contains("@") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") })
        else { return false }
        return !domain.contains("@") && !domain.contains("..")
    }

    /// True for an absolute `https://host…` URL.
    static func isHTTPSURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") else { return false }
        let rest = text.dropFirst("https://".count)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !text.contains(where: { $0.isWhitespace })
    }

    /// Lists numbers the way messages show them: `1, 3, 4`.
    static func list(_ numbers: some Sequence<Int>) -> String {
        numbers.map(String.init).joined(separator: ", ")
    }

    /// How many bytes a base64 string decodes to (padding and whitespace ignored).
    static func decodedBase64Length(_ text: String) -> Int {
        let significant = text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "=" }.count
        return significant * 3 / 4
    }
}
