extension Preflight.Checker {
    /// A text the API wants `length.lowerBound`–`length.upperBound` characters long:
    /// `<subject> must be 1–100 characters; it is 0.`
    mutating func checkLength(
        _ text: String, in length: ClosedRange<Int>, _ subject: String, _ code: PreflightProblem.Code, at location: String
    ) {
        guard !length.contains(text.count) else { return }
        add(code, "\(subject) must be \(length.lowerBound)–\(length.upperBound) characters; it is \(text.count).", at: location)
    }

    /// A text the API wants at most `maximum` characters long:
    /// `<subject> is 60 characters; at most 50 are allowed.`
    mutating func checkLength(
        _ text: String, atMost maximum: Int, _ subject: String, _ code: PreflightProblem.Code, at location: String
    ) {
        guard text.count > maximum else { return }
        add(code, "\(subject) is \(text.count) characters; at most \(maximum) are allowed.", at: location)
    }

    /// A text without the characters the API refuses in it:
    /// `<subject> contains "/", ":", which the API refuses.`
    mutating func checkCharacters(
        _ text: String, _ subject: String, _ code: PreflightProblem.Code, at location: String,
        refusing forbidden: Set<Character> = Preflight.forbiddenCharacters
    ) {
        guard let bad = Preflight.forbidden(in: text, forbidden) else { return }
        add(code, "\(subject) contains \(bad), which the API refuses.", at: location)
    }
}
