import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 18, integrity defect 8: bad configuration is refused with the file, the field and the
/// fix, never replaced by defaults; one bad user entry blocks that user only.
@Suite("Bad configuration", .serialized)
struct BadConfigurationTests {
    private func edit(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
        change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: path))
    }

    @Test func overlappingWorkingSessionsAreRefusedAndDoctorSaysWhere() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try edit(t.path + "/config.json") {
            $0["sessions"] = [["start": "07:00", "end": "12:00"], ["start": "11:00", "end": "17:00"]]
        }
        do {
            _ = try Store.open(at: t.path)
            Issue.record("overlapping sessions were replaced by the standard hours")
        } catch {
            let text = "\(error)"
            #expect(text.contains("config.json") && text.contains("sessions") && text.contains("chồng"), "\(text)")
        }
        let checks = StoreDoctor(path: t.path, login: "admin", year: 2026, system: doctorSystem()).run()
        #expect(checks.contains { $0.status == .failure && $0.finding.contains("sessions") }, "\(checks.map(\.finding))")
    }

    @Test func anUnknownRoleBlocksThatUserOnly() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        try edit(t.path + "/users.json") { object in
            var users = object["users"] as? [[String: Any]] ?? []
            users.append(["login": "bao", "name": "Trần Văn Bảo", "role": "superclerk"])
            object["users"] = users
        }
        let store = try Store.open(at: t.path)
        #expect(try store.actor(login: "lan", terminal: "t").role == .clerk)
        do {
            _ = try store.actor(login: "bao", terminal: "t")
            Issue.record("an unknown role was accepted")
        } catch {
            let text = "\(error)"
            #expect(text.contains("users.json") && text.contains("superclerk") && text.contains("role"), "\(text)")
        }
        // The admin's next change keeps the entry it cannot read, and can fix it.
        try store.addUser(User(login: "minh", name: "Trần Văn Minh", role: .clerk), actor: t.admin, now: at("2026-11-30T08:00"))
        #expect(try String(contentsOfFile: t.path + "/users.json", encoding: .utf8).contains("superclerk"))
        try store.addUser(User(login: "bao", name: "Trần Văn Bảo", role: .clerk), actor: t.admin, now: at("2026-11-30T08:01"))
        #expect(try Store.open(at: t.path).actor(login: "bao", terminal: "t").role == .clerk)
        let checks = StoreDoctor(path: t.path, login: "admin", year: 2026, system: doctorSystem()).run()
        #expect(!checks.contains { $0.finding.contains("superclerk") })
    }
}
