import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// Issue 17, defect 14 and the screens' friction: what a clerk sees at 80×24.
@Suite("Issue 17: the screens as a clerk meets them")
struct Issue17ScreenTests {
    func type(_ text: String, _ state: inout AppState) {
        for c in text { _ = update(&state, .key(.character(c)), Fixture.env) }
    }

    /// The selection is one piece over the mark and the code (defect 15: cheap to move over SSH);
    /// the rest of the row keeps its look, the deadline cell its colour.
    @Test func theSelectionCoversTheMarkAndTheCodeInOnePiece() {
        let state = Fixture.state()
        expectScreen(state, lines: ["!! 261120-0001 Nguyễn Văn Ánh      XN tình trạn… VP   26/11 trễ 3 ngày  Đang XL"],
                     rows: 4..<5, roles: [String(repeating: "s", count: 14) + String(repeating: ".", count: 46)
                                          + String(repeating: "o", count: 11) + String(repeating: ".", count: 9)])
        // Unselected rows keep the coloured mark and cell.
        expectScreen(state, lines: ["!  261130-0002"], rows: 7..<8, columns: 0..<14, roles: ["yy............"])
    }

    @Test func boxLinesAreNotANSIBlue() {
        #expect(Theme.style(.border).foreground != .blue)
        #expect(Theme.style(.border).background == .terminalDefault)
    }

    @Test func textCutAt80ColumnsEndsWithAnEllipsis() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("xac nhan hon nhan", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        let line = try #require(screenLines(render(state, Fixture.env), rows: 2..<3).first)
        #expect(line.hasSuffix("…") && line.contains("1.004873 Cấp Giấy xác nhận"), "\(line)")
        _ = update(&state, .key(.tab), Fixture.env)
        type("12", &state)                                                   // a short ID: an error note beside it
        let rows = screenLines(render(state, Fixture.env), rows: 0..<24)
        let note = try #require(rows.first { $0.contains("✗") }, "no error note: \(rows)")
        #expect(note.hasSuffix("…"), "\(note)")
    }

    @Test func tabOnTheProcedureFieldChoosesTheHighlightedMatch() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("khai sinh", &state)
        _ = update(&state, .key(.down), Fixture.env)
        _ = update(&state, .key(.tab), Fixture.env)
        let form = try #require(state.mode.intake)
        #expect(form.procedureCode == "1.004884" && form.focus == .name)
    }

    // MARK: - Friction on the screens

    @Test func theKeyBarSeparatesItsItemsWithPlainCells() {
        let buffer = render(Fixture.state(), Fixture.env)
        expectScreen(Fixture.state(), lines: ["F1Giúp F2Nhận F3Chuyển F4Có KQ F5Trả F6T.tác F7In F8Giám sát F9Báo cáo F10Thoát"],
                     rows: 23..<24)
        // The separator is a plain cell: no reverse in monochrome, so the items stay apart under NO_COLOR.
        #expect(buffer.roleMask[23].hasPrefix("kkKKKK.kk"))
        #expect(!Theme.style(.normal).monochrome.contains(.reverse) && Theme.style(.keyLabel).monochrome.contains(.reverse))
    }

    @Test func theDueColumnShowsTheTimeOfADossierDueTodayBeforeTheEndOfTheDay() {
        let early = Fixture.dossier(11, "Đỗ Văn Sớm", received: "2026-11-25T15:46")        // due 15:46 today
        var state = AppState(size: Size(width: 80, height: 24), now: Fixture.now, view: .all)
        _ = Fixture.reload(&state, summaries: [early] + Fixture.summaries)
        let rows = screenLines(render(state, Fixture.env), rows: 4..<14)
        #expect(rows.contains { $0.contains("Đỗ Văn Sớm") && $0.contains("15:46 hạn hôm nay") }, "\(rows)")
        #expect(rows.contains { $0.contains("Trần Thị Bé") && $0.contains("30/11 hạn hôm nay") }, "due at 17:00: the date")
    }

    @Test func lateDaysSayWorkingDaysWhereThereIsRoom() {
        var state = Fixture.state(size: Size(width: 120, height: 40))
        let buffer = render(state, Fixture.env)
        #expect(buffer.contains("trễ 3 ngày làm việc"))
        _ = update(&state, .key(.enter), Fixture.env)
        #expect(render(state, Fixture.env).contains("!! QUÁ HẠN 3 ngày làm việc"))
        #expect(render(Fixture.state(), Fixture.env).contains("trễ 3 ngày  "))                   // 80 columns: the short words
    }

    @Test func theHolderColumnShowsNamesNotLogins() {
        let rows = screenLines(render(Fixture.state(size: Size(width: 120, height: 40)), Fixture.env), rows: 4..<8)
        #expect(rows[0].contains("VP N.T. Hoa") && rows[2].contains("MC L.T. Lan"), "\(rows)")
        #expect(!rows.contains { $0.contains(" hoa ") || $0.contains(" lan ") })
    }

    @Test func escInTheExplanationClosesTheExplanationNotTheForm() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("xac nhan hon nhan", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        _ = update(&state, .key(.function(5)), Fixture.env)
        #expect(try #require(state.mode.intake).showExplanation)
        _ = update(&state, .key(.escape), Fixture.env)
        let form = try #require(state.mode.intake, "Esc closed the form")
        #expect(!form.showExplanation && !form.confirmingCancel)
    }

    @Test func enterInTheFocusedWarningsPaneOpensTheMostUrgentDossier() throws {
        var state = Fixture.state(view: .received)
        _ = update(&state, .key(.tab), Fixture.env)
        _ = update(&state, .key(.tab), Fixture.env)
        #expect(state.focus == .warnings)
        let urgent = try #require(state.data.warnings.urgent.first).summary.code
        let effects = update(&state, .key(.enter), Fixture.env)
        #expect(state.mode == .detail(scroll: 0) && state.view == .all && state.focus == .queue)
        #expect(effects == [.loadQueue(state.queueRequest)])
        guard case .code(let code) = state.cursor.target else { Issue.record("no dossier asked for"); return }
        #expect(code == urgent && code.hasSuffix("0001"))
    }

    @Test func theDetailViewPutsTheHistoryBeforeTheExplanation() {
        let lines = detailLines(Fixture.state(), Fixture.env, width: 100, full: true).map(\.text)
        let history = lines.firstIndex(of: "Lịch sử:"), explanation = lines.firstIndex(of: "Diễn giải hạn trả:")
        #expect(history != nil && explanation != nil && history! < explanation!, "\(lines)")
    }

    // MARK: - Printing right after the action that needs a form

    @Test func aSupplementRequestOpensThePrintMenuOnMau02AndAnExtensionOnMau04() throws {
        for (action, form, words) in [(DossierAction.requestSupplement, FormID.supplementRequest, "Mẫu 02"), (.extend, .apology, "Mẫu 04")] {
            var state = Fixture.state()
            let summary = try #require(state.selectedRow).summary
            var dialog = ActionDialog(action: action, summary: summary, catalogue: Fixture.env.catalogue)
            dialog.saving = true
            state.mode = .action(dialog)
            let effects = update(&state, .committed(code: summary.code, text: "Đã lưu."), Fixture.env)
            #expect(effects == [.loadQueue(state.queueRequest), .loadDetail(code: summary.code)])
            let menu = try #require(state.mode.printMenu, "\(action): no print menu")
            #expect(menu.code == summary.code && menu.forms[menu.index] == form)
            #expect(state.message?.text.contains("Enter: in \(words)") == true, "\(String(describing: state.message))")
            if action == .requestSupplement {
                expectScreen(state, lines: ["│ Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ                      │"],
                             rows: 11..<12, columns: 4..<76)
                expectScreen(state, lines: [" Đã lưu. · Enter: in Mẫu 02 (yêu cầu bổ sung), Esc: để sau"], rows: 22..<23)
            }
            #expect(update(&state, .key(.enter), Fixture.env) == [.printForm(form: form, code: summary.code, html: false, toPrinter: false)])
        }
        // Other actions go back to the list as before.
        var state = Fixture.state()
        let summary = try #require(state.selectedRow).summary
        state.mode = .action(ActionDialog(action: .note, summary: summary, catalogue: Fixture.env.catalogue))
        _ = update(&state, .committed(code: summary.code, text: "Đã lưu."), Fixture.env)
        #expect(state.mode == .browse)
    }

    @Test func aMessageWiderThanTheStatusLineIsShownWholeOnTwoLinesUntilTheNextKey() {
        var state = Fixture.state()
        let before = screenLines(render(state, Fixture.env), rows: 21..<22)
        let path = "/home/motcua/ho-so/2027/HCM-2027-000123-mau-01.html"
        _ = update(&state, .notice("Đã ghi \(path); máy này không có lệnh lp để in trực tiếp", isError: true), Fixture.env)
        expectScreen(state, lines: [
            " Đã ghi /home/motcua/ho-so/2027/HCM-2027-000123-mau-01.html; máy này không có",
            " lệnh lp để in trực tiếp",
        ], rows: 21..<23)
        _ = update(&state, .key(.escape), Fixture.env)                  // the next key ends it: the pane's line is back
        #expect(screenLines(render(state, Fixture.env), rows: 21..<22) == before)
    }

    /// The demo's first message (who the app runs as, how to switch) is three lines at 80 columns.
    @Test func aMessageOfThreeLinesTakesTwoLinesAboveTheStatusLine() {
        var state = Fixture.state()
        let greeting = "Kho mẫu: làm việc với tư cách Lê Thị Lan (lan, Cán bộ một cửa); quản trị kho: root. "
            + "Đổi người: motcua demo --as hung (lãnh đạo), --as hoa (chuyên viên), hoặc MOTCUA_USER=LOGIN (chỉ kho đào tạo)."
        _ = update(&state, .notice(greeting, isError: false), Fixture.env)
        expectScreen(state, lines: [
            " Kho mẫu: làm việc với tư cách Lê Thị Lan (lan, Cán bộ một cửa); quản trị kho:",
            " root. Đổi người: motcua demo --as hung (lãnh đạo), --as hoa (chuyên viên),",
            " hoặc MOTCUA_USER=LOGIN (chỉ kho đào tạo).",
        ], rows: 20..<23)
    }

    @Test func aValidationNoteCutBesideTheFocusedFieldIsReadWholeOnTheStatusLine() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("xac nhan hon nhan", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        _ = update(&state, .key(.tab), Fixture.env)
        type("12", &state)
        expectScreen(state, lines: [" ✗ Số định danh phải có 12 chữ số (CMND cũ: 9 chữ số)"], rows: 22..<23)
    }

    /// Names, not logins: F8's group headers by official name the person (the login was shown beside it).
    @Test func f8GroupsByOfficialShowTheNameWithoutTheLogin() {
        let env = Fixture.supervisorEnv
        var state = Fixture.state(env: env)
        _ = update(&state, .key(.function(8)), env)
        _ = update(&state, .key(.tab), env)
        let report = OverdueReport.make(summaries: Fixture.summaries, clock: DeadlineClock(now: Fixture.now, calendar: Fixture.calendar),
                                        catalogue: .sample, officialNames: env.officialNames)
        _ = update(&state, .supervisorLoaded(SupervisorView.lines(report, grouping: .official)), env)
        expectScreen(state, env, lines: [
            "QUÁ HẠN: 1 hồ sơ — theo cán bộ đang giữ",
            "  Nguyễn Thị Hoa (1)",
            "    261120-0001 Nguyễn Văn Ánh     VP N.T. Hoa trễ 3 ngày · chậm ở VP N.T. Hoa",
        ], rows: 2..<5)
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func f9ShowsTheColumnsOfMotcuaReport(size: Size) throws {
        let report = try PeriodReport.make(summaries: Fixture.summaries, from: CivilDate(2026, 10, 1), to: Fixture.now.date,
                                           by: .field, calendar: Fixture.calendar, catalogue: .sample)
        let text = report.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The two heading lines under each numbered table title of `motcua report`.
        let headers = text.indices.filter { ["1. ", "2. ", "3. "].contains(where: text[$0].hasPrefix) }
            .flatMap { [text[$0 + 1], text[$0 + 2]] }
        #expect(headers.count == 6 && headers.contains { $0.contains("Bưu") } && headers.contains { $0.contains("lần 2") })
        var state = Fixture.state(size: size)
        state.mode = .report(ReportView(today: Fixture.now.date))
        _ = update(&state, .reportLoaded(lines: ReportView.lines(report)), Fixture.env)
        var seen: Set<String> = []
        for _ in 0..<ReportView.lines(report).count {
            seen.formUnion(screenLines(render(state, Fixture.env), rows: 0..<size.height))
            _ = update(&state, .key(.down), Fixture.env)
        }
        for header in headers { #expect(seen.contains(header.trimmingTrailingSpaces), "missing: \(header)") }
        #expect(seen.contains { $0.hasPrefix("Tổng cộng") })
        // The sentences around the tables are wrapped to 80 columns, none cut with "…".
        let lines = ReportView.lines(report)
        #expect(lines.allSatisfy { TextWidth.of($0.text) <= 80 }, "\(lines.filter { TextWidth.of($0.text) > 80 }.map(\.text))")
        #expect(seen.contains("= kỳ trước + tiếp nhận ✓") || seen.contains { $0.hasSuffix("tiếp nhận ✓") }, "the sentence is cut")
    }
}
