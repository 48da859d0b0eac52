import ArgumentParser

/// `json` (the default, for programs) or `text` (for people).
enum EnvelopeOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case json, text
}
