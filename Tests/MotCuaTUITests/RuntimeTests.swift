import Foundation
import Testing
import MotCuaCore
import MotCuaDesk
import MotCuaStore
@testable import MotCuaTUI
import MotCuaTestSupport
import TerminalUI

/// The runtime against a real store: what it performs for the effects `update` returns.
@Suite("Runtime: effects performed through the desk")
struct RuntimeTests {
    @Test func theReceiptSavedAfterAnIntakeHasTheNameF7AndThePrintCommandGiveIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-rt-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: at("2026-11-01T08:00"))
        let store = try Store.create(at: root, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        try store.addUser(User(login: "lan", name: "Lê Thị Lan", role: .clerk), actor: try store.actor(login: "admin", terminal: nil),
                          now: at("2026-11-01T08:00"))
        let desk = Desk(store: store, actor: try store.actor(login: "lan", terminal: nil))
        let app = App(desk: desk, backend: InMemoryBackend(size: Size(width: 80, height: 24)), clock: { at("2026-11-30T09:00") })
        let intake = Intake(procedureCode: "1.004873", applicant: Person(name: "Vũ Thị Hạnh", idNumber: "046090001234", phone: "0912345678"))
        for effect in [Effect.receive(intake, op: "rt-1")] { for msg in app.perform(effect) { app.dispatch(msg) } }
        guard case .receipt(let receipt) = app.state.mode else { Issue.record("no receipt shown: \(app.state.mode)"); return }
        app.dispatch(.key(.function(7)))                                    // write the receipt to a file
        let expected = desk.outputPath(.receipt, code: receipt.code, format: .text)
        #expect(FileManager.default.fileExists(atPath: expected))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/output") == [(expected as NSString).lastPathComponent])
        guard case .receipt(let saved) = app.state.mode else { Issue.record("the receipt view closed"); return }
        #expect(saved.savedPath == expected)
    }
}

@Suite("Help: what the short codes mean")
struct HelpLegendTests {
    @Test func theHelpSpellsOutEveryDepartmentCode() {
        var state = Fixture.state(size: Size(width: 120, height: 400))
        _ = update(&state, .key(.function(1)), Fixture.env)
        let screen = render(state, Fixture.env)
        #expect(screen.contains("Mã phòng ban (cột Giữ, khung cảnh báo, màn hình giám sát)"))
        for department in Fixture.env.catalogue.departments {
            #expect(screen.contains("  " + TextWidth.fit(department.code, to: 6) + " " + department.name), "\(department.code)")
        }
    }
}
