import Foundation
import Testing
import MotCuaCore
@testable import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport

/// Issue 12, second step: `show`, `list`, `overdue` and `report` open `.onDemand` (the open
/// dossiers only) and read the other rows in place from the mapped rows files. Each answer must
/// equal the full load's, also after other processes' writes, with a writer replacing the files
/// under a reader's mapping, and with a damaged, truncated or swapped rows file.
@Suite("On-demand rows equal the full load")
struct OnDemandTests {
    typealias Generated = CommandFastPathTests.Generated
    static let now = CommandFastPathTests.now
    let reference = CommandFastPathTests()

    func overdueText(_ store: Store, _ login: String) throws -> String {
        let report = try Desk(store: store, actor: try store.actor(login: login, terminal: "test")).overdue(at: Self.now)
        return "\(report.report)"
    }

    func everything(_ store: Store, login: String) throws -> [String] {
        let desk = Desk(store: store, actor: try store.actor(login: login, terminal: "test"))
        var out: [String] = []
        for (filter, limit) in reference.filters() { out.append("\(try desk.list(filter, limit: limit, at: Self.now))") }
        out.append(try overdueText(store, login))
        for (from, to) in [("2024-01-01", "2024-03-31"), ("2025-10-01", "2026-01-31"), ("2026-07-01", "2026-09-30")] {
            let from = try #require(CivilDate(from)), to = try #require(CivilDate(to))
            out.append(try desk.periodReport(from: from, to: to, by: .procedure).report.text())
        }
        return out
    }

    @Test func listOverdueAndReportEqualTheFullLoadAndOpenOnlyLeavesClosedRowsUnread() throws {
        let g = try Generated()
        let full = try g.open(.all)
        for login in ["admin", "lan", "hung"] {
            let fast = try g.open(.onDemand)
            #expect(fast.dossierCount == full.openSummaries.count, "an on-demand open holds the open dossiers only")
            #expect(try overdueText(fast, login) == (try overdueText(full, login)))
            #expect(fast.dossierCount == full.openSummaries.count, "overdue reads no closed row")
            for (filter, limit) in reference.filters() {
                let store = try g.open(.onDemand)
                let got = try Desk(store: store, actor: try store.actor(login: login, terminal: "test")).list(filter, limit: limit, at: Self.now)
                #expect(got == (try reference.referenceList(full, login, filter, limit: limit)), "\(login) \(filter)")
                if filter.search != nil && filter.search != "***" {
                    #expect(store.dossierCount < full.dossierCount, "only candidates are read: \(filter)")
                }
            }
            #expect(try everything(g.open(.onDemand), login: login) == (try everything(full, login: login)))
        }
    }

    @Test func showReadsOneRowOfItsYear() throws {
        let g = try Generated()
        let full = try g.open(.all)
        let closed = Dictionary(grouping: full.summaries.filter(\.state.isClosed), by: { DossierCode.year(of: $0.code) ?? 0 })
        #expect(closed.keys.contains(2024) && closed.keys.contains(2025))
        for summary in closed.values.flatMap({ $0.prefix(3) }) {
            let fast = try g.open(.onDemand)
            let before = fast.dossierCount
            let actor = try fast.actor(login: "lan", terminal: "test")
            #expect(try Desk(store: fast, actor: actor).dossierInScope(code: summary.code) == (try Desk(store: full, actor: actor).dossierInScope(code: summary.code)))
            #expect(fast.dossierCount == before + 1, "\(summary.code): one row read")
            let short = String(summary.code.split(separator: "-").suffix(2).joined(separator: "-"))
            #expect(try fast.resolveCode(short) == summary.code)
        }
    }

    @Test func aReaderFollowsWritesIntoEveryYearAndAWriterReplacingTheFilesUnderItsMapping() throws {
        let g = try Generated()
        let reader = try g.open(.onDemand)
        let mapped = try #require(reader.rowsMaps.values.first)
        let writer = try g.open(.all)
        let clerk = try writer.actor(login: "lan", terminal: "test"), hoa = try writer.actor(login: "hoa", terminal: "test")
        let older = try #require(writer.openSummaries.first { (DossierCode.year(of: $0.code) ?? 0) < 2026 && $0.state.isRunning })
        _ = try writer.perform(.resultReady(note: nil), on: older.code, actor: hoa, now: Self.now)
        _ = try writer.receive(Intake(procedureCode: "1.004873", applicant: Person(name: "Nguyễn Thị Hoa Mới", idNumber: "046090009999", phone: "0912999999")),
                               actor: clerk, now: Self.now)
        // The writer's snapshot renames new files over and unlinks the old: the reader's map stays.
        let oldNames = Set(try #require(writer.bestHead()).years.values)
        try writer.checkpoint()
        let newNames = Set(try #require(writer.bestHead()).years.values)
        #expect(!newNames.isSuperset(of: oldNames), "a changed year is written under a new name")
        #expect(mapped.rows > 0 && mapped.state(at: mapped.rows - 1) != nil, "the old mapping still reads")
        try reader.refresh()
        let fresh = try g.open(.all)
        for (filter, limit) in reference.filters() {
            let got = try Desk(store: reader, actor: try reader.actor(login: "hung", terminal: "test")).list(filter, limit: limit, at: Self.now)
            #expect(got == (try reference.referenceList(fresh, "hung", filter, limit: limit)), "\(filter)")
        }
        #expect(try overdueText(reader, "hung") == (try overdueText(fresh, "hung")))
        let actor = try fresh.actor(login: "hung", terminal: "test")
        #expect(try Desk(store: try g.open(.onDemand), actor: actor).dossierInScope(code: older.code).summary.state == .resultReady)
        #expect(try everything(g.open(.onDemand), login: "hung") == (try everything(fresh, login: "hung")))
    }

    /// A snapshot taken by a store that read only some rows of a changed year loads the year
    /// first and writes all of it (a table copied before the load lost the rows not yet read).
    @Test func aSnapshotFromAnOnDemandStoreKeepsEveryRowOfTheYearsItRewrites() throws {
        let g = try Generated()
        let writer = try g.open(.all)
        _ = try writer.receive(Intake(procedureCode: "1.004873", applicant: Person(name: "Lê Thị Mới", idNumber: "046090008888", phone: "0912888888")),
                               actor: try writer.actor(login: "lan", terminal: "test"), now: Self.now)
        let reader = try g.open(.onDemand)
        #expect(reader.dossierCount < writer.dossierCount)
        try reader.checkpoint()
        #expect(try #require(reader.bestHead()).seq == writer.lastSeq, "the reader wrote the snapshot")
        let reopened = try g.open(.all)
        #expect(reopened.summaries.sorted { $0.code < $1.code } == writer.summaries.sorted { $0.code < $1.code })
        #expect(try reopened.verify().ok)
    }

    enum Damage: CaseIterable { case flippedByte, truncated, swappedForAnotherYear, removed }

    @Test(arguments: Damage.allCases, ["2026", "2024"])
    func aDamagedRowsFileIsRebuiltFromTheJournal(_ damage: Damage, _ year: String) throws {
        let g = try Generated()
        let full = try g.open(.all)
        let expected = try everything(full, login: "hung")
        let head = try #require(full.bestHead())
        let path = "\(g.root)/index/\(try #require(head.years[year]))"
        var bytes = try #require(FileManager.default.contents(atPath: path))
        switch damage {
        case .flippedByte: bytes[bytes.count / 3] ^= 0x01
        case .truncated: bytes = bytes.prefix(bytes.count - 100)
        case .swappedForAnotherYear:
            let other = try #require(head.years["2025"])
            bytes = try #require(FileManager.default.contents(atPath: "\(g.root)/index/\(other)"))
        case .removed: break
        }
        if damage == .removed { try FileManager.default.removeItem(atPath: path) } else {
            try bytes.write(to: URL(fileURLWithPath: path))
        }
        let fast = try g.open(.onDemand)
        #expect(try everything(fast, login: "hung") == expected, "\(damage) \(year)")
        #expect(fast.notices.contains { $0.contains("dựng lại") }, "\(damage) \(year): \(fast.notices)")
        let code = try #require(full.summaries.first { DossierCode.year(of: $0.code) == Int(year) }).code
        let actor = try full.actor(login: "hung", terminal: "test")
        #expect(try Desk(store: try g.open(.onDemand), actor: actor).dossierInScope(code: code)
                == (try Desk(store: full, actor: actor).dossierInScope(code: code)))
    }
}
