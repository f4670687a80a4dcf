import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaTestSupport

/// Issue 17 #5: a transfer named any login (`--official nobody` → exit 0) or an official of
/// another department. The official must be in the users file and work in the receiving
/// department; otherwise the store refuses and writes nothing, for both faces.
@Suite("Transfer to a named official", .serialized)
struct TransferOfficialTests {
    static func store() throws -> TestStore {
        let t = try TestStore(label: "transfer")
        try t.store.addUser(User(login: "tuan", name: "Phạm Anh Tuấn", role: .officer, department: "KT"), actor: t.admin,
                            now: at("2026-11-01T08:00"))
        return t
    }

    func journalLines(_ t: TestStore) throws -> Int {
        try t.journalFiles().map { try String(contentsOfFile: $0, encoding: .utf8).split(separator: "\n").count }.reduce(0, +)
    }

    @Test func anUnknownLoginOrAnOfficialOfAnotherDepartmentIsRefusedAndNothingIsWritten() throws {
        let t = try Self.store()
        defer { t.directory.cleanup() }
        let a = try t.receive()
        let lines = try journalLines(t)
        for (official, words) in [("nobody", "nobody"), ("tuan", "Phạm Anh Tuấn"), ("lan", "Lê Thị Lan")] {
            do {
                try t.store.perform(.transfer(department: "VP", official: official), on: a.code, actor: t.clerk, now: at("2026-11-30T09:00"))
                Issue.record("transfer to \(official) was accepted")
            } catch let error as StoreError {
                #expect(error.isBadInput, "\(error)")
                #expect(error.description.contains(words) && error.description.contains("VP"), "\(error.description)")
            }
        }
        #expect(t.store.summary(code: a.code)?.version == 1)
        #expect(try journalLines(t) == lines)
        // The department's own official, and no official at all, are accepted.
        try t.store.perform(.transfer(department: "VP", official: "hoa"), on: a.code, actor: t.clerk, now: at("2026-11-30T09:00"))
        try t.store.perform(.transfer(department: "KT", official: nil), on: a.code, actor: t.officer, now: at("2026-11-30T09:30"))
        #expect(t.store.summary(code: a.code)?.holder.department == "KT")
    }

    @Test func anOfficialAddedByAnotherProcessIsKnownToTheNextTransfer() throws {
        let t = try Self.store()
        defer { t.directory.cleanup() }
        let a = try t.receive()
        let other = try Store.open(at: t.path)
        try other.addUser(User(login: "mai", name: "Trần Thị Mai", role: .officer, department: "VP"),
                          actor: try other.actor(login: "admin", terminal: nil), now: at("2026-11-30T08:30"))
        try t.store.perform(.transfer(department: "VP", official: "mai"), on: a.code, actor: t.clerk, now: at("2026-11-30T09:00"))
        #expect(t.store.summary(code: a.code)?.holder.official == "mai")
    }

    @Test func theCommandLineRefusesAnUnknownOfficialWithExitTwo() throws {
        let t = try Self.store()
        defer { t.directory.cleanup() }
        let a = try t.receive()
        let env = ["MOTCUA_USER": "lan", "MOTCUA_NOW": "2026-11-30T09:00:00+07:00", "MOTCUA_DATA": t.path]
        let nobody = try motcua(["transfer", a.code, "--to", "VP", "--official", "nobody"], environment: env)
        #expect(nobody.status == 2, "\(nobody.stdout) \(nobody.stderr)")
        #expect(nobody.stderr.contains("nobody") && nobody.stdout.isEmpty, "\(nobody.stderr)")
        let elsewhere = try motcua(["transfer", a.code, "--to", "VP", "--official", "tuan"], environment: env)
        #expect(elsewhere.status == 2 && elsewhere.stderr.contains("KT"), "\(elsewhere.stderr)")
        #expect(try Store.open(at: t.path).summary(code: a.code)?.version == 1)
        let right = try motcua(["transfer", a.code, "--to", "VP", "--official", "hoa"], environment: env)
        #expect(right.status == 0, "\(right.stderr)")
        #expect(try Store.open(at: t.path).summary(code: a.code)?.holder.official == "hoa")
    }
}
