import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import MotCuaTestSupport
import TerminalUI

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
        let effects = update(&state, .key(.character("5")), Fixture.env)
        #expect(effects == [.loadQueue(QueueRequest(view: .overdue, target: .position(0), now: Fixture.now))])
        #expect(state.view == .overdue)
        _ = Fixture.reload(&state)
        #expect(state.data.rows.page.map(\.summary.applicantName) == ["Nguyễn Văn Ánh"])
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
        #expect(state.mode == .filter)
        for c in "nguyen thi hoa" {
            let effects = update(&state, .key(.character(c)), Fixture.env)
            #expect(effects == [.loadQueue(state.queueRequest)] && state.queueRequest.filter == state.filter.text)
        }
        _ = Fixture.reload(&state)
        #expect(state.data.rows.page.map { String($0.summary.code.suffix(4)) } == ["0003"])   // "Nguyễn Thị Hoà" typed as NFD
        _ = update(&state, .key(.escape), Fixture.env)
        #expect(state.filter.isEmpty && state.mode == .browse)
    }

    @Test func escapeThenADigitIsAFunctionKey() {
        var state = Fixture.state()
        _ = update(&state, .key(.escape), Fixture.env)
        #expect(state.escapeArmed)
        _ = update(&state, .key(.character("1")), Fixture.env)
        #expect(state.mode == .help(scroll: 0))
        var second = Fixture.state()
        _ = update(&second, .key(.escape), Fixture.env)
        _ = update(&second, .key(.character("2")), Fixture.env)
        guard case .intake = second.mode else { Issue.record("Esc 2 should open the intake form"); return }
    }

    @Test func anIllegalActionSaysWhichStateForbidsIt() {
        var state = Fixture.state(view: .returnedToday)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(3)), Fixture.env)
        #expect(state.mode == .browse)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("Đã trả") == true && state.message?.text.contains("chuyển xử lý") == true)
    }

    @Test func theActionMenuOffersOnlyWhatTheTableAndTheRoleAllow() {
        var state = Fixture.state(view: .resultReady)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(6)), Fixture.env)
        guard case .actionMenu(let menu) = state.mode else { Issue.record("no menu"); return }
        #expect(menu.actions == [.returnResult, .note])
    }

    @Test func aTerminatingSignalKeepsAnUnsavedIntakeAsADraft() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        #expect(update(&state, .signal(15), Fixture.env) == [.quit])
        for c in "Lê" { _ = update(&state, .key(.character(c)), Fixture.env) }
        let effects = update(&state, .signal(1), Fixture.env)
        guard case .saveDraft(let draft) = effects.first else { Issue.record("no draft saved"); return }
        #expect(draft.procedureQuery == "Lê" && effects.last == .quit)
    }

    @Test func belowTheMinimumSizeOnlyQuitWorks() {
        var state = Fixture.state(size: Size(width: 79, height: 23))
        #expect(state.isTooSmall)
        #expect(update(&state, .key(.function(2)), Fixture.env) == [])
        #expect(update(&state, .key(.character("q")), Fixture.env) == [.quit])
        _ = update(&state, .resized(Size(width: 80, height: 24)), Fixture.env)
        #expect(!state.isTooSmall)
    }
}

@Suite("Reducer: intake form and action dialogs")
struct FormUpdateTests {
    func type(_ text: String, _ state: inout AppState) { for c in text { _ = update(&state, .key(.character(c)), Fixture.env) } }

    @Test func anIntakeIsFilledByKeyboardAndSavedAsOneEffect() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("xac nhan hon nhan", &state)
        guard case .intake(let picking) = state.mode else { Issue.record("no form"); return }
        #expect(picking.matches.first == "1.004873")
        _ = update(&state, .key(.enter), Fixture.env)
        type("Nguye\u{0302}\u{0303}n Văn Ánh", &state)                      // decomposed input
        _ = update(&state, .key(.tab), Fixture.env)
        type("046090001234", &state)
        _ = update(&state, .key(.tab), Fixture.env)
        type("0912345678", &state)
        let effects = update(&state, .key(.function(2)), Fixture.env)
        guard case .receive(let intake, _) = effects.first else { Issue.record("no save: \(state.mode)"); return }
        #expect(intake.procedureCode == "1.004873")
        #expect(intake.applicant.name == "Nguyễn Văn Ánh" && intake.applicant.name.unicodeScalars.count == 14)
        #expect(intake.documents?.count == 1)
        // The form waits for the store's answer; a second F2 sends nothing.
        #expect(update(&state, .key(.function(2)), Fixture.env) == [])
        let done = update(&state, .received(code: "X-1", receipt: "biên nhận"), Fixture.env)
        #expect(done.contains(.clearDraft))
        guard case .receipt = state.mode else { Issue.record("receipt not shown"); return }
    }

    @Test func savingAnIncompleteFormFocusesTheFirstProblem() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        #expect(update(&state, .key(.control("o")), Fixture.env) == [])
        guard case .intake(let form) = state.mode else { Issue.record("no form"); return }
        #expect(form.focus == .procedure && form.error != nil && form.attemptedSave)
    }

    @Test func spaceIsTextInTextFieldsAndTogglesCheckboxes() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("khai sinh", &state)
        guard case .intake(let form) = state.mode else { Issue.record("no form"); return }
        #expect(form.procedureQuery.text == "khai sinh")
        _ = update(&state, .key(.enter), Fixture.env)
        for _ in 0..<6 { _ = update(&state, .key(.tab), Fixture.env) }
        guard case .intake(let onDocument) = state.mode, case .document(0) = onDocument.focus else {
            Issue.record("expected the first document"); return
        }
        #expect(onDocument.documents[0].checked)
        _ = update(&state, .key(.character(" ")), Fixture.env)
        guard case .intake(let toggled) = state.mode else { return }
        #expect(!toggled.documents[0].checked)
    }

    @Test func escapeOnADirtyFormAsksFirst() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("a", &state)
        _ = update(&state, .key(.escape), Fixture.env)
        guard case .intake(let asking) = state.mode else { Issue.record("closed without asking"); return }
        #expect(asking.confirmingCancel)
        _ = update(&state, .key(.enter), Fixture.env)
        #expect(state.mode == .browse)
    }

    @Test func aTransferDialogConfirmsWithTheVersionSeen() {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        let selected = state.selectedRow!.summary
        _ = update(&state, .key(.function(3)), Fixture.env)
        guard case .action(let dialog) = state.mode else { Issue.record("no dialog"); return }
        #expect(dialog.consequence(env: Fixture.env).hasPrefix("Chuyển hồ sơ cho"))
        let effects = update(&state, .key(.function(2)), Fixture.env)
        #expect(effects == [.perform(.transfer(department: dialog.departments[dialog.departmentIndex], official: nil),
                                     code: selected.code, version: selected.version, op: dialog.op)])
    }

    @Test func aConflictKeepsTheDialogExplainsAndRebasesAfterTheReload() {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.character("a")), Fixture.env)
        _ = update(&state, .key(.character("h")), Fixture.env)                   // note
        type("Đã gọi", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        let effects = update(&state, .failed(message: "Xung đột: hồ sơ đã được hoa thay đổi", conflict: true), Fixture.env)
        #expect(effects == [.loadQueue(state.queueRequest)])
        guard case .action(let dialog) = state.mode else { Issue.record("dialog lost"); return }
        #expect(dialog.note.text == "Đã gọi" && dialog.needsRebase && dialog.error?.contains("Xung đột") == true)
        var changed = Fixture.summaries
        let index = changed.firstIndex { $0.code == dialog.code }!
        changed[index].version += 1
        _ = Fixture.reload(&state, summaries: changed)
        guard case .action(let rebased) = state.mode else { return }
        #expect(rebased.version == dialog.version + 1 && !rebased.needsRebase)
    }

    @Test func dialogsRefuseMissingInputWithAMessage() {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.character("a")), Fixture.env)
        _ = update(&state, .key(.character("f")), Fixture.env)                   // refuse
        #expect(update(&state, .key(.function(2)), Fixture.env) == [])
        guard case .action(let dialog) = state.mode else { return }
        #expect(dialog.error == "Nhập lý do từ chối")
    }

    @Test func extensionDatesAreReadAsVietnameseDates() {
        #expect(ActionDialog.parseDate("15/12/2026 10:30") == at("2026-12-15T10:30"))
        #expect(ActionDialog.parseDate("15/12/2026") == at("2026-12-15T17:00"))
        #expect(ActionDialog.parseDate("31/02/2026") == nil)
    }
}

@Suite("Reducer: supervisor, report and print screens")
struct SupervisorUpdateTests {
    @Test func f8ShowsTheOverdueListGroupedAndEnterJumpsToTheDossier() {
        var state = Fixture.state(env: Fixture.supervisorEnv)
        #expect(update(&state, .key(.function(8)), Fixture.supervisorEnv) == [.loadSupervisor(.department, at: Fixture.now)])
        let report = OverdueReport.make(summaries: Fixture.summaries, clock: DeadlineClock(now: Fixture.now, calendar: Fixture.calendar),
                                        catalogue: .sample, officialNames: [:])
        _ = update(&state, .supervisorLoaded(SupervisorView.lines(report, grouping: .department)), Fixture.supervisorEnv)
        guard case .supervisor(let view) = state.mode else { Issue.record("no supervisor view"); return }
        #expect(view.lines.contains(.group(name: "Văn phòng HĐND và UBND phường (Tư pháp – Hộ tịch)", count: 1)))
        #expect(update(&state, .key(.tab), Fixture.supervisorEnv) == [.loadSupervisor(.official, at: Fixture.now)])
        _ = update(&state, .supervisorLoaded(SupervisorView.lines(report, grouping: .official)), Fixture.supervisorEnv)
        let effects = update(&state, .key(.enter), Fixture.supervisorEnv)
        #expect(effects == [.loadQueue(state.queueRequest)])
        #expect(state.mode == .detail(scroll: 0))
        guard case .code(let code) = state.cursor.target else { Issue.record("the jump asks for no dossier"); return }
        #expect(code.hasSuffix("0001"))
    }

    @Test func f9ComputesTheQuarterSoFarAndRecomputesOnEnter() {
        var state = Fixture.state()
        let effects = update(&state, .key(.function(9)), Fixture.env)
        #expect(effects == [.loadReport(from: CivilDate(2026, 10, 1), to: CivilDate(2026, 11, 30), grouping: .field)])
        _ = update(&state, .key(.tab), Fixture.env)
        _ = update(&state, .key(.tab), Fixture.env)
        _ = update(&state, .key(.right), Fixture.env)
        guard case .report(let view) = state.mode else { Issue.record("no report view"); return }
        #expect(view.grouping != .field)
        #expect(update(&state, .key(.enter), Fixture.env) == [.loadReport(from: CivilDate(2026, 10, 1), to: CivilDate(2026, 11, 30),
                                                                         grouping: view.grouping)])
    }

    @Test func f7OffersTheFormsTheHistoryAllows() {
        var state = Fixture.state(view: .paused)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(7)), Fixture.env)
        guard case .printMenu(let menu) = state.mode else { Issue.record("no print menu"); return }
        #expect(menu.forms.contains(.supplementRequest) && !menu.forms.contains(.refusal))
        _ = update(&state, .key(.character("h")), Fixture.env)
        #expect(update(&state, .key(.enter), Fixture.env) == [.printForm(form: .receipt, code: menu.code, html: true, toPrinter: false)])
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
        let screen = render(state, Fixture.env)
        #expect(screen.contains("1492–1500/1500"))
    }
}
