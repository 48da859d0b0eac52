import Testing

@testable import TagScanKit

@Suite("Progress line text")
struct ProgressLineTests {
    @Test(
        "documents, pages per second, errors and time left",
        arguments: [
            (0, 10, 0, 0, 2.0, "tagscan: 0/10 documents, 0 pages/s, 0 errors, time left unknown"),
            (4, 10, 400, 1, 2.0, "tagscan: 4/10 documents, 200 pages/s, 1 error, about 3 s left"),
            (1, 100, 10, 2, 3.0, "tagscan: 1/100 documents, 3 pages/s, 2 errors, about 4 min 57 s left"),
            (10, 10, 30, 0, 2.5, "tagscan: 10/10 documents, 12 pages/s, 0 errors"),
        ])
    func text(_ item: (done: Int, total: Int, pages: Int, errors: Int, seconds: Double, line: String)) {
        let line = ProgressLine.text(
            done: item.done, total: item.total, pages: item.pages, errors: item.errors, elapsed: .milliseconds(Int(item.seconds * 1000)))
        #expect(line == item.line)
    }
}
