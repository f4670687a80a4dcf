import Foundation
import Testing
import MotCuaCore
@testable import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport

/// Issue 12: `show`, `list` and `report` open the store with deferred history and load only the
/// years they need, and `list` tests the columns before making values. Each must give exactly
/// what the old path (every year loaded, every row a value) gives, on a generated store of three
/// years, after another process's writes, and with a damaged rows file.
@Suite("Command fast paths equal the full load")
struct CommandFastPathTests {
    static let now = at("2026-11-27T10:00")

    /// Three years of generated dossiers, snapshotted; a ward clerk (office P1) added afterwards.
    final class Generated {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-fast-\(UUID().uuidString.prefix(8))").path
        let store: Store

        init() throws {
            let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: at("2024-01-02T08:00"))
            store = try Store.create(at: root, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
            let admin = try store.actor(login: "admin", terminal: "test")
            for m in DemoStaff.members {
                try store.addUser(User(login: m.login, name: m.name, role: m.role, department: m.department), actor: admin, now: config.createdAt)
            }
            // Two years generated up to mid-December 2025 (its running dossiers stay open), then a
            // few receipts in 2026: 2024 and 2025 are the older years a deferred open leaves.
            var options = DemoGenerator.Options(count: 700, seed: 12, start: config.createdAt, end: at("2025-12-19T16:00"))
            options.stalledShare = 0.05
            try store.importPlan(DemoGenerator(options: options, catalogue: store.catalogue, calendar: store.calendar), actor: admin)
            let clerk = try store.actor(login: "lan", terminal: "test")
            for n in 0..<30 {
                let person = Person(name: n % 2 == 0 ? "Nguyễn Thị Hoa \(n)" : "Trần Văn Nam \(n)", idNumber: "0460900\(10_000 + n)", phone: "09123\(10_000 + n)")
                _ = try store.receive(Intake(procedureCode: "1.004873", applicant: person), actor: clerk, now: at("2026-03-02T08:00").adding(seconds: Int64(n) * 86_400 * 7))
            }
            try store.checkpoint()
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func open(_ history: HistoryLoading) throws -> Store { try Store.open(at: root, history: history) }
    }

    /// What `list` did before: every row a value, scoped, made visible, filtered, sorted.
    func referenceList(_ store: Store, _ login: String, _ filter: DossierFilter, limit: Int?) throws -> [DossierSummary] {
        let actor = try store.actor(login: login, terminal: "test")
        let scope = try store.reportScope(for: actor)
        let rows = filter.apply(scope.filter(store.summaries).map { $0.visible(to: actor.role) },
                                clock: DeadlineClock(now: Self.now, calendar: store.calendar))
        return limit.map { Array(rows.prefix($0)) } ?? rows
    }

    func filters() -> [(DossierFilter, Int?)] {
        func make(_ change: (inout DossierFilter) -> Void) -> DossierFilter { var f = DossierFilter(); change(&f); return f }
        return [
            (make { $0.search = "nguyen thi" }, nil), (make { $0.search = "nguyen thi" }, 20), (make { $0.search = "Nguyễn Văn" }, 5),
            (make { $0.search = "234" }, nil), (make { $0.search = "***" }, 10), (make { $0.search = "h57 24" }, 50),
            (make { $0.states = [.received] }, 20), (make { $0.states = [.received, .inProgress] }, nil),
            (make { $0.states = [.returned] }, 30), (make { $0.overdueOnly = true }, nil), (make { $0.overdueOnly = true }, 3),
            (make { $0.dueWithinWorkingDays = 2 }, nil), (make { $0.holder = "VP" }, 20), (make { $0.holder = "" }, nil),
            (make { $0.holder = "VP"; $0.search = "tran" }, nil), (DossierFilter(), 25),
        ]
    }

    @Test func listFromADeferredStoreEqualsTheFullLoadForEveryFilterAndRole() throws {
        let g = try Generated()
        let admin = try g.store.actor(login: "admin", terminal: "test")
        try g.store.addUser(User(login: "ward", name: "Trần Văn Bình", role: .clerk, office: "P1"), actor: admin, now: Self.now)
        let full = try g.open(.all)
        var deferredStayed = false
        for login in ["admin", "lan", "hung", "ward"] {
            for (filter, limit) in filters() {
                let fast = try g.open(.deferred)
                let got = try Desk(store: fast, actor: try fast.actor(login: login, terminal: "test")).list(filter, limit: limit, at: Self.now)
                let expected = try referenceList(full, login, filter, limit: limit)
                #expect(got == expected, "\(login) \(filter) limit \(limit.map(String.init) ?? "-"): \(got.count) vs \(expected.count)")
                if !Store.needsClosedDossiers(filter) {
                    #expect(!fast.isHistoryComplete, "an open-only filter loads no older year")
                    deferredStayed = true
                }
            }
        }
        #expect(deferredStayed)
        #expect(try referenceList(full, "admin", DossierFilter(), limit: nil).count == full.dossierCount)
    }

    @Test func listAndShowFollowAnotherProcessWritesIntoAnOlderYear() throws {
        let g = try Generated()
        let reader = try g.open(.deferred)
        // Another process: receives one, and moves an open dossier of an older year on.
        let writer = try g.open(.all)
        let hoa = try writer.actor(login: "hoa", terminal: "test")
        let clerk = try writer.actor(login: "lan", terminal: "test")
        // An older year's dossier still open (in the snapshot's "open" file), moved on a step.
        let old = try #require(writer.openSummaries.first { (DossierCode.year(of: $0.code) ?? 0) < 2026 })
        _ = try writer.receive(Intake(procedureCode: "1.004873", applicant: Person(name: "Nguyễn Thị Hoà", idNumber: "046090001234", phone: "0912345678")),
                               actor: clerk, now: Self.now)
        if old.state.isRunning {
            _ = try writer.perform(.resultReady(note: nil), on: old.code, actor: hoa, now: Self.now)
        } else {
            _ = try writer.perform(.returnResult(.applicant), on: old.code, actor: clerk, now: Self.now)
        }
        try reader.refresh()
        let fresh = try g.open(.all)
        for (filter, limit) in filters() {
            let got = try Desk(store: reader, actor: try reader.actor(login: "hung", terminal: "test")).list(filter, limit: limit, at: Self.now)
            #expect(got == (try referenceList(fresh, "hung", filter, limit: limit)), "\(filter)")
        }
        let shown = try Desk(store: try g.open(.deferred), actor: try fresh.actor(login: "hung", terminal: "test")).dossierInScope(code: old.code)
        #expect(shown == (try Desk(store: fresh, actor: try fresh.actor(login: "hung", terminal: "test")).dossierInScope(code: old.code)))
        #expect(shown.summary.state == (old.state.isRunning ? .resultReady : .returned))
    }

    @Test func showLoadsOnlyTheDossiersYearAndEqualsTheFullLoad() throws {
        let g = try Generated()
        let full = try g.open(.all)
        let byYear = Dictionary(grouping: full.summaries, by: { DossierCode.year(of: $0.code) ?? 0 })
        #expect(byYear.keys.sorted() == [2024, 2025, 2026])
        for (year, rows) in byYear {
            for summary in [rows.first!, rows.last!, rows[rows.count / 2]] {
                let fast = try g.open(.deferred)
                for login in ["admin", "lan"] {
                    let actor = try fast.actor(login: login, terminal: "test")
                    let got = try Desk(store: fast, actor: actor).dossierInScope(code: summary.code)
                    #expect(got == (try Desk(store: full, actor: actor).dossierInScope(code: summary.code)), "\(summary.code)")
                }
                if year == 2025 { #expect(!fast.isHistoryComplete, "showing a 2025 dossier leaves 2024 deferred") }
            }
        }
    }

    @Test func aQuartersReportLoadsOnlyTheYearsItCanCountAndEqualsTheFullLoad() throws {
        let g = try Generated()
        let full = try g.open(.all)
        let periods = [("2024-01-01", "2024-03-31"), ("2025-10-01", "2026-01-31"), ("2026-07-01", "2026-09-30"), ("2026-11-27", "2026-11-27")]
        for (from, to) in periods {
            let from = try #require(CivilDate(from)), to = try #require(CivilDate(to))
            let fast = try g.open(.deferred)
            for grouping in PeriodReport.Grouping.allCases {
                let desk = Desk(store: fast, actor: try fast.actor(login: "hung", terminal: "test"))
                let expected = try Desk(store: full, actor: try full.actor(login: "hung", terminal: "test")).periodReport(from: from, to: to, by: grouping)
                #expect(try desk.periodReport(from: from, to: to, by: grouping).report.text() == expected.report.text(), "\(from)–\(to) \(grouping)")
            }
            if from.year == 2026 && from.month == 7 { #expect(!fast.isHistoryComplete, "Q3 2026 needs no 2024 dossier") }
        }
    }

    @Test func aDamagedOlderRowsFileFallsBackToTheJournal() throws {
        let g = try Generated()
        let full = try g.open(.all)
        let head = try #require(full.bestHead())
        let file = try #require(head.years["2024"])
        let path = "\(g.root)/index/\(file)"
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let code = try #require(full.summaries.first { DossierCode.year(of: $0.code) == 2024 && $0.state.isClosed }).code
        let fast = try g.open(.deferred)
        let actor = try fast.actor(login: "hung", terminal: "test")
        #expect(try Desk(store: fast, actor: actor).dossierInScope(code: code) == (try Desk(store: full, actor: actor).dossierInScope(code: code)))
        #expect(fast.notices.contains { $0.contains("dựng lại") }, "\(fast.notices)")
        let other = try g.open(.deferred)
        let from = try #require(CivilDate("2024-01-01")), to = try #require(CivilDate("2024-12-31"))
        #expect(try Desk(store: other, actor: actor).periodReport(from: from, to: to, by: .none).report.text()
                == (try Desk(store: full, actor: actor).periodReport(from: from, to: to, by: .none).report.text()))
    }
}
