import Foundation
import Testing
import MotCuaDesk
import MotCuaTestSupport
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// Issue 13: the online view "Trực tuyến chờ tiếp nhận" — its tab and count, acceptance
/// deadlines marked like other deadlines, F2 accepting the selected online dossier.
@Suite("Reducer: online dossiers waiting for acceptance")
struct OnlineInboxTests {
    /// An online dossier submitted at `submitted` (acceptance deadline 8 working hours later).
    static func submitted(_ number: Int, _ name: String, at submitted: String) throws -> DossierSummary {
        let lifecycle = Lifecycle(calendar: Fixture.calendar, catalogue: .sample)
        let submission = OnlineSubmission(
            portalCode: "H57.99-2611-\(number)", procedureCode: "1.004873",
            applicant: Person(name: name, idNumber: "046190001234", phone: "0905123456"), submittedAt: at(submitted),
            documents: [ReceivedDocument(name: "To khai.pdf", originals: 1, copies: 0, file: "https://dvc.example.vn/\(number).pdf")])
        let event = try lifecycle.submit(submission, agency: "000.00.xx.H57", acceptanceHours: 8, at: at(submitted))
        return try DossierSummary(received: RecordedEvent(
            seq: 1, at: at(submitted), by: "feed", dossier: UUID(uuidString: String(format: "00000000-0000-0000-0001-%012d", number))!,
            code: "000.00.xx.H57-261127-\(String(format: "%04d", number))", version: 1, event: event))
    }

    static func withOnline() throws -> [DossierSummary] {
        Fixture.summaries + [try submitted(21, "Trần Thị Mai", at: "2026-11-27T09:00"),    // Friday: to accept by Monday 09:00
                             try submitted(22, "Lê Văn Hùng", at: "2026-11-30T09:30")]     // due tomorrow 09:30
    }

    static func state(view: QueueView) throws -> AppState {
        var state = AppState(size: Size(width: 80, height: 24), now: Fixture.now, view: view)
        _ = Fixture.reload(&state, summaries: try withOnline())
        return state
    }

    @Test func theOnlineViewListsWaitingDossiersByAcceptanceDeadlineWithTheirMarks() throws {
        var state = try Self.state(view: .all)
        #expect(state.data.counts[.online] == 2)
        #expect(state.data.warnings.overdue == 1, "an acceptance deadline is not a processing deadline in the warning pane")
        expectQueueLoad(&state, .key(.character("9")), Fixture.env)
        _ = Fixture.reload(&state, summaries: try Self.withOnline())
        expectScreen(state, lines: [
            // Nine tabs do not fit 80 columns by name: the tab line's compact form, the active view named.
            " 1:4│2:1│3:2│4:1│5:1│6:3│7:1│8:12│9 Tr.tuyến 2",
            "─ Trực tuyến chờ tiếp nhận (2) ────────────────────────────── sắp theo hạn trả ─",
            "   Mã hồ sơ    Người nộp           Thủ tục       Giữ  Hạn   Còn/trễ     T.thái",
            "!! 261127-0021 Trần Thị Mai        XN tình trạn… MC   09:00 trễ 1 ngày  Chờ TN",   // due this morning
            "!  261127-0022 Lê Văn Hùng         XN tình trạn… MC   01/12 còn 1 ngày  Chờ TN",
        ], rows: 1..<6)
        #expect(state.message?.text.hasPrefix("F2: tiếp nhận hồ sơ đang chọn") == true)
        let screen = render(state, Fixture.env).lines.joined(separator: "\n")
        #expect(screen.contains("Hạn tiếp nhận: 09:00 30/11/2026"), "the detail names the deadline for what it is:\n\(screen)")
    }

    @Test func withoutOnlineDossiersTheTabLineKeepsItsEightViews() {
        let state = Fixture.state()
        #expect(state.data.counts[.online] == 0)
        expectScreen(state, lines: [" 1 Mới│2 Đang XL│3 Chờ BS│4 Chờ trả│5 Quá hạn│6 Sắp hạn│7 Đã trả│8 Tất cả 10"], rows: 1..<2)
    }

    @Test func f2InTheOnlineViewAcceptsTheSelectedDossierAndShowsItsReceipt() throws {
        var state = try Self.state(view: .online)
        let effects = update(&state, .key(.function(2)), Fixture.env)
        guard case .accept(let code, let version, _)? = effects.first, effects.count == 1 else {
            Issue.record("F2 should accept: \(effects)"); return
        }
        #expect(code == "000.00.xx.H57-261127-0021" && version == 1)
        let next = update(&state, .accepted(code: code, receipt: "GIẤY TIẾP NHẬN HỒ SƠ"), Fixture.env)
        #expect(next == [.loadQueue(state.queueRequest)], "no draft is cleared by an acceptance")
        #expect(state.view == .received && state.message?.text == "Đã tiếp nhận hồ sơ trực tuyến \(code)")
        guard case .receipt = state.mode else { Issue.record("the receipt is shown: \(state.mode)"); return }
        // Elsewhere F2 is still a new intake.
        var other = try Self.state(view: .all)
        _ = update(&other, .key(.function(2)), Fixture.env)
        guard case .intake = other.mode else { Issue.record("F2 outside the online view opens the intake form"); return }
    }

    @Test func f6OnAWaitingDossierOffersOnlyTheRefusalAndANote() throws {
        var state = try Self.state(view: .online)
        _ = update(&state, .key(.function(6)), Fixture.env)
        guard case .actionMenu(let menu) = state.mode else { Issue.record("\(state.mode)"); return }
        #expect(menu.actions == [.refuse, .note])
    }
}
