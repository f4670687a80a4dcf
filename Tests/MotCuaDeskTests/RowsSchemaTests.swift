import Foundation
import Testing
import MotCuaCore
@testable import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport

/// Issue 12, third step: rows files of schema 3 carry each row's offsets and the rows in code
/// order, so `show` finds one code by a binary search of the mapped file; schema 2 files (written
/// by 0.5) are still read the old way until a snapshot that holds their rows rewrites them. A scan
/// gives back the pages it touched; the listing streams values made again from its rows.
@Suite("Rows files of both schemas, released pages, streamed listing")
struct RowsSchemaTests {
    typealias Generated = CommandFastPathTests.Generated
    static let now = CommandFastPathTests.now
    let reference = CommandFastPathTests()

    /// Rewrites every rows file of the generated store in `schema`.
    func rewrite(_ g: Generated, schema: Int) throws {
        let store = try g.open(.all)
        store.rowsSchema = schema
        store.index.dirtyYears = Set(store.summaries.compactMap { DossierCode.year(of: $0.code) })
        try store.checkpoint(replacingSameSeq: true)
        let head = try #require(store.bestHead())
        let reopened = try g.open(.all)
        #expect(head.years.values.allSatisfy { reopened.rowsMaps[$0]?.header.schema == schema })
    }

    func closedOfOlderYears(_ full: Store) -> [DossierSummary] {
        let closed = Dictionary(grouping: full.summaries.filter(\.state.isClosed), by: { DossierCode.year(of: $0.code) ?? 0 })
        return [2024, 2025].flatMap { (closed[$0] ?? []).prefix(4) }
    }

    @Test func everyCodeOfASchema3FileIsFoundByItsCodeOrder() throws {
        let g = try Generated()
        let store = try g.open(.all)
        #expect(!store.rowsMaps.isEmpty)
        for file in store.rowsMaps.values {
            #expect(file.header.schema == RowsFile.schema)
            for row in 0..<file.rows {
                #expect(file.rows(withCode: Array(file.string(0, at: row))) == [row])
            }
            #expect(file.rows(withCode: Array("000.00.xx.H57-000000-0000".utf8)) == [])
            #expect(file.rows(withCode: Array("zzz".utf8)) == [])
        }
    }

    @Test func showOfASchema2FileScansItsCodesAndEqualsTheFullLoad() throws {
        let g = try Generated()
        try rewrite(g, schema: 2)
        let full = try g.open(.all)
        let summaries = closedOfOlderYears(full)
        #expect(summaries.count == 8)
        for summary in summaries {
            let fast = try g.open(.onDemand)
            let before = fast.dossierCount
            let actor = try fast.actor(login: "lan", terminal: "test")
            #expect(try Desk(store: fast, actor: actor).dossierInScope(code: summary.code) == (try Desk(store: full, actor: actor).dossierInScope(code: summary.code)))
            #expect(fast.dossierCount == before + 1, "\(summary.code): one row read")
            let name = try #require(fast.baseHead?.years[String(DossierCode.year(of: summary.code) ?? 0)])
            let file = try #require(fast.rowsMaps[name])
            #expect(file.header.schema == 2 && file.rows(withCode: Array(summary.code.utf8)) == nil, "the old path")
            #expect(fast.notices.isEmpty, "read, not rebuilt")
        }
        #expect(try Desk(store: g.open(.onDemand), actor: full.actor(login: "lan", terminal: "test"))
            .list(DossierFilter(), at: Self.now) == (try reference.referenceList(full, "lan", DossierFilter(), limit: nil)))
    }

    @Test func showOfASchema3FileReadsOneRowAndEqualsTheFullLoad() throws {
        let g = try Generated()
        let full = try g.open(.all)
        for summary in closedOfOlderYears(full) {
            let fast = try g.open(.onDemand)
            let before = fast.dossierCount
            let actor = try fast.actor(login: "lan", terminal: "test")
            #expect(try Desk(store: fast, actor: actor).dossierInScope(code: summary.code) == (try Desk(store: full, actor: actor).dossierInScope(code: summary.code)))
            #expect(fast.dossierCount == before + 1, "\(summary.code): one row read")
        }
        let missing = "000.00.xx.H57-240102-9999"
        #expect(throws: StoreError.self) { try Desk(store: g.open(.onDemand), actor: full.actor(login: "lan", terminal: "test")).dossierInScope(code: missing) }
    }

    @Test func theNextSnapshotHoldingTheirRowsRewritesSchema2Files() throws {
        let g = try Generated()
        try rewrite(g, schema: 2)
        // An on-demand store holds only some rows of its years: it keeps their files as they are
        // (the open dossiers of earlier years, all loaded, are rewritten).
        let reader = try g.open(.onDemand)
        try reader.checkpoint(replacingSameSeq: true)
        let afterReader = try g.open(.all)
        let head = try #require(afterReader.bestHead())
        for (key, name) in head.years {
            #expect(afterReader.rowsMaps[name]?.header.schema == (key == Store.openKey ? RowsFile.schema : 2), "\(key)")
        }
        // A store with every row loaded rewrites them all in the current schema.
        try afterReader.checkpoint(replacingSameSeq: true)
        let rewritten = try g.open(.all)
        #expect(!rewritten.rowsMaps.isEmpty && rewritten.rowsMaps.values.allSatisfy { $0.header.schema == RowsFile.schema })
        #expect(rewritten.summaries.sorted { $0.code < $1.code } == afterReader.summaries.sorted { $0.code < $1.code })
        #expect(try rewritten.verify().ok)
    }

    @Test func aFileReadAgainAfterItsPagesWereReleasedGivesTheSameRows() throws {
        let g = try Generated()
        let full = try g.open(.all)
        let store = try g.open(.onDemand)
        let desk = Desk(store: store, actor: try store.actor(login: "hung", terminal: "test"))
        // Each search scans the deferred files and releases them; the next one reads them again.
        for search in ["nguyen thi", "tran", "nguyen thi", "234"] {
            var filter = DossierFilter()
            filter.search = search
            #expect(try desk.list(filter, at: Self.now) == (try reference.referenceList(full, "hung", filter, limit: nil)), "\(search)")
        }
        for file in store.rowsMaps.values {
            let codes = (0..<file.rows).map { Array(file.string(0, at: $0)) }
            file.releasePages()
            #expect((0..<file.rows).map { Array(file.string(0, at: $0)) } == codes)
        }
    }

    @Test func theListingStreamsTheSameRowsInTheSameOrderAsTheHeldList() throws {
        let g = try Generated()
        let full = try g.open(.all)
        for (filter, limit) in reference.filters() {
            let store = try g.open(.onDemand)
            let listing = try Desk(store: store, actor: try store.actor(login: "hung", terminal: "test")).listing(filter, limit: limit, at: Self.now)
            var streamed: [DossierSummary] = []
            try listing.forEach { streamed.append($0) }
            let expected = try reference.referenceList(full, "hung", filter, limit: limit)
            #expect(listing.count == expected.count && streamed == expected, "\(filter) \(String(describing: limit))")
        }
    }
}

/// `show` opens `.byCode`: not even the newest year's open rows are read at open.
@Suite("A store opened by code")
struct ByCodeTests {
    typealias Generated = CommandFastPathTests.Generated
    let reference = CommandFastPathTests()

    @Test func showOfEveryYearEqualsTheFullLoadAndReadsOneRow() throws {
        let g = try Generated()
        let full = try g.open(.all)
        let byYear = Dictionary(grouping: full.summaries, by: { DossierCode.year(of: $0.code) ?? 0 })
        #expect(byYear.keys.contains(2026))
        let sample = byYear.values.flatMap { rows in rows.filter(\.state.isClosed).prefix(2) + rows.filter { !$0.state.isClosed }.prefix(2) }
        for summary in sample {
            let store = try g.open(.byCode)
            let before = store.dossierCount
            let actor = try store.actor(login: "lan", terminal: "test")
            #expect(try Desk(store: store, actor: actor).dossierInScope(code: summary.code) == (try Desk(store: full, actor: actor).dossierInScope(code: summary.code)))
            #expect(store.dossierCount <= before + 1, "\(summary.code): one row read")
            let short = String(summary.code.split(separator: "-").suffix(2).joined(separator: "-"))
            #expect(try g.open(.byCode).resolveCode(short) == summary.code)
        }
    }

    @Test func aQueryOverTheOpenDossiersTakesThemFirst() throws {
        let g = try Generated()
        let full = try g.open(.all)
        let store = try g.open(.byCode)
        #expect(store.openSummaries.sorted { $0.code < $1.code } == full.openSummaries.sorted { $0.code < $1.code })
        for (filter, limit) in reference.filters() {
            let store = try g.open(.byCode)
            let got = try Desk(store: store, actor: try store.actor(login: "hung", terminal: "test")).list(filter, limit: limit, at: CommandFastPathTests.now)
            #expect(got == (try reference.referenceList(full, "hung", filter, limit: limit)), "\(filter)")
        }
    }
}
