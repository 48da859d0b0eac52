extension KeyedDecodingContainer {
    /// An integer written as a number or as a string; `""` and `null` read as absent. The docs'
    /// own examples show `"sign_group_order": ""`.
    func decodeLenientIntIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let number = try? decode(Int.self, forKey: key) { return number }
        let text = try decode(String.self, forKey: key).trimmingWhitespace()
        if text.isEmpty { return nil }
        guard let number = Int(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\"\(text)\" is not a whole number")
        }
        return number
    }

    /// A boolean written as `true`/`false` or as a string holding one of them; anything else in a
    /// string (the docs' placeholder `"<true/false>"`, `""`) reads as unknown rather than failing
    /// the whole answer.
    func decodeLenientBoolIfPresent(forKey key: Key) throws -> Bool? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let flag = try? decode(Bool.self, forKey: key) { return flag }
        if let number = try? decode(Int.self, forKey: key) { return number != 0 }
        switch try decode(String.self, forKey: key).trimmingWhitespace().lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: return nil
        }
    }
}
