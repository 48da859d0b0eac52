/// `emails.reminders`: how often Yoti re-sends the invitation (three reminders in all).
public struct Reminders: Sendable, Codable, Hashable {
    /// The frequencies, in days, that the API accepts: 0 (none), 1, 2 or 7.
    public static let allowedFrequencies: Set<Int> = [0, 1, 2, 7]

    /// Days between reminders; one of ``allowedFrequencies``.
    public var frequency: Int

    public init(frequency: Int) {
        self.frequency = frequency
    }
}
