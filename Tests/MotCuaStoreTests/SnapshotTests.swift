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
        try t.store.perform(.extend(until: at("2026-12-21T17:00"), reason: "y", department: nil), on: a.code, actor: t.officer, now: at("2026-12-01T11:00"))
        try t.receive("Trần Thị Bé", at: "2025-06-02T09:00")                     // stays open: goes to the open file
        let closed = try t.receive("Đỗ Văn Cũ", at: "2025-06-03T09:00")
        try t.store.perform(.withdraw(reason: nil), on: closed.code, actor: t.clerk, now: at("2025-06-03T10:00"))
        try t.store.checkpoint()
        try t.receive("Lê Văn Sau", at: "2026-12-02T09:00")
        return t
    }

    @Test func aStoreOpensFromItsSnapshotPlusTheJournalTail() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        let index = try FileManager.default.contentsOfDirectory(atPath: t.path + "/index")
        #expect(index.contains("2025.1.rows") && index.contains("2026.1.rows") && index.contains("open.1.rows"))
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
        #expect(reopened.dossierCount == 4)
        #expect(try reopened.verify().ok)
    }

    @Test func aDamagedSnapshotAtTheJournalsEndIsReplacedOnce() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        try t.store.checkpoint()                                            // gen 2 covers the whole journal
        let file = t.path + "/index/2026.2.rows"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let rebuilt = try Store.open(at: t.path)
        #expect(rebuilt.baseHead?.gen == 3 && rebuilt.dossierCount == 4)
        let next = try Store.open(at: t.path)
        #expect(next.baseHead?.gen == 3 && next.reloadCount == 1 && next.notices.isEmpty, "read from the new snapshot, not rebuilt again")
    }

    @Test func missingOrTornHeadsFallBackToTheOtherSlotOrARebuild() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        try t.store.checkpoint()                                            // gen 2 in HEAD.a, gen 1 in HEAD.b
        let headA = t.path + "/index/HEAD.a"
        try Data("{\"gen\":3".utf8).write(to: URL(fileURLWithPath: headA))  // torn
        let fromB = try Store.open(at: t.path)
        #expect(fromB.dossierCount == 4)
        try FileManager.default.removeItem(atPath: t.path + "/index/HEAD.b")
        try FileManager.default.removeItem(atPath: headA)
        let rebuilt = try Store.open(at: t.path)
        #expect(rebuilt.dossierCount == 4)
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
        #expect(reopened.dossierCount == 3, "the two cut lines were the last receipt and the withdrawal before it")
        // The state is the journal's; check says lines the index had seen are gone.
        let report = try reopened.verify()
        #expect(!report.ok && report.problems.contains { $0.contains("seq \(t.store.lastSeq)") && $0.contains(".jsonl") }, "\(report.problems)")
    }

    /// A deferred store (the CLI's) that changes an open dossier of an older year and then writes
    /// the snapshot must write that year whole: a table copied before the year was loaded lost
    /// the year's closed dossiers from the index (found by the on-demand work of issue 12).
    @Test func aSnapshotFromADeferredStoreKeepsTheClosedRowsOfTheOlderYearItRewrites() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        let deferred = try Store.open(at: t.path, history: .deferred)
        #expect(deferred.dossierCount == 4 - 1, "the 2025 closed dossier waits")
        let open2025 = try #require(deferred.openSummaries.first { $0.applicantName == "Trần Thị Bé" })
        try deferred.perform(.note("Gọi lại cho công dân"), on: open2025.code, actor: t.clerk, now: at("2026-12-02T10:00"))
        try deferred.checkpoint()
        let reopened = try Store.open(at: t.path)
        #expect(reopened.dossierCount == 4)
        #expect(reopened.summaries.contains { $0.applicantName == "Đỗ Văn Cũ" }, "the closed 2025 dossier is still in the index")
        #expect(try reopened.verify().ok)
    }

    @Test func olderClosedDossiersCanBeLoadedAfterTheFirstScreen() throws {
        let t = try storeWithSnapshot()
        defer { t.directory.cleanup() }
        let old = t.store.summaries.first { $0.applicantName == "Đỗ Văn Cũ" }!
        // A note on the old closed dossier after the snapshot: it must wait for its year, then apply.
        try t.store.perform(.note("Tra cứu lại"), on: old.code, actor: t.clerk, now: at("2026-12-02T10:00"))
        let deferred = try Store.open(at: t.path, history: .deferred)
        #expect(!deferred.isHistoryComplete)
        #expect(deferred.dossierCount == 4 - 1, "the 2025 closed dossier waits")
        #expect(deferred.openSummaries.contains { $0.applicantName == "Trần Thị Bé" }, "open dossiers of old years come at once")
        while !deferred.loadHistoryStep(budget: 0.001) {}
        #expect(deferred.isHistoryComplete && deferred.dossierCount == 4)
        #expect(deferred.summary(code: old.code)?.version == 3)
        #expect(try deferred.verify().ok)
        // Reading or changing a deferred dossier loads its year first.
        let lazy = try Store.open(at: t.path, history: .deferred)
        #expect(try lazy.dossier(code: old.code).history.count == 3)
    }
}
