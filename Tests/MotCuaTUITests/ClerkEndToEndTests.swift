import Foundation
import Testing

/// Issue 17, the clerk's remaining friction, through the real binary in tmux.
@Suite("End to end: a clerk's intake with a proxy, and the overdue view", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct ClerkEndToEndTests {
    /// The proxy with ID, phone and authorisation paper, and the counts of a paper changed with
    /// + and *, typed at 80×24 under TERM=vt100 and NO_COLOR: the receipt prints them all, as the
    /// command line's --proxy-document does.
    @Test func theProxysPaperAndTheDocumentCountsTypedAtIntakeArePrintedOnTheReceipt() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session(extra: ["TERM": "vt100", "NO_COLOR": "1"])
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("F2")
        tmux.wait(for: "TIẾP NHẬN HỒ SƠ MỚI")
        tmux.type("xac nhan hon nhan")
        tmux.wait(for: "1.004873")
        tmux.keys("Enter")
        tmux.type("Nguyễn Thị Ngọc Ánh")
        tmux.keys("Tab")
        tmux.type("046190001234")
        tmux.keys("Tab")
        tmux.type("0912345678")
        tmux.keys("Tab", "Tab", "Tab")                               // address, channel: to the proxy
        tmux.type("Trần Văn Bình")
        tmux.wait(for: "VB ủy quyền:")
        tmux.keys("Tab")
        tmux.type("046085000111")
        tmux.keys("Tab")
        tmux.type("0905111222")
        tmux.keys("Tab")
        tmux.type("Giấy ủy quyền số 12/2026 ngày 28/11/2026")
        tmux.keys("Tab")                                             // the first paper of the list
        tmux.type("++*")
        tmux.wait(for: "(chính 3, sao 1)")
        tmux.keys("F2")
        tmux.wait(for: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
        tmux.keys("PageDown")
        let receipt = tmux.wait(for: "theo mẫu │ 3     │ 1")                // the counts typed, in the table of papers
        #expect(receipt.contains("Văn bản ủy quyền: Giấy ủy quyền số 12/2026 ngày 28/11/2026"), "\(receipt)")
        #expect(receipt.contains("Trần Văn Bình; số định danh: 046085000111"), "\(receipt)")
        let title = try #require(receipt.split(separator: "\n").first { $0.contains("Đã lưu hồ sơ ") })
        let code = try #require(title.split(separator: " ").first { $0.contains("-") && $0.first?.isNumber == true })
        let shown = shell([MotCuaBinary.path, "show", String(code)], environment: demo.env)
        #expect(shown.output.contains("Ủy quyền:    Giấy ủy quyền số 12/2026 ngày 28/11/2026"), "\(shown.output.prefix(900))")
    }
}
