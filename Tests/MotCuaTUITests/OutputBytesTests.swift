import Foundation
import Testing

extension TmuxSession {
    /// How many bytes the app has written to its terminal so far (the pane's recording).
    var bytesWritten: Int {
        ((try? FileManager.default.attributesOfItem(atPath: outputPath))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The bytes the app writes in answer to `keys`, once its output has settled.
    func bytesWritten(after keys: String...) -> (count: Int, text: String) {
        settle()
        let before = bytesWritten
        self.keys(keys)
        settle()
        let data = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()
        let written = data.count > before ? data.suffix(from: before) : Data()
        return (written.count, String(decoding: written, as: UTF8.self))
    }

    /// Waits until the recording has not grown for 300 ms.
    func settle() {
        var last = -1
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            usleep(300_000)
            let now = bytesWritten
            if now == last { return }
            last = now
        }
    }
}

/// What a key costs over a slow link (issue 17, defect 15: ↓ wrote 538–665 bytes at 80×24; the
/// goal is ≤ 400). Fixed rows in the small detail pane brought ↓ to 418–576; a selection over the
/// mark and the code only (14 cells of two rows instead of both whole rows), the deadline colour on
/// the marker only and shorter department names in the pane bring it to 248–379. A ↓ that scrolls
/// the list also draws the row that comes in (≈ 130 bytes): 469–564, was 558–673; measured
/// 537–550 on 2026-12-01 (344 of them text: the new row and the pane's new dossier). The pane's
/// SGRs (`ESC[0;1m SI`) are the pane TERM's (`screen`) `sgr`, which ncurses uses for every attribute
/// change; its copy of the terminfo is private, so only fewer role changes would cut them.
/// Issue 14's unpaid-fee mark (" · nợ phí" on the pane's first row) costs 9–13 bytes when it
/// changes between two dossiers: 541–563 measured against 537–550 without it, hence 575.
@Suite("End to end: bytes written per key", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct OutputBytesTests {
    @Test func oneRowDownWritesAtMost400Bytes() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        var counts: [Int] = []
        for _ in 0..<8 {                                   // 9 rows show: the 8th ↓ reaches the last one
            let written = tmux.bytesWritten(after: "Down")
            counts.append(written.count)
            print("↓ wrote \(written.count) bytes: \(written.text.debugDescription)")
        }
        var scrolling: [Int] = []
        for _ in 0..<4 {
            let written = tmux.bytesWritten(after: "Down")
            scrolling.append(written.count)
            print("scrolling ↓ wrote \(written.count) bytes: \(written.text.debugDescription)")
        }
        let pageDown = tmux.bytesWritten(after: "PageDown").count
        _ = tmux.bytesWritten(after: "Home")
        _ = tmux.bytesWritten(after: "/")
        let filterKey = tmux.bytesWritten(after: "t").count
        print("↓ counts: \(counts); scrolling ↓: \(scrolling); PgDn: \(pageDown); filter key: \(filterKey)")
        #expect(counts.allSatisfy { $0 <= 400 }, "↓ wrote \(counts) bytes")
        #expect(scrolling.allSatisfy { $0 <= 575 }, "a ↓ that scrolls wrote \(scrolling) bytes")
        // A page and a filter key redraw the list's rows (≈ 1,000–1,300 bytes): never the whole screen.
        #expect(pageDown <= 1_500 && filterKey <= 1_500, "PgDn wrote \(pageDown), a filter key \(filterKey) bytes")
    }
}
