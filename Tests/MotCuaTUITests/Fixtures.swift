import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

func at(_ text: String) -> Instant {
    guard let instant = Instant(iso8601: text) else { preconditionFailure("bad instant \(text)") }
    return instant
}

/// A fixed set of dossiers in every deadline state, at a fixed "now" (Monday 30/11/2026 10:00).
enum Fixture {
    static let now = at("2026-11-30T10:00")
    static let calendar = WorkCalendar()
    static let lifecycle = Lifecycle(calendar: calendar, catalogue: .sample)

    static let env = AppEnvironment(
        session: Session(centreName: "Trung tâm Phục vụ hành chính công phường Hương Trà", agency: "000.00.xx.H57",
                         storePath: "/srv/motcua/huongtra", training: false, login: "lan", userName: "Lê Thị Lan", role: .clerk),
        catalogue: .sample, calendar: calendar, officialNames: ["lan": "Lê Thị Lan", "hoa": "Nguyễn Thị Hoa"])

    static var supervisorEnv: AppEnvironment {
        var session = env.session
        session.role = .supervisor
        session.userName = "Hoàng Trọng Hùng"
        return AppEnvironment(session: session, catalogue: env.catalogue, calendar: calendar, officialNames: env.officialNames)
    }

    /// A dossier received at `received`, driven through `steps`.
    static func dossier(_ number: Int, _ name: String, procedure: String = "1.004873", received: String,
                        _ steps: [(DossierCommand, String)] = []) -> DossierSummary {
        let intake = Intake(procedureCode: procedure, applicant: Person(name: name, idNumber: "046090001234", phone: "0912345678"))
        let event = try! lifecycle.receive(intake, agency: "000.00.xx.H57", at: at(received))
        let stamp = "000.00.xx.H57-" + String(String(at(received).date.iso.dropFirst(2)).filter { $0 != "-" }) + "-" + String(format: "%04d", number)
        let id = UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", number))!
        var summary = try! DossierSummary(received: RecordedEvent(seq: 1, at: at(received), by: "lan", dossier: id,
                                                                  code: stamp, version: 1, event: event))
        for (i, (command, time)) in steps.enumerated() {
            let e = try! lifecycle.decide(command, for: summary, at: at(time))
            summary.apply(RecordedEvent(seq: Int64(i + 2), at: at(time), by: "hoa", dossier: id, code: stamp,
                                        version: summary.version + 1, event: e))
        }
        return summary
    }

    static let summaries: [DossierSummary] = [
        dossier(1, "Nguyễn Văn Ánh", received: "2026-11-20T08:00", [(.transfer(department: "VP", official: "hoa"), "2026-11-20T09:00")]),
        dossier(2, "Trần Thị Bé", procedure: "2.000815", received: "2026-11-30T08:30"),                   // due today
        dossier(3, "Nguye\u{0302}\u{0303}n Thi\u{0323} Hoa\u{0300}", received: "2026-11-26T11:00"),       // NFD name, due tomorrow
        dossier(4, "Tôn Nữ Thị Hoàng Trọng Diệu Thu Phương Thảo Ngọc", received: "2026-11-27T09:00"),    // long name, ≤3 days
        dossier(5, "Lê Văn Chờ", received: "2026-11-25T09:00", [(.requestSupplement(reason: "Thiếu tờ khai", documents: []), "2026-11-25T10:00")]),
        dossier(6, "Phạm Văn Xong", received: "2026-11-24T09:00", [(.resultReady(note: nil), "2026-11-25T09:00")]),
        dossier(7, "Hồ Thị Trả", received: "2026-11-23T09:00",
                [(.resultReady(note: nil), "2026-11-24T09:00"), (.returnResult(.applicant), "2026-11-30T08:00")]),
        dossier(8, "Đỗ Văn Rút", received: "2026-11-23T09:00", [(.withdraw(reason: nil), "2026-11-24T09:00")]),
        dossier(9, "Vũ Thị Thong Thả", procedure: "1.012787", received: "2026-11-27T09:00"),               // on track (23 days)
        dossier(10, "Bùi Văn Tạm", received: "2026-11-26T09:00", [(.suspend(reason: "Xác minh"), "2026-11-26T10:00")]),
    ]

    static func state(size: Size = Size(width: 80, height: 24), view: QueueView = .all, env: AppEnvironment = env) -> AppState {
        var state = AppState(size: size, now: now)
        state.view = view
        let clock = DeadlineClock(now: now, calendar: calendar)
        _ = update(&state, .dataLoaded(QueueData.make(summaries, view: view, filter: "", clock: clock)), env)
        return state
    }

    static func reload(_ state: inout AppState, env: AppEnvironment = env, summaries: [DossierSummary] = summaries) -> [Effect] {
        let clock = DeadlineClock(now: state.now, calendar: calendar)
        return update(&state, .dataLoaded(QueueData.make(summaries, view: state.view, filter: state.filter.text, clock: clock)), env)
    }
}

/// Compares a rendered screen (text + role mask) with a golden file; UPDATE_GOLDEN=1 rewrites it.
func expectGolden(_ buffer: ScreenBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = (buffer.lines + ["", "-- roles --"] + buffer.roleMask).joined(separator: "\n") + "\n"
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).txt")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try? text.write(to: path, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: path, encoding: .utf8) else {
        Issue.record("missing golden file \(name).txt (run with UPDATE_GOLDEN=1)", sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = text.split(separator: "\n", omittingEmptySubsequences: false)
        let diff = zip(e, a).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(6)
            .map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }.joined(separator: "\n")
        Issue.record("screen differs from Golden/\(name).txt\n\(diff)", sourceLocation: sourceLocation)
    }
}
