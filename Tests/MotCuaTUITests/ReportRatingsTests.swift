import Foundation
import Testing
import MotCuaCore
import MotCuaDesk
import MotCuaStore
@testable import MotCuaTUI
import TerminalUI

/// F9, the period report: the citizens' ratings of the period under the tables, counted by the
/// same Core aggregation (`RatingReport`) as `motcua ratings`.
@Suite("Report screen: the citizens' ratings of the period")
struct ReportRatingsTests {
    static func at(_ text: String) -> Instant { Instant(iso8601: text + ":00+07:00")! }

    @Test func theReportCountsTheRatingsByLevelAndTheShareNotSatisfied() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-rr-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: Self.at("2026-09-01T08:00"))
        let store = try Store.create(at: root, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        let admin = try store.actor(login: "admin", terminal: nil)
        try store.addUser(User(login: "lan", name: "Lê Thị Lan", role: .clerk), actor: admin, now: Self.at("2026-09-01T08:00"))
        try store.addUser(User(login: "hung", name: "Trần Văn Hùng", role: .supervisor), actor: admin, now: Self.at("2026-09-01T08:00"))
        let clerk = Desk(store: store, actor: try store.actor(login: "lan", terminal: nil))
        // Rated in the period: very satisfied, satisfied, unsatisfied; one rated before it is not counted.
        let days = ["2026-09-28", "2026-11-02", "2026-11-10", "2026-11-20"]
        let levels: [Rating.Level] = [.unsatisfied, .verySatisfied, .satisfied, .unsatisfied]
        for (day, level) in zip(days, levels) {
            let intake = Intake(procedureCode: "1.004873", applicant: Person(name: "Trần Văn Nam", idNumber: "001085012345", phone: "0912345678"),
                                receivedAt: Self.at("\(day)T08:00"))
            let code = try clerk.receive(intake, now: Self.at("\(day)T08:00")).commit.code
            _ = try clerk.perform(.resultReady(note: nil), on: code, now: Self.at("\(day)T09:00"))
            _ = try clerk.returnResult(.applicant, form: nil, on: code, allowUnpaid: true, now: Self.at("\(day)T10:00"))
            _ = try clerk.rate(code: code, rating: Rating(level: level, channel: .paper), now: Self.at("\(day)T10:05"))
        }

        let desk = Desk(store: store, actor: try store.actor(login: "hung", terminal: nil))
        let app = App(desk: desk, backend: InMemoryBackend(size: Size(width: 100, height: 60)), clock: { Self.at("2026-11-30T16:00") })
        app.dispatch(.key(.function(9)))                 // the quarter to today: 01/10 to 30/11
        var lines: [ReportView.Line] = []
        for _ in 0..<200 where lines.isEmpty {
            app.step(timeoutMs: 20)
            if case .report(let view) = app.state.mode { lines = view.lines }
        }
        let text = lines.map(\.text)
        let heading = try #require(text.firstIndex(of: "ĐÁNH GIÁ CỦA NGƯỜI DÂN TỪ 01/10/2026 ĐẾN 30/11/2026"), "\(text.suffix(12))")
        #expect(lines[heading].kind == .total)
        #expect(text[heading + 1] == "Rất hài lòng 1 · Hài lòng 1 · Không hài lòng 1 · Tổng 3", "\(text[heading...])")
        #expect(text[heading + 2].hasPrefix("Tỷ lệ chưa hài lòng: 33,3%"), "\(text[heading...])")
        // The same counts as `motcua ratings` over the period.
        let cli = try desk.ratingReport(from: CivilDate(2026, 10, 1), to: CivilDate(2026, 11, 30), by: .none).report.total
        #expect((cli.verySatisfied, cli.satisfied, cli.unsatisfied) == (1, 1, 1))
    }
}
