import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaSync
import MotCuaTestSupport

/// DOSSIER_SYNC from a real outbox: the scorecard's per-dossier verdicts give the share
/// `sync status` reports for the same month.
@Suite("Scorecard: DOSSIER_SYNC from the outbox", .serialized)
struct ScorecardSyncTests {
    @Test func theSyncIndexIsTheStatusShareOfTheMonth() throws {
        let t = try TestStore(label: "scorecard-sync")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        var codes = try SyncDay.play(t, dossiers: 2)
        let settings = try SyncDay.configure(t, server)
        // Two dossiers of 07:46… pushed at 08:00 (within 15 minutes), a third of 08:01 pushed at 08:30 (late).
        let (early, _) = try SyncDay.outbox(t, settings, server, now: "2026-11-30T08:00")
        #expect(try early.push()?.pending == 0)
        codes.append(try t.receive("Trần Thị Muộn", at: "2026-11-30T08:01:00+07:00").code)
        let (late, _) = try SyncDay.outbox(t, settings, server, now: "2026-11-30T08:30")
        #expect(try late.push()?.pending == 0)
        let now = at("2026-11-30T09:00")
        let verdicts = try SyncVerdicts(store: t.store, settings: settings, now: now)
        #expect(Set(verdicts.onTimeByCode.keys) == Set(codes))
        let status = try SyncStatusReport(store: t.store, settings: settings, now: now, withinMinutes: 15)
        let card = Scorecard.compute(dossiers: t.store.summaries(overlapping: CivilDate(2026, 11, 1), CivilDate(2026, 11, 30)),
                                     period: .month(year: 2026, month: 11), rule: .dateOnly, calendar: t.store.calendar,
                                     now: now, catalogue: t.store.catalogue, sync: verdicts)
        let sync = try #require(card.metrics.first { $0.code == "DOSSIER_SYNC" })
        #expect(sync.denominator == codes.count && sync.source == .desk)
        #expect(sync.ratio == ScorecardNumber.round(status.onTimeShare * 100), "\(verdicts.onTimeByCode) \(status.onTimeShare)")
        #expect((sync.numerator, sync.ratio, sync.score) == (2, 66.67, 4), "\(verdicts.onTimeByCode)")
    }
}
