import Foundation
import Testing
import MotCuaDesk
import MotCuaStore
import MotCuaTestSupport
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// A fixed set of dossiers in every deadline state, at a fixed "now" (Monday 30/11/2026 10:00).
enum Fixture {
    static let now = SampleDossiers.now
    static let calendar = SampleDossiers.calendar

    static let env = AppEnvironment(
        session: Session(centreName: "Trung tâm Phục vụ hành chính công phường Hương Trà", agency: "000.00.xx.H57",
                         storePath: "/srv/motcua/huongtra", training: false, login: "lan", userName: "Lê Thị Lan", role: .clerk),
        catalogue: .sample, calendar: calendar, officialNames: ["lan": "Lê Thị Lan", "hoa": "Nguyễn Thị Hoa"],
        officials: [Official(login: "lan", name: "Lê Thị Lan", department: "MC"),
                    Official(login: "hoa", name: "Nguyễn Thị Hoa", department: "VP"),
                    Official(login: "mai", name: "Trần Thị Mai", department: "VP"),
                    Official(login: "tuan", name: "Phạm Anh Tuấn", department: "KT")])

    static var supervisorEnv: AppEnvironment {
        var session = env.session
        session.role = .supervisor
        session.userName = "Hoàng Trọng Hùng"
        return AppEnvironment(session: session, catalogue: env.catalogue, calendar: calendar, officialNames: env.officialNames,
                              officials: env.officials)
    }

    static func dossier(_ number: Int, _ name: String, procedure: String = "1.004873", received: String,
                        _ steps: [(DossierCommand, String)] = []) -> DossierSummary {
        SampleDossiers.dossier(number, name, procedure: procedure, received: received, steps)
    }

    static let summaries = SampleDossiers.summaries

    static func state(size: Size = Size(width: 80, height: 24), view: QueueView = .all, env: AppEnvironment = env) -> AppState {
        var state = AppState(size: size, now: now, view: view)
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
