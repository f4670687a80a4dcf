import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// F9 then F9: the scorecard tab, drawn from a real scorecard of the sample dossiers
/// (Monday 30/11/2026 10:00, November still running).
@Suite("Reducer: the scorecard tab")
struct ScorecardScreenTests {
    static func lines(_ rule: ScorecardRule) -> [ReportView.Line] {
        let period = ScorecardPeriod.month(year: 2026, month: 11)
        let card = Scorecard.compute(dossiers: Fixture.summaries, period: period, rule: rule, calendar: Fixture.calendar,
                                     now: Fixture.now, catalogue: .sample)
        let chart = Scorecard.monthlyChart(dossiers: Fixture.summaries, year: 2026, rule: rule, calendar: Fixture.calendar,
                                           now: Fixture.now, catalogue: .sample)
        return ScorecardView.lines(card, chart: chart, agency: "000.00.xx.H57")
    }

    @Test func f9TwiceShowsTheMonthsIndicesTrendAndWhatWouldRaiseIt() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(9)), Fixture.env)
        #expect(update(&state, .key(.function(9)), Fixture.env) == [.loadScorecard(.month(year: 2026, month: 11), rule: .dateOnly)])
        expectScreen(state, lines: [" Đang tính…"], rows: 4..<5)
        // The national reading: the dossier due at 16:00 today is within time now, late by midnight.
        #expect(update(&state, .key(.character("r")), Fixture.env) == [.loadScorecard(.month(year: 2026, month: 11), rule: .national)])
        _ = update(&state, .scorecardLoaded(.month(year: 2026, month: 11), .national, lines: Self.lines(.national)), Fixture.env)
        expectScreen(state, lines: [
            " BÁO CÁO THEO KỲ › CHỈ SỐ QĐ 766 · ←→ tháng · r cách đọc · F9 báo cáo · Esc qua…",
            " Kỳ: ◂ Tháng 11/2026 ▸  Cách đọc: theo văn bản (so thời điểm)",
            "",
            "TIẾN ĐỘ GIẢI QUYẾT             ███████████████████████████░░░ 17,78/20 8/9",
            "  ratio 88,89 % · totalOverdue 1 · avgProcessingDays 0,50 · tồn kỳ trước 0",
            "DOSSIER_SYNC                   chưa cấu hình đồng bộ Cổng DVCQG · tối đa 6",
            "ONLINE_PAYMENT_C               ████░░░░░░░░░░░░░░░░░░░░░░░░░░ 0,30/2,5",
            "Chưa ghi nhận tại quầy (chờ dữ liệu phí/số hóa/đánh giá) (điểm tối đa):",
            "ONLINE_PAYMENT_A 6, ONLINE_PAYMENT_B 2, DOSSIER_RECEIVING_SATISFACTION 6,",
            "ORIGINAL_RESULT_AVAILABLE 6, SO_HOA_GIAY_TO_GIAI_QUYET 4,",
            "REUSED_DIGITIZED_DATA 2",
            "Kênh: trực tiếp 100,0 % · bưu chính 0,0 % · trực tuyến 0,0 % (10 hồ sơ)",
            "Không tính từ dữ liệu tại quầy: 10 chỉ số, 46,0 điểm (công khai, PAKN, DVCTT…)",
            "",
            "XU HƯỚNG 2026 T1   T2   T3   T4   T5   T6   T7   T8   T9   T10  T11  T12",
            "đúng hạn %      ·    ·    ·    ·    ·    ·    ·    ·    ·    ·  ▇ 89   ·",
            "quá hạn %       ·    ·    ·    ·    ·    ·    ·    ·    ·    ·  ▂ 11   ·",
            "",
            "ĐIỀU GÌ NÂNG ĐIỂM: 1 hồ sơ đang trong hạn sẽ quá hạn trước khi hết kỳ",
            "  mỗi hồ sơ trễ hạn: −2,22 điểm; trễ cả: −2,22 điểm",
            "  261130-0002      Chứng thực bản sao               hạn 30/11 17:00  −2,22",
            "",
            "F9Báo cáo      ←Tháng trước      →Tháng sau      rCách đọc      EscQuay lại",
        ], rows: 1..<24)
    }

    @Test func theKeysChangeMonthAndRuleAndGoBack() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(9)), Fixture.env)
        _ = update(&state, .key(.function(9)), Fixture.env)
        // No month after the current one.
        #expect(update(&state, .key(.right), Fixture.env) == [])
        #expect(update(&state, .key(.left), Fixture.env) == [.loadScorecard(.month(year: 2026, month: 10), rule: .dateOnly)])
        #expect(update(&state, .key(.character("r")), Fixture.env) == [.loadScorecard(.month(year: 2026, month: 10), rule: .national)])
        expectScreen(state, lines: [" Kỳ: ◂ Tháng 10/2026 ▸  Cách đọc: theo văn bản (so thời điểm)"], rows: 2..<3)
        // An answer for the month just left is not shown.
        _ = update(&state, .scorecardLoaded(.month(year: 2026, month: 11), .dateOnly, lines: Self.lines(.dateOnly)), Fixture.env)
        expectScreen(state, lines: [" Đang tính…"], rows: 4..<5)
        #expect(update(&state, .key(.function(9)), Fixture.env)
                == [.loadReport(from: CivilDate(2026, 10, 1), to: CivilDate(2026, 11, 30), grouping: .field)])
        #expect(state.mode.report != nil)
        _ = update(&state, .key(.function(9)), Fixture.env)
        _ = update(&state, .key(.escape), Fixture.env)
        #expect(state.mode == .browse)
    }

    @Test func theNationalReadingCountsTheDossierDueThisMorningAsLate() {
        let dateOnly = Self.lines(.dateOnly)[0].text, national = Self.lines(.national)[0].text
        #expect(dateOnly.hasSuffix("18,00/20 9/10"))
        #expect(national != dateOnly)
    }
}
