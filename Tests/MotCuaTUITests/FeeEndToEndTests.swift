import Foundation
import Testing

/// Fees at the desk through the real binary in tmux at 80×24: the intake form's F6 ("đã thu
/// tiền mặt") takes the whole fee with the dossier, and F6 → p takes one on a selected dossier.
@Suite("End to end: taking a fee at intake and from F6", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct FeeEndToEndTests {
    func fees(_ code: String, _ demo: DemoFixture) throws -> [String: Any] {
        let r = shell([MotCuaBinary.path, "fees", code, "--json"], environment: demo.env)
        return try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any] ?? [:]
    }

    func intake(_ tmux: TmuxSession, name: String, id: String, paidInCash: Bool) throws -> String {
        tmux.keys("F2")
        tmux.wait(for: "TIẾP NHẬN HỒ SƠ MỚI")
        tmux.type("xac nhan hon nhan")
        tmux.wait(for: "1.004873")
        tmux.keys("Enter")
        tmux.type(name)
        tmux.keys("Tab")
        tmux.type(id)
        tmux.keys("Tab")
        tmux.type("0912345678")
        tmux.wait(for: "Phí 15.000 đồng [ ] đã thu tiền mặt (F6)")
        if paidInCash {
            tmux.keys("F6")
            tmux.wait(for: "Phí 15.000 đồng [x] đã thu tiền mặt (F6)")
        }
        tmux.keys("F2")
        let receipt = tmux.wait(for: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
        let title = try #require(receipt.split(separator: "\n").first { $0.contains("Đã lưu hồ sơ ") })
        return String(try #require(title.split(separator: " ").first { $0.contains("-") && $0.first?.isNumber == true }))
    }

    @Test func theIntakeFormsPaidInCashKeyAndF6ThuPhiTakeTheFeeWithAReceipt() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        let paid = try intake(tmux, name: "Trần Thị Bé", id: "046190001234", paidInCash: true)
        let first = try fees(paid, demo)
        #expect(first["due"] as? Int == 15_000 && first["paid"] as? Int == 15_000, "\(first)")
        let payment = (first["payments"] as? [[String: Any]])?.first
        #expect(payment?["method"] as? String == "cash" && payment?["by"] as? String == "lan")
        let receipt = try #require(payment?["receipt"] as? String)
        #expect(receipt.hasPrefix("2026-"))
        tmux.keys("Escape")
        tmux.wait(for: "Cảnh báo hạn")

        let unpaid = try intake(tmux, name: "Lê Văn Cường", id: "046090005678", paidInCash: false)
        #expect(try fees(unpaid, demo)["paid"] as? Int == 0)
        tmux.keys("Escape")
        tmux.wait(for: "· nợ phí")                               // the detail pane says so
        tmux.keys("F6")
        tmux.wait(for: "p  Thu phí, lệ phí")
        tmux.keys("p")
        tmux.wait(for: "còn phải nộp 15.000 đồng")
        tmux.keys("Tab", "Right")                              // cash → transfer
        tmux.wait(for: "◂ Chuyển khoản ▸")
        tmux.keys("Enter", "Enter")
        let done = tmux.wait(for: "biên lai số")
        #expect(done.contains("Đã thu 15.000 đồng (Chuyển khoản)"), "\(done)")
        let second = try fees(unpaid, demo)
        #expect(second["paid"] as? Int == 15_000)
        let next = (second["payments"] as? [[String: Any]])?.first?["receipt"] as? String
        #expect(next.flatMap { Int($0.suffix(6)) } == Int(receipt.suffix(6)).map { $0 + 1 }, "the book's next number: \(next ?? "-") after \(receipt)")
    }
}
