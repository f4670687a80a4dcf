import Foundation
import Testing
import MotCuaCore
import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport

/// Issue 18, integrity defect 6: an open session (the TUI's desk) follows the users file and the
/// catalogue when the journal says another process changed them.
@Suite("Open sessions follow users and catalogue changes")
struct OpenSessionReloadTests {
    /// The admin works in another process: its own store value on the same directory.
    private func adminStore(_ t: DeskStore) throws -> (Store, Actor) {
        let store = try Store.open(at: t.root)
        return (store, try store.actor(login: "admin", terminal: "other"))
    }

    @Test func aRemovedUsersOpenSessionCannotWriteAnyMore() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let lan = try t.desk("lan")
        let first = try lan.receive(intake("Nguyễn Văn Ánh"), now: at("2026-11-30T08:00"))
        let (admin, root) = try adminStore(t)
        try admin.removeUser(login: "lan", actor: root, now: at("2026-11-30T08:30"))
        #expect(throws: StoreError.self) { try lan.receive(intake("Trần Thị Bé"), now: at("2026-11-30T09:00")) }
        #expect(throws: StoreError.self) { try lan.perform(.note("x"), on: first.commit.code, now: at("2026-11-30T09:00")) }
        #expect(t.store.dossierCount == 1)
    }

    @Test func aNewCatalogueVersionIsUsedByAnOpenSession() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let lan = try t.desk("lan")
        let before = lan.catalogue.version
        let (admin, root) = try adminStore(t)
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Catalogue.sample)) as? [String: Any] ?? [:]
        object["version"] = before + 1
        try admin.installCatalogue(try Catalogue(json: JSONSerialization.data(withJSONObject: object)), actor: root, now: at("2026-11-30T08:30"))
        let received = try lan.receive(intake("Nguyễn Văn Ánh"), now: at("2026-11-30T09:00"))
        #expect(received.dossier.summary.procedure.catalogueVersion == before + 1)
        _ = try lan.refresh()
        #expect(lan.catalogue.version == before + 1)
    }
}
