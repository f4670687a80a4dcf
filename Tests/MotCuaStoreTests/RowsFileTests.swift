import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

@Suite("Binary rows files")
struct RowsFileTests {
    /// Two years of generated dossiers (every state, pauses, late steps, flags), snapshotted.
    func generatedStore() throws -> (TempDirectory, Store) {
        let directory = TempDirectory("rows")
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử nghiệm", training: true, createdAt: at("2025-01-01T08:00"))
        let store = try Store.create(at: directory.path + "/s", config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        let admin = try store.actor(login: "admin", terminal: "test")
        for m in DemoStaff.members {
            try store.addUser(User(login: m.login, name: m.name, role: m.role, department: m.department), actor: admin, now: config.createdAt)
        }
        let options = DemoGenerator.Options(count: 600, seed: 7, start: config.createdAt, end: at("2026-11-27T16:00"))
        try store.importPlan(DemoGenerator(options: options, catalogue: store.catalogue, calendar: store.calendar), actor: admin)
        try store.checkpoint()
        return (directory, store)
    }

    func byCode(_ store: Store) -> [DossierSummary] { store.summaries.sorted { $0.code < $1.code } }

    func positionsByID(_ store: Store) -> [UUID: [JournalPosition]] {
        Dictionary(uniqueKeysWithValues: (0..<store.index.count).map { (store.index.table.ids[$0], store.index.positions(of: $0)) })
    }

    @Test func everyColumnReadsBackAsWrittenAllAtOnceOrInSteps() throws {
        let (directory, store) = try generatedStore()
        defer { directory.cleanup() }
        let expected = byCode(store)
        #expect(expected.count == 600)
        #expect(expected.contains { !$0.pauseHistory.isEmpty } && expected.contains { $0.lateStep != nil } && expected.contains { !$0.flags.isEmpty })

        let reopened = try Store.open(at: store.path)
        #expect(reopened.reloadCount == 1 && reopened.notices.isEmpty, "read from the rows files, not rebuilt: \(reopened.notices)")
        #expect(byCode(reopened) == expected)
        #expect(positionsByID(reopened) == positionsByID(store))
        let today = try #require(CivilDate(year: 2026, month: 11, day: 27))
        #expect(reopened.index.nextCode(agency: "000.00.xx.H57", date: today) == store.index.nextCode(agency: "000.00.xx.H57", date: today))

        let deferred = try Store.open(at: store.path, history: .deferred)
        #expect(deferred.dossierCount < 600, "older closed dossiers wait")
        while !deferred.loadHistoryStep(budget: 0) {}
        #expect(byCode(deferred) == expected)
        #expect(positionsByID(deferred) == positionsByID(store))
    }

    /// A file whose CRC matches but whose counts do not is refused, never read past its end.
    @Test func aResealedInconsistentFileIsRefused() throws {
        let (directory, store) = try generatedStore()
        defer { directory.cleanup() }
        let bytes = try RowsFile.encode(store.index, rows: Array(0..<store.index.count), seq: 1)
        _ = try RowsFile.decode(bytes, seq: 1)
        for field in ["rows", "events", "arenaBytes", "pauseWords", "cut", "names"] {
            var (header, body) = try split(bytes)
            switch field {
            case "cut": body.removeSubrange(100..<200)
            case "names": header["names"] = [""]            // name numbers in the columns point past the list
            default: header[field] = (header[field] as! Int) + 1
            }
            #expect(throws: SnapshotInvalid.self, "\(field)") { try RowsFile.decode(try reseal(header, body, rows: header["rows"] as! Int), seq: 1) }
        }
    }

    /// Flag bits are numbered by the header's list: a file written with another order reads the same flags.
    @Test func flagsWrittenInAnotherOrderAreRenumbered() throws {
        let (directory, store) = try generatedStore()
        defer { directory.cleanup() }
        let rows = Array(0..<store.index.count)
        var (header, body) = try split(try RowsFile.encode(store.index, rows: rows, seq: 1))
        let names = DossierFlag.allCases.map(\.rawValue)
        header["flags"] = Array(names.reversed())
        let (_, columns) = try RowsFile.decode(try reseal(header, body, rows: rows.count), seq: 1)
        var flagged = 0
        for row in rows {
            let written = store.index.table.flagBits[row]
            var expected = written & 0x80
            for i in names.indices where written & (1 << UInt8(i)) != 0 { expected |= 1 << UInt8(names.count - 1 - i) }
            #expect(columns.flagBits[row] == expected)
            if written & 0x7F != 0 { flagged += 1 }
        }
        #expect(flagged > 0)
    }

    func split(_ bytes: [UInt8]) throws -> ([String: Any], [UInt8]) {
        let headerEnd = bytes.firstIndex(of: 10)!
        let trailerStart = bytes.dropLast().lastIndex(of: 10)! + 1
        let header = try JSONSerialization.jsonObject(with: Data(bytes[..<headerEnd])) as! [String: Any]
        return (header, Array(bytes[(headerEnd + 1)..<(trailerStart - 1)]))
    }

    func reseal(_ header: [String: Any], _ body: [UInt8], rows: Int) throws -> [UInt8] {
        let bytes = Array(try JSONSerialization.data(withJSONObject: header)) + [10] + body + [10]
        let trailer = try JSONEncoder().encode(RowsTrailer(rows: rows, crc: CRC32.hex(CRC32.checksum(bytes))))
        return bytes + Array(trailer) + [10]
    }
}

@Suite("Time columns")
struct TimeColumnTests {
    @Test func instantsRoundTripExactlyInsideAndOutsideTheCompactRange() {
        let values: [Int64] = [DossierTable.none, 0, TimeColumn.base, at("2026-11-27T10:00").seconds,
                               at("2068-01-19T00:00").seconds, at("2100-12-31T17:00").seconds, at("1900-01-01T08:00").seconds, -1]
        var column = TimeColumn()
        column.append(contentsOf: values)
        #expect(Array(column) == values)
        column[5] = at("2027-01-04T08:00").seconds                     // back inside: the aside value is dropped
        column[1] = at("2150-06-01T08:00").seconds
        #expect(column[5] == at("2027-01-04T08:00").seconds && column[1] == at("2150-06-01T08:00").seconds)
        #expect(column[0] == DossierTable.none)
    }
}

@Suite("Reports read only the rows a period can count")
struct ReportRowsTests {
    @Test func aReportFromTheOverlappingRowsEqualsTheReportFromEveryRow() throws {
        let (directory, store) = try RowsFileTests().generatedStore()
        defer { directory.cleanup() }
        let all = store.summaries
        let periods = [("2025-01-01", "2025-03-31"), ("2025-10-15", "2026-02-10"), ("2026-07-01", "2026-09-30"), ("2026-11-27", "2026-11-27")]
        var narrowed = false
        for (from, to) in periods {
            let from = try #require(CivilDate(from)), to = try #require(CivilDate(to))
            let rows = store.summaries(overlapping: from, to)
            narrowed = narrowed || rows.count < all.count / 2
            for grouping in PeriodReport.Grouping.allCases {
                let expected = try PeriodReport.make(summaries: all, from: from, to: to, by: grouping, calendar: store.calendar, catalogue: store.catalogue)
                let fromRows = try PeriodReport.make(summaries: rows, from: from, to: to, by: grouping, calendar: store.calendar, catalogue: store.catalogue)
                #expect(fromRows.text() == expected.text(), "\(from)–\(to) by \(grouping)")
            }
        }
        #expect(narrowed, "a quarter reads a fraction of two years")
    }
}
