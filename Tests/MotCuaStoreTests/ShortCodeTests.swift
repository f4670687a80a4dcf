import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 17 #1: the short code the screens and the receipt show (`YYMMDD-XXXX`) is accepted
/// wherever a dossier code is, when exactly one dossier of the store has it.
@Suite("Short dossier codes", .serialized)
struct ShortCodeTests {
    @Test func aShortCodeFindsTheStoresDossierAndTwoAgenciesWithItAreBothNamed() throws {
        let test = try TestStore(label: "short")
        defer { test.directory.cleanup() }
        let first = try test.receive(at: "2026-12-01T08:00")
        #expect(first.code == "000.00.xx.H57-261201-0001")
        #expect(try test.store.dossier(code: "261201-0001").code == first.code)
        #expect(throws: StoreError.self) { try test.store.dossier(code: "261201-0002") }
        let done = try test.store.perform(.note("gọi điện"), on: "261201-0001", actor: test.clerk, now: at("2026-12-01T09:00"))
        #expect(done.code == first.code)

        // The same short code issued under another agency (a store whose agency changed, or dossiers imported).
        let configPath = test.path + "/config.json"
        var config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: configPath))) as! [String: Any]
        config["agency"] = "000.00.xx.H99"
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: configPath))
        let reopened = try Store.open(at: test.path)
        let clerk = try reopened.actor(login: "lan", terminal: "test")
        let second = try reopened.receive(test.intake("Trần Văn Bình"), actor: clerk, now: at("2026-12-01T10:00"))
        #expect(second.code == "000.00.xx.H99-261201-0001")
        do {
            _ = try reopened.dossier(code: "261201-0001")
            Issue.record("an ambiguous short code was accepted")
        } catch let error as StoreError {
            #expect(error.isBadInput)
            #expect(error.description.contains(first.code) && error.description.contains(second.code), "\(error)")
        }
        #expect(try reopened.dossier(code: second.code).code == second.code)
    }

    @Test func theCommandLineTakesTheShortCodeForShowActionsAndPrint() throws {
        let dir = TempDirectory("shortcli")
        defer { dir.cleanup() }
        let env = ["MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s", "MOTCUA_NOW": "2026-12-01T08:00:00+07:00"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
        var clerk = env
        clerk["MOTCUA_USER"] = "lan"
        let received = try motcua(["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234",
                                   "--phone", "0912345678"], environment: clerk)
        #expect(received.status == 0, "\(received.stderr)")
        let show = try motcua(["show", "261201-0001", "--json"], environment: clerk)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("000.00.xx.H57-261201-0001"))
        let note = try motcua(["note", "261201-0001", "gọi điện"], environment: clerk)
        #expect(note.status == 0, "\(note.stderr)")
        let print = try motcua(["print", "receipt", "261201-0001"], environment: clerk)
        #expect(print.status == 0, "\(print.stderr)")
        let missing = try motcua(["show", "261201-0009"], environment: clerk)
        #expect(missing.status == 2, "\(missing.stderr)")
    }
}
