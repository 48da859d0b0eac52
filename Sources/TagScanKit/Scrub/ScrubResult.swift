public import Foundation

/// What scrubbing one document gave: the scrubbed bytes and their proof, or why there are none.
public struct ScrubResult: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable, Hashable {
        /// Every anchor removed (or, with `keepUnremovable`, every removable one) and proven.
        case scrubbed
        /// The document has no anchor: the output is the input, unchanged.
        case unchanged
        /// Some anchors cannot be removed safely; nothing is written.
        case refused
        /// The rewritten file failed its proof; nothing is written.
        case proofFailed = "proof_failed"
        /// The document could not be read or rewritten.
        case failed
    }

    public var path: String
    public var fileName: String
    public var status: Status
    /// The scan of the original: the anchors and the tags `submit --scrub` sends.
    public var scan: DocumentResult
    public var anchorsRemoved: [Anchor]
    /// Anchors left in place because removing them is not safe.
    public var anchorsKept: [Anchor]
    /// `|tagscan-disable:…|` lint directives removed, and those left because removing them is
    /// not safe (reported like anchors, `anchor-unremovable`).
    public var directivesRemoved: [TemplateDirective] = []
    public var directivesKept: [TemplateDirective] = []
    public var diagnostics: [Diagnostic]
    public var proof: ScrubProof?
    /// The bytes to write: nil unless `status` is `scrubbed` or `unchanged`.
    public var output: Data? = nil

    public var isWritable: Bool { output != nil }

    public init(
        path: String, fileName: String, status: Status, scan: DocumentResult, anchorsRemoved: [Anchor] = [], anchorsKept: [Anchor] = [],
        diagnostics: [Diagnostic] = [], proof: ScrubProof? = nil, output: Data? = nil
    ) {
        self.path = path
        self.fileName = fileName
        self.status = status
        self.scan = scan
        self.anchorsRemoved = anchorsRemoved
        self.anchorsKept = anchorsKept
        self.diagnostics = diagnostics
        self.proof = proof
        self.output = output
    }

    enum CodingKeys: String, CodingKey {
        case path
        case fileName = "file_name"
        case status
        case anchorsRemoved = "anchors_removed"
        case anchorsKept = "anchors_kept"
        case directivesRemoved = "directives_removed"
        case directivesKept = "directives_kept"
        case scan, diagnostics, proof
    }
}
