import Foundation

/// The one JSON encoder and decoder configuration used for the API: keys sorted so request bodies
/// and `--dry-run` output are deterministic, slashes left unescaped so URLs read naturally.
package enum YotiJSON {
    package static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes))
    }
}
