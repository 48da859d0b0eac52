/// How a scan runs and places fields.
/// Codable so an isolated scan can hand the options to its worker processes: every field must
/// survive a JSON round trip.
public struct ScanOptions: Sendable, Hashable, Codable {
    /// Password for encrypted documents (user or owner password).
    public var password: String?
    /// Worker threads; each opens its own copy of a document. Defaults to the machine's cores.
    public var jobs: Int
    /// `sign_group` per recipient role ("Signer 2": 2); roles not listed get 1.
    public var signGroups: [String: Int]
    /// Width of `text_field` tags as a fraction of the page width.
    public var textFieldWidth: Double
    /// Which poppler API extracts text: the glyph path when available (default) or poppler-glib.
    public var extraction: ExtractionPath
    /// Pages a worker takes from a long document at a time; the rest go to other workers.
    public var pagesPerUnit: Int
    /// DocuSign-style rules that place fields at text already in the document.
    public var customRules: [CustomAnchorRule] = []
    /// Foreign dialects whose tags are translated into Yoti tags (`tagscan convert --from`); a
    /// plain scan only lists foreign tags, with a `foreign-tag` warning.
    public var translatedDialects: Set<AnchorDialect> = []
    /// Yoti role per foreign recipient (`signer1`, `r2`, `First Party`); see ``RoleMapping``.
    public var roleMap: [String: String] = [:]
    /// Make optional `date_signed_field` tags required, as Yoti demands (reported as `date-required`).
    public var dateSignedRequired = true
    /// Scan each document in a worker process with a time limit and a memory cap;
    /// nil scans in this process, with neither. See ``IsolationOptions``.
    public var isolation: IsolationOptions? = nil

    public init(
        password: String? = nil, jobs: Int = ScanOptions.defaultJobs, signGroups: [String: Int] = [:],
        textFieldWidth: Double = 0.2, pagesPerUnit: Int = 32, extraction: ExtractionPath = .automatic
    ) {
        self.extraction = extraction
        self.password = password
        self.jobs = max(1, jobs)
        self.signGroups = signGroups
        self.textFieldWidth = textFieldWidth
        self.pagesPerUnit = max(1, pagesPerUnit)
    }

    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }
}

import Foundation
