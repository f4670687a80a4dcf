import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

@Suite("Index snapshots")
struct SnapshotTests {
    /// A store with a snapshot in the middle of its history.
    func storeWithSnapshot() throws -> TestStore {
        let t = try TestStore(label: "snap")
        let a = try t.receive("Nguyễn Văn \"Ánh\" \\ Tab\tEnd")
        try t.store.perform(.transfer(department: "VP", official: "hoa"), on: a.code, actor: t.clerk, now: at("2026-11-30T09:00"))
        try t.store.perform(.suspend(reason: "x"), on: a.code, actor: t.officer, now: at("2026-11-30T10:00"))
        try t.store.perform(.resume, on: a.code, actor: t.officer, now: at("2026-12-01T10:00"))
        try t.store.perform(.extend(until: at("2026-12-20T17:00"), reason: "y", department: nil), on: a.code, actor: t.officer, now: at("2026-12-01T11:00"))
        try t.receive("Trần Thị Bé", at: "2025-06-02T09:00")
        try t.store.checkpoint()
        try t.receive("Lê Văn Sau", at: "2026-12-02T09:00")
        return t
    }

    @Test func aStoreOpensFromItsSnapshotPlusTheJournalTail() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        let index = try FileManager.default.contentsOfDirectory(atPath: t.path + "/index")
        #expect(index.contains("2025.1.rows") && index.contains("2026.1.rows"))
        let reopened = try Store.open(at: t.path)
        #expect(reopened.baseHead?.gen == 1)
        #expect(reopened.linesSinceSnapshot == 1)
        #expect(reopened.summaries.sorted { $0.code < $1.code } == t.store.summaries.sorted { $0.code < $1.code })
        #expect(try reopened.verify().ok)
        // Histories are read back through the positions kept in the snapshot.
        let code = t.store.summaries.first { $0.applicantName.hasPrefix("Nguyễn") }!.code
        #expect(try reopened.dossier(code: code).history.count == 5)
    }

    @Test func aDamagedRowsFileIsRebuiltFromTheJournal() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        let file = t.path + "/index/2026.1.rows"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let reopened = try Store.open(at: t.path)
        #expect(reopened.baseHead?.gen == 2, "rebuilt and re-snapshotted")
        #expect(reopened.dossierCount == 3)
        #expect(try reopened.verify().ok)
    }

    @Test func missingOrTornHeadsFallBackToTheOtherSlotOrARebuild() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        try t.store.checkpoint()                                            // gen 2 in HEAD.a, gen 1 in HEAD.b
        let headA = t.path + "/index/HEAD.a"
        try Data("{\"gen\":3".utf8).write(to: URL(fileURLWithPath: headA))  // torn
        let fromB = try Store.open(at: t.path)
        #expect(fromB.dossierCount == 3)
        try FileManager.default.removeItem(atPath: t.path + "/index/HEAD.b")
        try FileManager.default.removeItem(atPath: headA)
        let rebuilt = try Store.open(at: t.path)
        #expect(rebuilt.dossierCount == 3)
        #expect(try rebuilt.verify().ok)
    }

    @Test func aSnapshotAheadOfTheJournalIsNotTrusted() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        try t.store.checkpoint()
        // Restore an older journal (as from a backup): the snapshot now covers lines that are gone.
        let file = try t.journalFiles().last!
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n")
        try (lines.dropLast(2).joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
        let reopened = try Store.open(at: t.path)
        #expect(reopened.lastSeq == t.store.lastSeq - 2)
        #expect(reopened.dossierCount == 1, "the two cut lines were the last two receipts")
        #expect(try reopened.verify().ok)
    }
}
