import Foundation
import Testing

/// Issue 16: the interactive `motcua lookup` in a real terminal (tmux) with TERM=vt100, as a
/// ForceCommand SSH account gets it: a citizen types the code and the secret, sees the view,
/// the screen is cleared for the next one, hostile input is inert, Ctrl-D ends it.
@Suite("Citizen lookup end to end (tmux)", .serialized)
struct LookupEndToEndTests {
    @Test func aCitizenLooksUpTheNextOneSeesNothingOfItAndCtrlDEnds() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-lookup-e2e-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        let staff = ["MOTCUA_USER": "admin", "MOTCUA_DATA": store, "MOTCUA_NOW": "2026-12-01T08:00:00+07:00"]
        #expect(shell([MotCuaBinary.path, "init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: staff).status == 0)
        let received = shell([MotCuaBinary.path, "receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234",
                              "--phone", "0912345678", "--json"], environment: staff)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(received.output.utf8)) as? [String: Any], "\(received.output)")
        let code = try #require(json["code"] as? String), secret = try #require(json["lookupSecret"] as? String)

        let session = try TmuxSession(width: 80, height: 24, command: "\(MotCuaBinary.path) lookup", environment: [
            "TERM": "vt100", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "MOTCUA_DATA": store, "MOTCUA_LOOKUP_DELAY_MS": "10",
            "SSH_CLIENT": "10.0.0.8 40000 22", "SWIFT_BACKTRACE": "enable=no"])
        defer { session.close() }
        session.wait(for: "Mã hồ sơ:")      // capture-pane drops the trailing space
        session.type(code)
        session.keys("Enter")
        session.wait(for: "Mã tra cứu:")
        session.type(secret.lowercased())
        session.keys("Enter")
        let shown = session.wait(for: "Nhấn Enter để tra cứu hồ sơ khác.")
        #expect(shown.contains("Tình trạng: Đã tiếp nhận, đang chuyển đến nơi giải quyết"), "\(shown)")
        #expect(shown.contains("TRA CỨU TIẾN ĐỘ HỒ SƠ — Phường thử"))
        for personal in ["Nguyễn", "Ánh", "046090001234", "0912345678", "admin"] { #expect(!shown.contains(personal), "\(shown)") }

        // The next citizen: the screen is cleared, the last view gone.
        session.keys("Enter")
        let deadline = Date().addingTimeInterval(10)
        var next = session.screen()
        while next.contains("Tình trạng:") && Date() < deadline {
            usleep(50_000)
            next = session.screen()
        }
        #expect(!next.contains("Tình trạng:") && !next.contains(code) && next.contains("Mã hồ sơ:"), "\(next)")
        // Hostile input: an OSC title and a colour change typed as the code stay inert; the answer is the refusal.
        session.type("\u{1B}]0;pwned\u{07}\u{1B}[31mX")
        session.keys("Enter")
        session.wait(for: "Mã tra cứu:")
        session.type("abc")
        session.keys("Enter")
        let refused = session.wait(for: "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này")
        #expect(session.display("#{pane_title}") != "pwned", "\(refused)")

        session.keys("C-d")
        #expect(session.exitOutcome() == "status 0", "\(session.screen())")
    }
}
