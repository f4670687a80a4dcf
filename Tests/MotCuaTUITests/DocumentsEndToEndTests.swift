import Foundation
import Testing
import MotCuaCore

/// Marking a paper scanned from the terminal app, through the real binary in tmux at 80×24:
/// F6 → s asks for the file, a missing one is refused in the dialog, the scan is recorded with
/// its SHA-256 and the command line reads the same record back.
@Suite("End to end: marking a paper scanned from F6", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct DocumentsEndToEndTests {
    @Test func f6SAsksForTheScanRefusesAMissingFileAndRecordsTheHash() throws {
        let demo = DemoFixture(dossiers: 20)
        defer { demo.cleanup() }
        let scans = demo.directory + "-scans"
        try FileManager.default.createDirectory(atPath: scans, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scans) }
        let bytes = Array("%PDF-1.4 ban quet to khai".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: scans + "/scan01.pdf"))
        var admin = demo.env
        admin["MOTCUA_USER"] = "admin"
        let configured = shell([MotCuaBinary.path, "documents", "configure", "--scan-folder", scans], environment: admin)
        #expect(configured.status == 0, "\(configured.output)")
        let received = shell([MotCuaBinary.path, "receive", "--procedure", "1.004873", "--name", "Tôn Thất Quét",
                              "--id", "046090007777", "--phone", "0912345678", "--json"], environment: demo.env)
        let json = try JSONSerialization.jsonObject(with: Data(received.output.utf8)) as? [String: Any]
        let code = try #require(json?["code"] as? String, "\(received.output)")

        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("/")
        tmux.type(code)
        tmux.wait(for: "Tôn Thất Quét")
        tmux.keys("Enter")
        tmux.keys("F6")
        tmux.wait(for: "s  Số hóa giấy tờ")
        tmux.keys("s")
        let dialog = tmux.wait(for: "— chưa số hóa")
        #expect(dialog.contains("Thư mục bản quét:"), "\(dialog)")
        tmux.type("missing.pdf")
        tmux.keys("Enter")
        tmux.wait(for: "✗ Không đọc được tệp missing.pdf")
        tmux.keys(Array(repeating: "BSpace", count: 11))
        tmux.type("scan01.pdf")
        tmux.keys("Enter")
        tmux.wait(for: "Đã ghi giấy tờ số 1: đã số hóa: scan01.pdf")

        let shown = shell([MotCuaBinary.path, "show", code, "--json"], environment: demo.env)
        #expect(shown.status == 0, "\(shown.output)")
        let detail = try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any]
        let paper = try #require((detail?["documents"] as? [[String: Any]])?.first, "\(shown.output)")
        #expect(paper["status"] as? String == "digitised" && paper["scan"] as? String == "scan01.pdf", "\(paper)")
        #expect(paper["sha256"] as? String == SHA256.hex(SHA256.hash(bytes)), "\(paper)")
        #expect(!shown.output.contains("ban quet to khai"), "the scan's bytes are not kept")
    }
}
