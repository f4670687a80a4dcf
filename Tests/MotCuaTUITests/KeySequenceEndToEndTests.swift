import Foundation
import Testing

extension TmuxSession {
    /// Sends raw bytes to the app, all in one command (as a terminal sends one key's sequence).
    func bytes(_ text: String) {
        shell(["tmux", "-L", socket, "send-keys", "-t", "app", "-H"] + text.utf8.map { String(format: "%02x", $0) })
    }
}

/// Escape sequences as terminals send them, read by the real binary (issue 17, defects 10 and 12).
@Suite("End to end: escape sequences and F-keys", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct KeySequenceEndToEndTests {
    /// Defect 10: under TERM=vt100, whose terminfo knows none of these, a sequence was split into
    /// keys (F6 acted as Esc, then `7`). Unknown sequences are swallowed whole.
    @Test func anEscapeSequenceTheTerminfoDoesNotKnowIsNeverTypedAsKeys() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session(extra: ["TERM": "vt100"])
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("F2")
        tmux.wait(for: "TIẾP NHẬN HỒ SƠ MỚI")
        tmux.type("khai")
        tmux.wait(for: "khai")
        // xterm's Ctrl-F1, PuTTY's F13 (Shift-F3), an unknown SS3 key, xterm's Alt-F2.
        for sequence in ["\u{1B}[1;5P", "\u{1B}[25~", "\u{1B}Oj", "\u{1B}[12;3~"] {
            tmux.bytes(sequence)
            usleep(150_000)
        }
        tmux.type("x")
        let screen = tmux.wait(for: "khaix")
        #expect(screen.contains("TIẾP NHẬN HỒ SƠ MỚI"), "a sequence acted as Esc:\n\(screen)")
        #expect(!screen.contains("Bỏ hồ sơ đang nhập"), "a sequence acted as Esc:\n\(screen)")
        for junk in ["5P", "25~", "khai~", "khaij", "3~", "khai1", "khaiP"] {
            #expect(!screen.contains(junk), "\(junk) was typed:\n\(screen)")
        }
    }

    /// A person's Esc, then a digit after a pause, is still the F-key fallback; a lone Esc is Esc.
    @Test func aLoneEscAndEscThenADigitStillWork() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session(extra: ["TERM": "vt100"])
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("Escape")
        tmux.wait(for: "Esc: bấm một số 1–9, 0")
        usleep(300_000)
        tmux.keys("2")
        tmux.wait(for: "TIẾP NHẬN HỒ SƠ MỚI")
        tmux.keys("Escape")
        let screen = tmux.wait(for: "Cảnh báo hạn")
        #expect(!screen.contains("TIẾP NHẬN HỒ SƠ MỚI"))
    }
}
