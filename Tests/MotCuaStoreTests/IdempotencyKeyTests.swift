import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 18, integrity defects 1 and 2: an idempotency key is bound to its command and kept by
/// the time it was written, whatever `index/` holds.
@Suite("Idempotency keys")
struct IdempotencyKeyTests {
    @Test func aKeyReusedOnAnotherCommandIsRefusedAndBothAreNamed() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let a = try t.receive("Nguyễn Văn Ánh", op: "K1")
        do {
            try t.store.perform(.transfer(department: "VP", official: nil), on: a.code, actor: t.clerk, op: "K1", now: at("2026-11-30T09:00"))
            Issue.record("a transfer with a receive's key was taken as already done")
        } catch let error as StoreError {
            #expect(error.isBadInput, "\(error)")
            let text = error.description
            #expect(text.contains("K1") && text.contains("tiếp nhận") && text.contains("chuyển xử lý") && text.contains(a.code), "\(text)")
        }
        #expect(t.store.summary(code: a.code)?.version == 1)
    }

    @Test func aReceiveForAnotherCitizenWithAUsedKeyIsRefused() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        _ = try t.receive("Nguyễn Văn Ánh", op: "K1")
        #expect(throws: StoreError.self) { try t.receive("Trần Thị Bé", op: "K1") }
        #expect(t.store.dossierCount == 1)
        // The same command again is still a replay, in this process and in a fresh one.
        #expect(try t.receive("Nguyễn Văn Ánh", at: "2026-11-30T08:05", op: "K1").replayed)
        let reopened = try Store.open(at: t.path)
        #expect(throws: StoreError.self) {
            try reopened.receive(t.intake("Trần Thị Bé"), actor: t.clerk, op: "K1", now: at("2026-11-30T09:00"))
        }
    }

    @Test func theSameCommandOnAnotherDossierIsAnotherCommand() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let a = try t.receive("Nguyễn Văn Ánh")
        let b = try t.receive("Trần Thị Bé")
        try t.store.perform(.note("x"), on: a.code, actor: t.clerk, op: "N1", now: at("2026-11-30T09:00"))
        #expect(try t.store.perform(.note("x"), on: a.code, actor: t.clerk, op: "N1", now: at("2026-11-30T09:01")).replayed)
        #expect(throws: StoreError.self) {
            try t.store.perform(.note("x"), on: b.code, actor: t.clerk, op: "N1", now: at("2026-11-30T09:02"))
        }
    }

    /// Times near the real clock: the snapshot measures its window from the newest write no later than now.
    private static func instant(daysFromNow days: Int) -> Instant {
        Instant(seconds: (Int64(Date().timeIntervalSince1970) / 60) * 60 + Int64(days) * 86_400)
    }

    @Test func aBackDatedReceivesKeySurvivesTheSnapshot() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let now = Self.instant(daysFromNow: 0)
        var paper = t.intake("Nguyễn Văn Ánh")
        paper.receivedAt = Self.instant(daysFromNow: -40)
        let first = try t.store.receive(paper, actor: t.clerk, op: "late-1", now: now)
        try t.store.receive(t.intake("Trần Thị Bé"), actor: t.clerk, op: "today-1", now: now)
        try t.store.checkpoint()
        let reopened = try Store.open(at: t.path)
        let retry = try reopened.receive(paper, actor: t.clerk, op: "late-1", now: now.adding(seconds: 60))
        #expect(retry.replayed && retry.code == first.code)
        #expect(reopened.dossierCount == 2)
        // Both times are in the journal: the paper's (the dossier's) and the real entry.
        let line = try t.journalFiles().flatMap { try String(contentsOfFile: $0, encoding: .utf8).split(separator: "\n") }
            .first { $0.contains("\"op\":\"late-1\"") }
        #expect(line?.contains("\"at\":\"\(paper.receivedAt!.iso8601)\"") == true, "\(line ?? "")")
        #expect(line?.contains("\"entered\":\"\(now.iso8601)\"") == true, "\(line ?? "")")
    }

    @Test func anOpInTheFutureDoesNotDropTheOtherKeys() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let now = Self.instant(daysFromNow: 0)
        let first = try t.store.receive(t.intake("Nguyễn Văn Ánh"), actor: t.clerk, op: "K-now", now: now)
        try t.store.perform(.note("x"), on: first.code, actor: t.clerk, op: "K-future", now: Self.instant(daysFromNow: 60))
        try t.store.checkpoint()
        let reopened = try Store.open(at: t.path)
        #expect(try reopened.receive(t.intake("Nguyễn Văn Ánh"), actor: t.clerk, op: "K-now", now: now.adding(seconds: 60)).replayed)
    }

    @Test func theAnswerDoesNotDependOnTheIndexDirectory() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        let now = Self.instant(daysFromNow: 0)
        try t.store.receive(t.intake("Nguyễn Văn Ánh"), actor: t.clerk, op: "old", now: Self.instant(daysFromNow: -45))
        try t.store.receive(t.intake("Trần Thị Bé"), actor: t.clerk, op: "recent", now: Self.instant(daysFromNow: -10))
        try t.store.receive(t.intake("Lê Văn Chờ"), actor: t.clerk, now: now)
        try t.store.checkpoint()
        func answers(_ store: Store) throws -> [Bool] {
            [try store.receive(t.intake("Nguyễn Văn Ánh"), actor: t.clerk, op: "old", now: now).replayed,
             try store.receive(t.intake("Trần Thị Bé"), actor: t.clerk, op: "recent", now: now).replayed]
        }
        // Ask a copy of the store with its snapshot, then the same copy without index/.
        let withIndex = t.directory.path + "/with-index", withoutIndex = t.directory.path + "/without-index"
        try FileManager.default.copyItem(atPath: t.path, toPath: withIndex)
        try FileManager.default.copyItem(atPath: t.path, toPath: withoutIndex)
        try FileManager.default.removeItem(atPath: withoutIndex + "/index")
        try FileManager.default.createDirectory(atPath: withoutIndex + "/index", withIntermediateDirectories: false)
        let a = try answers(try Store.open(at: withIndex)), b = try answers(try Store.open(at: withoutIndex))
        #expect(a == b, "with index/ \(a), without \(b)")
        #expect(b == [false, true], "a key is honoured for \(Store.opsRetention / 86_400) days after it was written")
    }
}
