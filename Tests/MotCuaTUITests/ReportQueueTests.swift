import Foundation
import Testing
import MotCuaCore
import MotCuaDesk
import MotCuaStore
@testable import MotCuaTUI
import MotCuaTestSupport
import TerminalUI

/// F9, the period report: the day's number queue under the tables, from the journal, as
/// `motcua report --queue` counts it.
@Suite("Report screen: the counter queue's figures")
struct ReportQueueTests {
    @Test func theReportShowsTheQueueOfItsLastDayPerCounterAndOfficial() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-rq-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: at("2026-11-01T08:00"))
        let store = try Store.create(at: root, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        let admin = try store.actor(login: "admin", terminal: nil)
        try store.addUser(User(login: "lan", name: "Lê Thị Lan", role: .clerk), actor: admin, now: at("2026-11-01T08:00"))
        try store.addUser(User(login: "hung", name: "Trần Văn Hùng", role: .supervisor), actor: admin, now: at("2026-11-01T08:00"))
        let clerk = Desk(store: store, actor: try store.actor(login: "lan", terminal: nil))
        _ = try Desk(store: store, actor: admin).configureCounter(1, groups: [], official: "lan", now: at("2026-11-01T08:00"))
        _ = try clerk.issueTicket(group: "A", priority: false, now: at("2026-11-30T08:00"))
        _ = try clerk.queueCommand(.call(counter: 1), now: at("2026-11-30T08:04"))
        _ = try clerk.queueCommand(.start(counter: 1), now: at("2026-11-30T08:05"))
        _ = try clerk.queueCommand(.finish(counter: 1), now: at("2026-11-30T08:15"))

        let desk = Desk(store: store, actor: try store.actor(login: "hung", terminal: nil))
        let app = App(desk: desk, backend: InMemoryBackend(size: Size(width: 100, height: 60)), clock: { at("2026-11-30T16:00") })
        app.dispatch(.key(.function(9)))                 // the quarter to today, counted at once
        var lines: [ReportView.Line] = []
        for _ in 0..<200 where lines.isEmpty {
            app.step(timeoutMs: 20)
            if case .report(let view) = app.state.mode { lines = view.lines }
        }
        let text = lines.map(\.text)
        let heading = try #require(text.firstIndex(of: "HÀNG ĐỢI TẠI QUẦY NGÀY 30/11/2026"), "\(text.suffix(12))")
        let rows = text[heading...]
        #expect(rows.contains { $0.hasPrefix("Quầy 1") && $0.contains("4:00") && $0.contains("10:00") }, "\(Array(rows))")
        #expect(rows.contains { $0.hasPrefix("Lê Thị Lan") }, "the official by name: \(Array(rows))")
    }
}
