/// The command a mistyped word most likely meant.
enum CommandSuggestion {
    /// The name nearest to `word` by edit distance (a swap of two letters counts as one edit),
    /// when it is near enough to be a typo: at most 2 edits, and fewer than half the word.
    static func nearest(to word: String, among names: [String]) -> String? {
        let lower = word.lowercased()
        // "prev" for "preview": a word that starts a name is that name.
        if lower.count >= 2, let started = names.first(where: { $0.hasPrefix(lower) }) { return started }
        let typed = Array(lower)
        let scored = names.map { (name: $0, distance: distance(typed, Array($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        return best.distance <= min(2, max(1, typed.count / 2)) ? best.name : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
