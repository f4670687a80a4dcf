import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import MotCuaTestSupport
import TerminalUI

/// A new filter or a new view starts from its first row, scrolled to the top.
@Suite("Reducer: where the selection lands after a new filter or view")
struct SelectionTests {
    /// Answers the queue as the runtime does: the page around the target the state asks for.
    @discardableResult
    static func answer(_ state: inout AppState, _ summaries: [DossierSummary] = Fixture.summaries) -> [Effect] {
        let clock = DeadlineClock(now: state.now, calendar: Fixture.calendar)
        let data = QueueData.make(summaries, view: state.view, filter: state.filter.text, clock: clock, select: state.queueRequest.target)
        return update(&state, .dataLoaded(data), Fixture.env)
    }

    @Test func aNewFilterSelectsItsFirstMatch() throws {
        var state = Fixture.state()
        for _ in 0..<5 { _ = update(&state, .key(.down), Fixture.env) }
        _ = update(&state, .key(.character("/")), Fixture.env)
        for c in "thi" {
            _ = update(&state, .key(.character(c)), Fixture.env)
            Self.answer(&state)
        }
        _ = update(&state, .key(.enter), Fixture.env)
        #expect(state.selectedIndex == 0 && state.scroll == 0)
        expectScreen(state, lines: [
            "!  261130-0002 Trần Thị Bé         Chứng thực b… MC   30/11 hạn hôm nay Mới",
            "!  261126-0003 Nguyễn Thị Hoà      XN tình trạn… MC   01/12 còn 1 ngày  Mới",
        ], rows: 4..<6, columns: 0..<80, roles: nil)
        expectScreen(state, lines: ["261130-0002"], rows: 4..<5, columns: 3..<14, roles: ["sssssssssss"])
        let code = try #require(state.selectedRow).summary.code
        #expect(code.hasSuffix("0002"), "Enter would open \(code), not the first match")
    }

    static let many: [DossierSummary] = (1...300).map { n in
        Fixture.dossier(n, "Người số \(n)", received: "2026-11-27T0\(7 + n % 3):\(10 + n % 40)")
    } + [("2026-11-18T09:00", 301), ("2026-11-10T09:00", 302), ("2026-11-20T09:00", 303), ("2026-11-12T09:00", 304)].map { received, n in
        Fixture.dossier(n, "Quá Hạn \(n)", received: received)
    }

    @Test func theOverdueViewOpensAtItsMostOverdueDossier() throws {
        var state = AppState(size: Size(width: 80, height: 24), now: Fixture.now, view: .all)
        Self.answer(&state, Self.many)
        _ = update(&state, .key(.end), Fixture.env)
        Self.answer(&state, Self.many)
        #expect(state.selectedIndex == Self.many.count - 1)
        _ = update(&state, .key(.character("5")), Fixture.env)
        Self.answer(&state, Self.many)
        #expect(state.view == .overdue && state.selectedIndex == 0 && state.scroll == 0)
        let late = state.data.rows.page.map { row -> Int in
            if case .overdue(let days) = row.status { return days } else { return -1 }
        }
        #expect(late.count == 4 && late == late.sorted(by: >), "the most overdue first: \(late)")
        #expect(try #require(state.selectedRow).summary.applicantName == "Quá Hạn 302")
    }
}
