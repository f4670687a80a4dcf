import Foundation
import Testing
import MotCuaCore

/// Random keys, pastes and resizes against the real binary, and the terminating signals; in the
/// end-to-end suite so they never share the machine with its timing-sensitive tests.
extension EndToEndTests {
    static let monkeyKeys: [String] = {
        let named = ["Enter", "Escape", "Tab", "BTab", "Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End",
                     "BSpace", "DC", "Space", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "C-l", "C-u", "C-w", "M-1", "M-x"]
        let typed = Array("abcdeghiklmnoprstuvxyABCĐEGHN0123456789/.-,ăâđêôơưáàảãạấầẩẫậéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ ")
            .map(String.init).filter { $0 != "q" && $0 != "Q" }      // q and F10 would end the session
        return named + named + typed
    }()

    static let pastes = ["Nguyễn Thị Minh Khai \u{1B}[2J\u{1B}]0;x\u{07}", String(repeating: "Đặng Văn Dài ", count: 40),
                         "=HYPERLINK(\"x\")\t046190001234\t0912345678", "👨‍👩‍👧‍👦 🇻🇳 Z\u{0351}\u{0352}\u{0353}", "\u{202E}gnp.exe"]

    /// 10,000 random keys (100,000 with MOTCUA_SOAK=1) in batches, a paste every 400 keys, a resize
    /// between 10×5 and 300×100 every 500, and a liveness probe after each resize.
    @Test func tenThousandRandomKeysPastesAndResizesNeitherCrashNorHang() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        var tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        var rng = SeededGenerator(seed: 10_000)
        let total = ProcessInfo.processInfo.environment["MOTCUA_SOAK"] == nil ? 10_000 : 100_000
        var sent = 0, pastes = 0, resizes = 0, restarts = 0
        while sent < total {
            let batch = (0..<25).map { _ in Self.monkeyKeys[Int.random(in: 0..<Self.monkeyKeys.count, using: &rng)] }
            tmux.keys(batch)
            sent += batch.count
            if sent % 400 == 0 {
                tmux.type(Self.pastes[pastes % Self.pastes.count])
                pastes += 1
            }
            if sent % 500 == 0 {
                tmux.resize(Int.random(in: 10...300, using: &rng), Int.random(in: 5...100, using: &rng))
                resizes += 1
                // Alive and answering: a 70×20 window is always refused with the same message.
                tmux.resize(70, 20)
                tmux.wait(for: "quá nhỏ", seconds: 10)
                tmux.resize(80, 24)
            }
            if tmux.display("#{pane_dead}") == "1" {
                // Only a normal exit is acceptable (a dialog may have been confirmed); never a crash.
                #expect(tmux.exitOutcome() == "status 0", "after \(sent) keys: \(tmux.screen())")
                #expect(tmux.display("#{alternate_on}") == "0")
                tmux.close()
                tmux = try demo.session()
                tmux.wait(for: "Cảnh báo hạn")
                restarts += 1
            }
        }
        #expect(tmux.display("#{pane_dead}") == "0")
        tmux.keys("Escape", "Escape", "Escape")
        usleep(300_000)
        kill(tmux.pid, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while tmux.display("#{pane_dead}") != "1" && Date() < deadline { usleep(50_000) }
        #expect(tmux.restoredAtExit(), "terminal restored at the end")
        let check = shell([MotCuaBinary.path, "check"], environment: demo.env)
        #expect(check.status == 0, "\(check.output)")
        print("monkey: \(sent) keys, \(pastes) pastes, \(resizes) random resizes, \(restarts) normal exits and restarts")
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT, SIGQUIT])
    func aTerminatingSignalRestoresTheTerminal(signal: Int32) throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        #expect(tmux.display("#{alternate_on} #{cursor_flag}") == "1 0")
        kill(tmux.pid, signal)
        let deadline = Date().addingTimeInterval(5)
        while tmux.display("#{pane_dead}") != "1" && Date() < deadline { usleep(50_000) }
        #expect(tmux.display("#{pane_dead}") == "1")
        #expect(tmux.restoredAtExit(), "terminal restored after signal \(signal)")
    }
}
