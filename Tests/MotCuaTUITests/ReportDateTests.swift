import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// F9's period: two-digit years are 20yy, a well-formed impossible date is called so, and a
/// refused period leaves no table of another period on the screen.
@Suite("Reducer: the report's dates")
struct ReportDateTests {
    /// Opens F9 and replaces the "from" field's text.
    func typeFrom(_ text: String, _ state: inout AppState) {
        _ = update(&state, .key(.function(9)), Fixture.env)
        for _ in 0..<10 { _ = update(&state, .key(.backspace), Fixture.env) }
        for c in text { _ = update(&state, .key(.character(c)), Fixture.env) }
    }

    @Test func aTwoDigitYearIsThisCentury() {
        var state = Fixture.state()
        typeFrom("1/11/26", &state)
        #expect(update(&state, .key(.enter), Fixture.env) == [.loadReport(from: CivilDate(2026, 11, 1), to: CivilDate(2026, 11, 30), grouping: .field)])
        expectScreen(state, lines: [" Từ ngày: 01/11/2026   Đến ngày: 30/11/2026   Nhóm theo: ◂ Lĩnh vực ▸", ""], rows: 2..<4)
    }

    @Test func aDateThatDoesNotExistIsCalledSoAndTheOldTableGoes() {
        var state = Fixture.state()
        typeFrom("01/10/2026", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        _ = update(&state, .reportLoaded(lines: [ReportView.Line("Kỳ 01/10/2026–30/11/2026"), ReportView.Line("TỔNG 10", .total)]), Fixture.env)
        expectScreen(state, lines: ["Kỳ 01/10/2026–30/11/2026", "TỔNG 10"], rows: 4..<6)
        for _ in 0..<10 { _ = update(&state, .key(.backspace), Fixture.env) }
        for c in "31/02/2026" { _ = update(&state, .key(.character(c)), Fixture.env) }
        #expect(update(&state, .key(.enter), Fixture.env) == [])
        expectScreen(state, lines: [
            " Từ ngày: 31/02/2026   Đến ngày: 30/11/2026   Nhóm theo: ◂ Lĩnh vực ▸",
            " Từ ngày 31/02/2026: ngày không tồn tại",
            "",
            "",
        ], rows: 2..<6)
    }

    @Test func aPeriodTheDeskRefusesLeavesNoOldTable() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(9)), Fixture.env)
        _ = update(&state, .reportLoaded(lines: [ReportView.Line("Kỳ 01/10/2026–30/11/2026"), ReportView.Line("TỔNG 10", .total)]), Fixture.env)
        _ = update(&state, .notice("Kỳ báo cáo không hợp lệ: từ ngày sau đến ngày", isError: true), Fixture.env)
        expectScreen(state, lines: [" Kỳ báo cáo không hợp lệ: từ ngày sau đến ngày", "", ""], rows: 3..<6)
    }
}
