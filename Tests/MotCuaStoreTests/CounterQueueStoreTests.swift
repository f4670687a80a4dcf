import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// The number queue in the store: rebuilt from the journal whatever the index snapshot holds,
/// followed across processes, its keys shared with the dossiers'.
@Suite("Counter queue, store")
struct CounterQueueStoreTests {
    @Test func theDaysQueueComesFromTheJournalNotTheSnapshot() throws {
        let t = try TestStore(label: "queue-snapshot")
        defer { t.directory.cleanup() }
        for minute in 0..<3 {
            _ = try t.store.performQueue(.issue(group: "A", priority: minute == 2), actor: t.clerk, now: at("2026-12-01T08:0\(minute)"))
        }
        try t.receive(at: "2026-12-01T08:05")
        try t.store.checkpoint()                                    // the snapshot is past every queue line
        let reopened = try Store.open(at: t.path)
        let clerk = try reopened.actor(login: "lan", terminal: "test")
        let called = try reopened.performQueue(.call(counter: 1), actor: clerk, now: at("2026-12-01T08:10"))
        #expect(called.entry.event.number == "A003", "the priority ticket, known only from the journal")
        #expect(called.day.waiting().map(\.number) == ["A001", "A002"])
        // The first store follows the other's line through refresh.
        #expect(try t.store.queueDay(CivilDate(2026, 12, 1), now: at("2026-12-01T08:11")).current(counter: 1)?.number == "A003")
        #expect(try t.store.verify().ok)
    }

    @Test func aQueueKeyIsNeverReusedByADossierCommand() throws {
        let t = try TestStore(label: "queue-op")
        defer { t.directory.cleanup() }
        _ = try t.store.performQueue(.issue(group: "A", priority: false), actor: t.clerk, op: "k1", now: at("2026-12-01T08:00"))
        #expect(throws: StoreError.self) { try t.receive(at: "2026-12-01T08:01", op: "k1") }
        try t.receive(at: "2026-12-01T08:02", op: "k2")
        #expect(throws: StoreError.self) {
            _ = try t.store.performQueue(.issue(group: "A", priority: false), actor: t.clerk, op: "k2", now: at("2026-12-01T08:03"))
        }
    }
}
