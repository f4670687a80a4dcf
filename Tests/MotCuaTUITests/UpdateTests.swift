import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import MotCuaTestSupport
import TerminalUI

/// The browse screen's status line when nothing else is said there.
let browseStatus = " ↑↓ chọn  Enter mở  Tab đổi khung  / lọc  1–8 đổi danh sách  F1 trợ giúp"
let browseBar = "F1Giúp F2Nhận F3Chuyển F4Có KQ F5Trả F6T.tác F7In F8Giám sát F9Báo cáo F10Thoát"

@Suite("Reducer: browsing")
struct BrowseUpdateTests {
    @Test func theAllViewListsOpenDossiersByDueThenClosedOnes() {
        let state = Fixture.state()
        let codes = state.data.rows.page.map { $0.summary.code.suffix(4) }
        #expect(codes.first == "0001")                               // the overdue one first
        #expect(Set(codes.suffix(2)) == ["0007", "0008"])            // closed last
        #expect(state.data.counts[.overdue] == 1 && state.data.counts[.all] == 10)
        #expect(state.data.warnings.overdue == 1 && state.data.warnings.dueToday == 1 && state.data.warnings.paused == 2)
    }

    @Test func numberKeysSwitchViewsAndReload() {
        var state = Fixture.state()
        expectQueueLoad(&state, .key(.character("5")), Fixture.env)
        _ = Fixture.reload(&state)
        expectScreen(state, lines: [
            " 1 Mới│2 Đang XL│3 Chờ BS│4 Chờ trả│5 Quá hạn 1│6 Sắp hạn│7 Đã trả│8 Tất cả",
            "─ Quá hạn (1) ─────────────────────────────────────────────── sắp theo hạn trả ─",
            "   Mã hồ sơ    Người nộp           Thủ tục       Giữ  Hạn   Còn/trễ     T.thái",
            "!! 261120-0001 Nguyễn Văn Ánh      XN tình trạn… VP   26/11 trễ 3 ngày  Đang XL",
            "",
        ], rows: 1..<6)
    }

    /// Issue 17 #13: the rows' "còn N ngày" were computed once at load time and the minute tick
    /// did not recompute them, so a row stayed a day off until another change arrived. Each new
    /// minute reloads the queue at the new time; ticks within the same minute do nothing.
    @Test func eachNewMinuteReloadsTheQueueSoTheRowsDaysLeftAreRecomputed() {
        var state = Fixture.state()
        #expect(update(&state, .tick(Fixture.now.adding(seconds: 20)), Fixture.env) == [])
        expectQueueLoad(&state, .tick(Fixture.now.adding(seconds: 61)), Fixture.env)
        #expect(state.now == Fixture.now.adding(seconds: 61))
        #expect(state.queueRequest.now == Fixture.now.adding(seconds: 61))
        #expect(update(&state, .tick(Fixture.now.adding(seconds: 90)), Fixture.env) == [])
        // The reloaded rows carry the status at the new time.
        _ = Fixture.reload(&state)
        let clock = DeadlineClock(now: state.now, calendar: Fixture.calendar)
        for row in state.data.rows.page { #expect(row.status == clock.status(of: row.summary)) }
    }

    @Test func theSelectionFollowsTheDossierAcrossRefreshes() {
        var state = Fixture.state()
        _ = update(&state, .key(.down), Fixture.env)
        _ = update(&state, .key(.down), Fixture.env)
        let chosen = state.selection
        // Another clerk receives a dossier due before it: the list shifts, the selection does not.
        let newcomer = Fixture.dossier(11, "Người Mới", procedure: "2.000815", received: "2026-11-19T07:30")
        _ = Fixture.reload(&state, summaries: [newcomer] + Fixture.summaries)
        #expect(state.selection == chosen)
        #expect(state.selectedIndex == 3)
        expectScreen(state, lines: ["261125-0005 [Chờ bổ sung] v2"], rows: 14..<15, columns: 0..<48)
    }

    @Test func whenTheSelectedDossierLeavesTheViewTheSelectionStaysInPlace() {
        var state = Fixture.state(view: .received)
        let before = state.selectedIndex
        let remaining = Fixture.summaries.filter { $0.id != state.selection }
        let effects = Fixture.reload(&state, summaries: remaining)
        #expect(state.selectedIndex == before)
        #expect(effects.count == 1)
    }

    @Test func filterAsYouTypeIsAccentInsensitiveAndEscClearsIt() {
        var state = Fixture.state()
        _ = update(&state, .key(.character("/")), Fixture.env)
        for c in "nguyen thi hoa" { expectQueueLoad(&state, .key(.character(c)), Fixture.env) }
        _ = Fixture.reload(&state)
        expectScreen(state, lines: [
            "─ Tất cả (1) ───────────────────────────────────────────── lọc: nguyen thi hoa ─",
            "   Mã hồ sơ    Người nộp           Thủ tục       Giữ  Hạn   Còn/trễ     T.thái",
            "!  261126-0003 Nguyễn Thị Hoà      XN tình trạn… MC   01/12 còn 1 ngày  Mới",      // typed plain, stored NFD
            "",
        ], rows: 2..<6)
        expectScreen(state, lines: ["Lọc (không dấu): nguyen thi hoa                     Enter: giữ lọc  Esc: xóa lọc"], rows: 22..<23)
        expectQueueLoad(&state, .key(.escape), Fixture.env)
        expectScreen(state, lines: [browseStatus], rows: 22..<23)
        #expect(state.filter.isEmpty && state.mode == .browse)
    }

    @Test func aKeptFilterStaysOnTheStatusLineUntilEsc() {
        var state = Fixture.state()
        _ = update(&state, .key(.character("/")), Fixture.env)
        _ = update(&state, .key(.character("x")), Fixture.env)
        _ = update(&state, .key(.enter), Fixture.env)
        expectScreen(state, lines: ["Lọc (không dấu): x                                         (/ sửa, Esc xóa)"], rows: 22..<23)
        expectQueueLoad(&state, .key(.escape), Fixture.env)
        expectScreen(state, lines: [browseStatus], rows: 22..<23)          // that Esc cleared the filter: no F-key prefix
    }

    @Test func f1ShowsTheHelpFromTheKeyTablesAndEscClosesIt() {
        var state = Fixture.state()
        #expect(update(&state, .key(.function(1)), Fixture.env) == [])
        expectScreen(state, lines: [
            "TRỢ GIÚP — các phím (sinh từ bảng phím của chương trình)",
            "",
            "Danh sách hồ sơ",
            "  F1 / ?             Trợ giúp (màn hình này)",
            "  F2 / n             Tiếp nhận hồ sơ mới",
        ], rows: 1..<6)
        expectScreen(state, lines: ["EscĐóng               PgDnTrang sau               PgUpTrang trước"], rows: 23..<24)
        _ = update(&state, .key(.pageDown), Fixture.env)
        #expect(state.mode == .help(scroll: 20))
        _ = update(&state, .key(.escape), Fixture.env)
        expectScreen(state, lines: [browseStatus, browseBar], rows: 22..<24)
    }

    @Test func escapeThenADigitIsAFunctionKey() {
        var state = Fixture.state()
        _ = update(&state, .key(.escape), Fixture.env)
        expectScreen(state, lines: [" Esc: bấm một số 1–9, 0 để dùng F1–F10"], rows: 22..<23)
        _ = update(&state, .key(.character("1")), Fixture.env)
        expectScreen(state, lines: ["TRỢ GIÚP — các phím (sinh từ bảng phím của chương trình)"], rows: 1..<2)
        var second = Fixture.state()
        _ = update(&second, .key(.escape), Fixture.env)
        _ = update(&second, .key(.character("2")), Fixture.env)
        expectScreen(second, lines: [" TIẾP NHẬN HỒ SƠ MỚI"], rows: 1..<2)
        expectScreen(second, lines: [" Tab/↓ ô sau · Shift-Tab/↑ ô trước · F2 hoặc Ctrl-O lưu · Esc hủy",
                                     "F2Lưu            F5Diễn giải            F6Đã thu            EscHủy"], rows: 22..<24)
    }

    @Test func anIllegalActionSaysWhichStateForbidsIt() {
        var state = Fixture.state(view: .returnedToday)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(3)), Fixture.env)
        #expect(state.mode == .browse)
        #expect(state.message?.isError == true)
        expectScreen(state, lines: [" Không thể chuyển xử lý: hồ sơ đang ở trạng thái \"Đã trả\""], rows: 22..<23)
    }

    @Test func theActionMenuOffersOnlyWhatTheTableAndTheRoleAllow() throws {
        var state = Fixture.state(view: .resultReady)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(6)), Fixture.env)
        let menu = try #require(state.mode.actionMenu, "F6 should open the action menu")
        #expect(menu.actions == [.returnResult, .note])
        expectScreen(state, lines: [
            "┌─ Thao tác với 261124-0006 ───────────────┐",
            "│ r  Trả kết quả                           │",
            "│ h  Ghi chú                               │",
            "│ p  Thu phí, lệ phí                       │",
            "│ s  Số hóa giấy tờ                        │",
            "└──────────────────────────────────────────┘",
        ], rows: 9..<15, columns: 18..<62, roles: [
            "bbDDDDDDDDDDDDDDDDDDDDDDDDDDbbbbbbbbbbbbbbbb",
            "bdssssssssssssssssssssssssssssssssssssssssdb",
            "bddddddddddddddddddddddddddddddddddddddddddb",
            "bddddddddddddddddddddddddddddddddddddddddddb",
            "bddddddddddddddddddddddddddddddddddddddddddb",
            "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        ])
        _ = update(&state, .key(.down), Fixture.env)
        expectScreen(state, lines: ["│ r  Trả kết quả                           │", "│ h  Ghi chú                               │"],
                     rows: 10..<12, columns: 18..<62, roles: [
            "bddddddddddddddddddddddddddddddddddddddddddb",
            "bdssssssssssssssssssssssssssssssssssssssssdb",
        ])
        // "Thu phí" follows the actions: ↓ to it and Enter opens the fee dialog (p does too).
        _ = update(&state, .key(.down), Fixture.env)
        _ = update(&state, .key(.enter), Fixture.env)
        guard case .fee(let fee) = state.mode else { Issue.record("Enter on Thu phí: \(state.mode)"); return }
        #expect(fee.code.hasSuffix("261124-0006") && fee.method == .cash)
        _ = update(&state, .key(.escape), Fixture.env)
        _ = update(&state, .key(.function(6)), Fixture.env)
        _ = update(&state, .key(.character("h")), Fixture.env)
        #expect(try #require(state.mode.dialog).action == .note)
    }

    @Test func anEmptyActionMenuSaysSoAndEscClosesIt() {
        var state = Fixture.state(view: .all)
        _ = update(&state, .key(.character("7")), Fixture.env)
        _ = Fixture.reload(&state)
        state.mode = .actionMenu(ActionMenu(code: state.selectedRow!.summary.code, actions: []))
        expectScreen(state, lines: [
            "┌─ Thao tác ───────────────────────────────────────────┐",
            "│ Không có thao tác nào được phép với hồ sơ này.       │",
            "│ Esc: đóng                                            │",
            "└──────────────────────────────────────────────────────┘",
        ], rows: 10..<14, columns: 12..<68)
        _ = update(&state, .key(.escape), Fixture.env)
        #expect(state.mode == .browse)
    }

    @Test func f10AsksBeforeQuittingAndEscStays() {
        var state = Fixture.state()
        #expect(update(&state, .key(.function(10)), Fixture.env) == [])
        expectScreen(state, lines: [
            "┌─ Thoát motcua? ──────────────────────┐",
            "│ Enter: thoát   Esc: ở lại            │",
            "└──────────────────────────────────────┘",
        ], rows: 10..<13, columns: 20..<60)
        var leaving = state
        #expect(update(&leaving, .key(.enter), Fixture.env) == [.quit])
        #expect(update(&state, .key(.escape), Fixture.env) == [])
        expectScreen(state, lines: ["   261127-0004 Tôn Nữ Thị Hoàng T… XN tình trạn… MC   02/12 còn 2 ngày  Mới"], rows: 10..<11)
    }

    @Test func aDraftLeftByAHangUpIsOfferedBack() throws {
        var state = Fixture.state()
        var form = IntakeForm(op: "op-1")
        form.name = TextField("Đặng Văn Nháp")
        form.procedureQuery = TextField("khai sinh")
        state.mode = .draftOffer(IntakeDraft(form, savedAt: Fixture.now))
        expectScreen(state, lines: [
            "┌─ Bản nháp chưa lưu ──────────────────────────────────────┐",
            "│ Có hồ sơ đang nhập dở lúc 10:00 30/11/2026:              │",
            "│ Đặng Văn Nháp — khai sinh                                │",
            "│                                                          │",
            "│ Enter: nhập tiếp   Del: bỏ bản nháp   Esc: để sau        │",
            "└──────────────────────────────────────────────────────────┘",
        ], rows: 9..<15, columns: 10..<70)
        var resumed = state
        #expect(update(&resumed, .key(.enter), Fixture.env) == [.clearDraft])
        expectScreen(resumed, lines: [" TIẾP NHẬN HỒ SƠ MỚI", " Thủ tục:      khai sinh                ✗ chưa chọn thủ tục",
                                      " Họ tên:       Đặng Văn Nháp"], rows: 1..<4)
        #expect(try #require(resumed.mode.intake).op == "op-1")         // saving it cannot create it twice
        var dropped = state
        #expect(update(&dropped, .key(.delete), Fixture.env) == [.clearDraft])
        expectScreen(dropped, lines: [" Đã bỏ bản nháp"], rows: 22..<23)
        var later = state
        #expect(update(&later, .key(.escape), Fixture.env) == [])
        expectScreen(later, lines: [browseStatus], rows: 22..<23)
        #expect(update(&state, .key(.character("x")), Fixture.env) == [] && state.mode.draft != nil)
    }

    @Test func aTerminatingSignalKeepsAnUnsavedIntakeAsADraft() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        #expect(update(&state, .signal(15), Fixture.env) == [.quit])
        for c in "Lê" { _ = update(&state, .key(.character(c)), Fixture.env) }
        let effects = update(&state, .signal(1), Fixture.env)
        guard case .saveDraft(let draft) = try #require(effects.first, "no effect") else {
            Issue.record("the first effect should save the draft: \(effects)")
            return
        }
        #expect(draft.procedureQuery == "Lê" && effects.last == .quit)
    }

}

@Suite("Reducer: intake form and action dialogs")
struct FormUpdateTests {
    func type(_ text: String, _ state: inout AppState) { for c in text { _ = update(&state, .key(.character(c)), Fixture.env) } }

    @Test func anIntakeIsFilledByKeyboardAndSavedAsOneEffect() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("xac nhan hon nhan", &state)
        #expect(try #require(state.mode.intake).matches.first == "1.004873")
        _ = update(&state, .key(.enter), Fixture.env)
        type("Nguye\u{0302}\u{0303}n Văn Ánh", &state)                      // decomposed input
        _ = update(&state, .key(.tab), Fixture.env)
        type("046090001234", &state)
        _ = update(&state, .key(.tab), Fixture.env)
        type("0912345678", &state)
        let effects = update(&state, .key(.function(2)), Fixture.env)
        guard case .receive(let intake, _) = try #require(effects.first, "F2 saved nothing: \(state.mode)") else {
            Issue.record("F2 should send the intake to the store: \(effects)")
            return
        }
        #expect(intake.procedureCode == "1.004873")
        #expect(intake.applicant.name == "Nguyễn Văn Ánh" && intake.applicant.name.unicodeScalars.count == 14)
        #expect(intake.documents?.count == 1)
        // The form waits for the store's answer; a second F2 sends nothing.
        expectScreen(state, lines: [" Đang lưu…"], rows: 22..<23)
        #expect(update(&state, .key(.function(2)), Fixture.env) == [])
        let done = update(&state, .received(code: "X-1", receipt: "GIẤY TIẾP NHẬN\nMã: X-1"), Fixture.env)
        #expect(done.contains(.clearDraft))
        expectScreen(state, lines: [" Đã lưu hồ sơ X-1 — giấy tiếp nhận và hẹn trả kết quả", "GIẤY TIẾP NHẬN", "Mã: X-1"], rows: 1..<4)
        expectScreen(state, lines: [" F7: ghi ra tệp để in · Esc: về danh sách",
                                    "F7Ghi tệp                                EscĐóng"], rows: 22..<24)
    }

    @Test func theReceiptIsWrittenWithF7AndClosedWithEsc() {
        var state = Fixture.state()
        _ = update(&state, .received(code: "X-1", receipt: "GIẤY TIẾP NHẬN"), Fixture.env)
        #expect(update(&state, .key(.function(7)), Fixture.env) == [.writeReceipt(code: "X-1", text: "GIẤY TIẾP NHẬN")])
        #expect(update(&state, .key(.character("w")), Fixture.env) == [.writeReceipt(code: "X-1", text: "GIẤY TIẾP NHẬN")])
        _ = update(&state, .fileWritten(path: "/tmp/X-1.txt"), Fixture.env)
        expectScreen(state, lines: [" Đã ghi: /tmp/X-1.txt"], rows: 22..<23)
        #expect(update(&state, .key(.escape), Fixture.env) == [.loadDetail(code: "X-1")])
        #expect(state.mode == .browse)
    }

    @Test func savingAnIncompleteFormFocusesTheFirstProblem() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        #expect(update(&state, .key(.control("o")), Fixture.env) == [])
        let form = try #require(state.mode.intake, "the form should stay open")
        #expect(form.focus == .procedure && form.attemptedSave)
        expectScreen(state, lines: [" Họ tên:                                                   ✗ Họ tên không được …"], rows: 3..<4)
        expectScreen(state, lines: [" Chọn thủ tục (gõ để tìm, Enter để chọn)"], rows: 22..<23)
    }

    @Test func spaceIsTextInTextFieldsAndTogglesCheckboxes() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("khai sinh", &state)
        expectScreen(state, lines: [
            " Thủ tục:      khai sinh",
            " Họ tên:      ┌─ 2 thủ tục khớp · ↑↓ chọn · Enter ───────────────────────────┐",
            " Số định danh:│ 1.001193 Đăng ký khai sinh                                   │",
            " Điện thoại:  │ 1.004884 Đăng ký lại khai sinh                               │",
            " Thư điện tử: └──────────────────────────────────────────────────────────────┘",
        ], rows: 2..<7)
        _ = update(&state, .key(.enter), Fixture.env)
        for _ in 0..<7 { _ = update(&state, .key(.tab), Fixture.env) }
        #expect(try #require(state.mode.intake).focus == .document(0))
        let documents = [
            " Giấy tờ nhận (Space đánh dấu):",
            "  [x] Tờ khai đăng ký khai sinh theo mẫu (chính 1, sao 0)",
            "  [x] Giấy chứng sinh (chính 1, sao 0)",
            "  [ ] Văn bản ủy quyền (nếu nộp thay) (chính 1, sao 0) – không bắt buộc",
        ]
        expectScreen(state, lines: documents, rows: 10..<14)
        expectScreen(state, lines: [" Giấy tờ", "  [x] Tờ", "  [x] Gi"], rows: 10..<13, columns: 0..<8,
                     roles: ["llllllll", "IIIIIIII", "........"])                       // the first paper has the focus
        _ = update(&state, .key(.character(" ")), Fixture.env)
        expectScreen(state, lines: ["  [ ] Tờ khai đăng ký khai sinh theo mẫu (chính 1, sao 0)"], rows: 11..<12)
    }

    @Test func downInTheProcedureFieldWalksTheMatchesAndEnterChoosesTheOneShown() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("khai sinh", &state)
        _ = update(&state, .key(.down), Fixture.env)
        let form = try #require(state.mode.intake)
        #expect(form.focus == .procedure && form.matchIndex == 1)
        expectScreen(state, lines: [" 1.004884 Đăng ký lại khai sinh"], rows: 5..<6, columns: 15..<46,
                     roles: ["sssssssssssssssssssssssssssssss"])                   // the second match is highlighted
        _ = update(&state, .key(.down), Fixture.env)                                  // no third match: stays on the last
        #expect(try #require(state.mode.intake).matchIndex == 1)
        _ = update(&state, .key(.up), Fixture.env)
        _ = update(&state, .key(.down), Fixture.env)
        _ = update(&state, .key(.enter), Fixture.env)
        let chosen = try #require(state.mode.intake)
        #expect(chosen.procedureCode == "1.004884" && chosen.focus == .name)
        _ = update(&state, .key(.down), Fixture.env)                                  // past the list, ↓ is the next field
        #expect(try #require(state.mode.intake).focus == .id)
    }

    @Test func escThenTwoInTheCancelPromptSavesAndTheFormSaysSo() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("khai tu", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        type("Đặng Văn Tâm", &state)
        _ = update(&state, .key(.tab), Fixture.env)
        type("046090001234", &state)
        _ = update(&state, .key(.tab), Fixture.env)
        type("0912345678", &state)
        _ = update(&state, .key(.escape), Fixture.env)
        let effects = update(&state, .key(.character("2")), Fixture.env)
        guard case .receive = effects.first else { Issue.record("Esc 2 should save, got \(effects)"); return }
        #expect(try #require(state.mode.intake).saving)
        expectScreen(state, lines: [" Đang lưu…"], rows: 22..<23)
    }

    @Test func spaceChangesAChoiceInADialogAndIsTextInItsTextFields() throws {
        var state = Fixture.state(view: .resultReady)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(5)), Fixture.env)
        #expect(try #require(state.mode.dialog).returnMethod == .applicant)
        _ = update(&state, .key(.character(" ")), Fixture.env)
        let dialog = try #require(state.mode.dialog)
        #expect(dialog.returnMethod == .proxy && dialog.fields == [.returnMethod, .proxyName, .resultForm, .rating])
        _ = update(&state, .key(.tab), Fixture.env)
        type("Lê Văn Bình", &state)
        #expect(try #require(state.mode.dialog).proxyName.text == "Lê Văn Bình")
        #expect(try #require(state.mode.dialog).command() == .success(.returnWith(.proxy(name: "Lê Văn Bình"), form: .paper, rating: nil)))
    }

    @Test func escapeOnADirtyFormAsksFirst() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("a", &state)
        _ = update(&state, .key(.escape), Fixture.env)
        expectScreen(state, lines: [" Bỏ hồ sơ đang nhập? Enter: bỏ · phím khác: nhập tiếp (Esc rồi 2: lưu)"], rows: 22..<23)
        var kept = state
        _ = update(&kept, .key(.character("x")), Fixture.env)
        expectScreen(kept, lines: [" Tab/↓ ô sau · Shift-Tab/↑ ô trước · F2 hoặc Ctrl-O lưu · Esc hủy"], rows: 22..<23)
        _ = update(&state, .key(.enter), Fixture.env)
        #expect(state.mode == .browse)
        expectScreen(state, lines: [browseStatus], rows: 22..<23)
    }

    @Test func aTransferDialogConfirmsWithTheVersionSeen() throws {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        let selected = try #require(state.selectedRow).summary
        _ = update(&state, .key(.function(3)), Fixture.env)
        let dialog = try #require(state.mode.dialog, "F3 should open the transfer dialog")
        expectScreen(state, lines: [
            "┌─ Chuyển xử lý — 261130-0002 ─────────────────────────────────────────────┐",
            "│ Người nộp: Trần Thị Bé · hẹn trả 17:00 30/11/2026                        │",
            "│ Phòng ban:        ◂ VP Văn phòng HĐND và UBND phường (Tư pháp – Hộ tịch… │",
            "│ Cán bộ:           ◂ (không giao đích danh) ▸                             │",
            "│                                                                          │",
            "│ Thao tác này sẽ: Chuyển hồ sơ cho Văn phòng HĐND và UBND phường (Tư pháp │",
            "│ – Hộ tịch); thời hạn của bước tính theo quy trình.                       │",
            "│                                                                          │",
            "│ Enter/F2 xác nhận · Tab ô sau · ←→ đổi lựa chọn · Esc hủy                │",
            "└──────────────────────────────────────────────────────────────────────────┘",
        ], rows: 7..<17, columns: 2..<78)
        let effects = update(&state, .key(.function(2)), Fixture.env)
        #expect(effects == [.perform(.transfer(department: dialog.departments[dialog.departmentIndex], official: nil),
                                     code: selected.code, version: selected.version, op: dialog.op)])
        expectScreen(state, lines: ["│ Đang lưu…                                                                │"], rows: 15..<16, columns: 2..<78)
    }

    /// Issue 17 #5: the official was a free login field, so any text (or an official of another
    /// department) was sent. The dialog offers the receiving department's officials by name,
    /// "(không giao đích danh)" first; changing the department starts its list again.
    @Test func theTransferDialogPicksAnOfficialOfTheReceivingDepartmentByName() throws {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        let selected = try #require(state.selectedRow).summary
        _ = update(&state, .key(.function(3)), Fixture.env)
        /// The dialog's official line as the clerk sees it (the box grows with its sentence).
        func official() -> String? {
            screenLines(render(state, Fixture.env), rows: 0..<24, columns: 2..<78).first { $0.hasPrefix("│ Cán bộ:") }
                .map { String($0.dropFirst("│ Cán bộ:".count)).trimmingCharacters(in: .whitespaces) }
        }
        #expect(official() == "◂ (không giao đích danh) ▸                             │")
        _ = update(&state, .key(.tab), Fixture.env)
        type("x", &state)                                   // not a text field: typing changes nothing
        #expect(official() == "◂ (không giao đích danh) ▸                             │")
        _ = update(&state, .key(.right), Fixture.env)
        expectScreen(state, lines: [
            "│ Cán bộ:           ◂ Nguyễn Thị Hoa (hoa) ▸                               │",
            "│                                                                          │",
            "│ Thao tác này sẽ: Chuyển hồ sơ cho Văn phòng HĐND và UBND phường (Tư pháp │",
            "│ – Hộ tịch), cán bộ Nguyễn Thị Hoa; thời hạn của bước tính theo quy       │",
            "│ trình.                                                                   │",
        ], rows: 9..<14, columns: 2..<78)
        _ = update(&state, .key(.character(" ")), Fixture.env)
        #expect(official() == "◂ Trần Thị Mai (mai) ▸                                 │")
        _ = update(&state, .key(.right), Fixture.env)
        #expect(official() == "◂ (không giao đích danh) ▸                             │")
        _ = update(&state, .key(.left), Fixture.env)
        #expect(official() == "◂ Trần Thị Mai (mai) ▸                                 │")
        // Another department: its own officials, none chosen yet.
        _ = update(&state, .key(.backTab), Fixture.env)
        _ = update(&state, .key(.right), Fixture.env)
        expectScreen(state, lines: ["│ Phòng ban:        ◂ KT Phòng Kinh tế, Hạ tầng và Đô thị ▸                │",
                                    "│ Cán bộ:           ◂ (không giao đích danh) ▸                             │"], rows: 9..<11, columns: 2..<78)
        _ = update(&state, .key(.tab), Fixture.env)
        _ = update(&state, .key(.right), Fixture.env)
        #expect(official() == "◂ Phạm Anh Tuấn (tuan) ▸                               │")
        _ = update(&state, .key(.right), Fixture.env)
        #expect(official() == "◂ (không giao đích danh) ▸                             │")
        _ = update(&state, .key(.right), Fixture.env)
        let dialog = try #require(state.mode.dialog)
        #expect(update(&state, .key(.function(2)), Fixture.env)
                == [.perform(.transfer(department: "KT", official: "tuan"), code: selected.code, version: selected.version, op: dialog.op)])
    }

    @Test func arrowsChangeTheDepartmentAndEscCancels() throws {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(3)), Fixture.env)
        _ = update(&state, .key(.right), Fixture.env)
        expectScreen(state, lines: ["│ Phòng ban:        ◂ KT Phòng Kinh tế, Hạ tầng và Đô thị ▸                │"], rows: 9..<10, columns: 2..<78)
        _ = update(&state, .key(.escape), Fixture.env)
        #expect(state.mode == .browse)
    }

    @Test func aConflictKeepsTheDialogExplainsAndRebasesAfterTheReload() throws {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.character("a")), Fixture.env)
        _ = update(&state, .key(.character("h")), Fixture.env)                   // note
        type("Đã gọi", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        let effects = update(&state, .failed(message: "Xung đột: hồ sơ đã được hoa thay đổi", conflict: true), Fixture.env)
        #expect(effects == [.loadQueue(state.queueRequest)])
        let dialog = try #require(state.mode.dialog, "the dialog should stay open after a conflict")
        #expect(dialog.needsRebase)
        expectScreen(state, lines: [
            "│ Ghi chú:          Đã gọi                                                 │",
            "│                                                                          │",
            "│ Thao tác này sẽ: Thêm ghi chú vào lịch sử hồ sơ.                         │",
            "│ Xung đột: hồ sơ đã được hoa thay đổi                                     │",
            "│ Đã tải lại dữ liệu; kiểm tra rồi xác nhận lại nếu vẫn muốn làm.          │",
        ], rows: 9..<14, columns: 2..<78)
        var changed = Fixture.summaries
        let index = try #require(changed.firstIndex { $0.code == dialog.code })
        changed[index].version += 1
        _ = Fixture.reload(&state, summaries: changed)
        let rebased = try #require(state.mode.dialog, "the reload should keep the dialog")
        #expect(rebased.version == dialog.version + 1 && !rebased.needsRebase)
    }

    @Test func dialogsRefuseMissingInputWithAMessage() throws {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.character("a")), Fixture.env)
        _ = update(&state, .key(.character("f")), Fixture.env)                   // refuse
        #expect(update(&state, .key(.function(2)), Fixture.env) == [])
        #expect(try #require(state.mode.dialog, "the dialog should stay open").error == "Nhập lý do từ chối")
        expectScreen(state, lines: [
            "┌─ Từ chối — 261130-0002 ──────────────────────────────────────────────────┐",
            "│ Người nộp: Trần Thị Bé · hẹn trả 17:00 30/11/2026                        │",
            "│ Lý do:                                                                   │",
            "│                                                                          │",
            "│ Thao tác này sẽ: Từ chối giải quyết và đóng hồ sơ (in Phiếu từ chối).    │",
            "│ Nhập lý do từ chối                                                       │",
        ], rows: 8..<14, columns: 2..<78)                                          // where the box is without the message
        type("Sai thẩm quyền", &state)
        expectScreen(state, lines: ["│ Lý do:            Sai thẩm quyền                                         │",       // the message is gone
                                    "│                                                                          │",
                                    "│ Thao tác này sẽ: Từ chối giải quyết và đóng hồ sơ (in Phiếu từ chối).    │",
                                    "│                                                                          │",
                                    "│ Enter/F2 xác nhận · Tab ô sau · ←→ đổi lựa chọn · Esc hủy                │"],
                     rows: 10..<15, columns: 2..<78)
    }

    @Test func extensionDatesAreReadAsVietnameseDates() {
        #expect(ActionDialog.parseDate("15/12/2026 10:30") == at("2026-12-15T10:30"))
        #expect(ActionDialog.parseDate("15/12/2026") == at("2026-12-15T17:00"))
        #expect(ActionDialog.parseDate("31/02/2026") == nil)
    }
}

@Suite("Reducer: supervisor, report and print screens")
struct SupervisorUpdateTests {
    @Test func f8ShowsTheOverdueListGroupedAndEnterJumpsToTheDossier() throws {
        let env = Fixture.supervisorEnv
        var state = Fixture.state(env: env)
        #expect(update(&state, .key(.function(8)), env) == [.loadSupervisor(.department, at: Fixture.now)])
        expectScreen(state, env, lines: [
            " GIÁM SÁT — hồ sơ quá hạn theo phòng ban đang giữ · Tab đổi nhóm · Enter mở hồ …",
            " Đang tính…",
        ], rows: 1..<3)
        expectScreen(state, env, lines: ["EnterMở hồ sơ               TabĐổi nhóm               EscQuay lại"], rows: 23..<24)
        let report = OverdueReport.make(summaries: Fixture.summaries, clock: DeadlineClock(now: Fixture.now, calendar: Fixture.calendar),
                                        catalogue: .sample, officialNames: [:])
        _ = update(&state, .supervisorLoaded(SupervisorView.lines(report, grouping: .department)), env)
        expectScreen(state, env, lines: [
            "QUÁ HẠN: 1 hồ sơ — theo phòng ban đang giữ",
            "  Văn phòng HĐND và UBND phường (Tư pháp – Hộ tịch) (1)",
            "    261120-0001 Nguyễn Văn Ánh     VP N.T. Hoa trễ 3 ngày · chậm ở VP N.T. Hoa",
            "HẠN HÔM NAY: 1",
            "    261130-0002 Trần Thị Bé        MC L.T. Lan hạn hôm nay · chậm ở MC L.T. Lan",
            "CÒN 1 NGÀY LÀM VIỆC: 1",
            "    261126-0003 Nguyễn Thị Hoà     MC L.T. Lan còn 1 ngày · chậm ở MC L.T. Lan",
        ], rows: 2..<9, columns: 0..<80)
        expectScreen(state, env, lines: ["    261120-0001", "HẠN HÔM NAY: 1"], rows: 4..<6, columns: 0..<15,
                     roles: ["sssssssssssssss", "lllllllllllllll"])
        #expect(update(&state, .key(.tab), env) == [.loadSupervisor(.official, at: Fixture.now)])
        _ = update(&state, .supervisorLoaded(SupervisorView.lines(report, grouping: .official)), env)
        expectScreen(state, env, lines: ["QUÁ HẠN: 1 hồ sơ — theo cán bộ đang giữ", "  hoa (1)"], rows: 2..<4)
        #expect(update(&state, .key(.character("f")), env) == [.loadSupervisor(.field, at: Fixture.now)])
        #expect(update(&state, .key(.character("d")), env) == [.loadSupervisor(.department, at: Fixture.now)])
        expectQueueLoad(&state, .key(.enter), env)
        #expect(state.mode == .detail(scroll: 0))
        guard case .code(let code) = state.cursor.target else { Issue.record("the jump asks for no dossier"); return }
        #expect(code.hasSuffix("0001"))
        expectScreen(state, env, lines: ["─ Chi tiết hồ sơ ──────────────────────────── ↑↓ PgUp PgDn cuộn · Esc quay lại ─"], rows: 1..<2)
    }

    @Test func f9ComputesTheQuarterSoFarAndRecomputesOnEnter() throws {
        var state = Fixture.state()
        let effects = update(&state, .key(.function(9)), Fixture.env)
        #expect(effects == [.loadReport(from: CivilDate(2026, 10, 1), to: CivilDate(2026, 11, 30), grouping: .field)])
        expectScreen(state, lines: [
            " BÁO CÁO THEO KỲ · Tab chuyển ô · ←→ đổi nhóm · Enter tính · ↑↓ cuộn · Esc quay…",
            " Từ ngày: 01/10/2026   Đến ngày: 30/11/2026   Nhóm theo: ◂ Lĩnh vực ▸",
        ], rows: 1..<3)
        expectScreen(state, lines: ["EnterTính          TabÔ sau          F9Chỉ số 766          EscQuay lại"], rows: 23..<24)
        _ = update(&state, .key(.tab), Fixture.env)
        _ = update(&state, .key(.tab), Fixture.env)
        _ = update(&state, .key(.right), Fixture.env)
        expectScreen(state, lines: [" Từ ngày: 01/10/2026   Đến ngày: 30/11/2026   Nhóm theo: ◂ Cơ quan chủ trì ▸"], rows: 2..<3)
        let grouping = try #require(state.mode.report).grouping
        #expect(update(&state, .key(.enter), Fixture.env) == [.loadReport(from: CivilDate(2026, 10, 1), to: CivilDate(2026, 11, 30),
                                                                         grouping: grouping)])
        _ = update(&state, .reportLoaded(lines: [ReportView.Line("Kỳ 01/10/2026–30/11/2026"), ReportView.Line("TỔNG 10", .total)]), Fixture.env)
        expectScreen(state, lines: ["Kỳ 01/10/2026–30/11/2026", "TỔNG 10"], rows: 4..<6)
        _ = update(&state, .key(.escape), Fixture.env)
        expectScreen(state, lines: [browseStatus], rows: 22..<23)
    }

    @Test func aReportPeriodThatIsNotADateIsRefusedOnScreen() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(9)), Fixture.env)
        _ = update(&state, .key(.backspace), Fixture.env)
        _ = update(&state, .key(.character("x")), Fixture.env)
        #expect(update(&state, .key(.enter), Fixture.env) == [])
        expectScreen(state, lines: [" Từ ngày: 01/10/202x   Đến ngày: 30/11/2026   Nhóm theo: ◂ Lĩnh vực ▸",
                                    " Từ ngày 01/10/202x: phải có dạng dd/MM/yyyy"], rows: 2..<4)
    }

    @Test func f7OffersTheFormsTheHistoryAllows() throws {
        var state = Fixture.state(view: .paused)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(7)), Fixture.env)
        let menu = try #require(state.mode.printMenu, "F7 should open the print menu")
        expectScreen(state, lines: [
            "┌─ In giấy tờ — 261125-0005 ───────────────────────────────────────────┐",
            "│ Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả                      │",
            "│ Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ                   │",
            "│ Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ                      │",      // no refusal: not refused
            "│                                                                      │",
            "│ Định dạng: văn bản 80 cột — h đổi                                    │",
            "│ Gửi máy in (lp): không — l đổi · Enter in · Esc đóng                 │",
            "└──────────────────────────────────────────────────────────────────────┘",
        ], rows: 8..<16, columns: 4..<76)
        _ = update(&state, .key(.character("h")), Fixture.env)
        // The HTML says the paper its @page asks for: Mẫu 01 is A5, Mẫu 06 A4.
        expectScreen(state, lines: ["│ Định dạng: HTML (A5, in từ trình duyệt) — h đổi                      │"], rows: 13..<14, columns: 4..<76)
        _ = update(&state, .key(.down), Fixture.env)
        expectScreen(state, lines: ["│ Định dạng: HTML (A4, in từ trình duyệt) — h đổi                      │"], rows: 13..<14, columns: 4..<76)
        _ = update(&state, .key(.up), Fixture.env)
        #expect(update(&state, .key(.enter), Fixture.env) == [.printForm(form: .receipt, code: menu.code, html: true, toPrinter: false)])
        expectScreen(state, lines: [browseStatus], rows: 22..<23)
    }
}

@Suite("Reducer: long lists are fetched a page at a time")
struct PagingTests {
    static let many: [DossierSummary] = (1...1_500).map { n in
        Fixture.dossier(n, "Người số \(n)", received: "2026-11-27T0\(7 + n % 3):\(10 + n % 40)")
    }

    @Test func movingBeyondThePageAsksForTheRowsThereAndKeepsThePlace() {
        let clock = DeadlineClock(now: Fixture.now, calendar: Fixture.calendar)
        var state = AppState(size: Size(width: 80, height: 24), now: Fixture.now, view: .all)
        _ = update(&state, .dataLoaded(QueueData.make(Self.many, view: .all, filter: "", clock: clock)), Fixture.env)
        #expect(state.data.rows.count == 1_500 && state.data.rows.page.count == 150 && state.selectedIndex == 0)
        #expect(update(&state, .key(.end), Fixture.env) == [.loadQueue(QueueRequest(view: .all, target: .position(1_499), now: Fixture.now))])
        #expect(state.cursor.wanted == .position(1_499))
        // The runtime answers with the page around the wanted position.
        _ = update(&state, .dataLoaded(QueueData.make(Self.many, view: .all, filter: "", clock: clock, select: .position(1_499))), Fixture.env)
        #expect(state.selectedIndex == 1_499 && state.cursor.wanted == nil)
        #expect(state.scroll == 1_500 - ScreenLayout(state.size).queueRows)
        expectScreen(state, lines: ["─ Tất cả (1500) ──────────────────────────── 1492–1500/1500 · sắp theo hạn trả ─"], rows: 2..<3)
    }
}

/// Runs `msg` and expects exactly one effect: loading the queue as the new state asks for it.
func expectQueueLoad(_ state: inout AppState, _ msg: Msg, _ env: AppEnvironment, sourceLocation: SourceLocation = #_sourceLocation) {
    let effects = update(&state, msg, env)
    #expect(effects == [.loadQueue(state.queueRequest)], sourceLocation: sourceLocation)
}
