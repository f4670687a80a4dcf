import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaTestSupport

/// The queue's scan against a plain reading of the same rows: the letter and pair masks may only
/// skip rows that cannot match, and sharing the scan between two cores must change nothing.
@Suite("Queue scan")
struct QueueScanTests {
    static let names = ["Nguyễn Văn An", "Trần Thị Ngọc", "Hoàng Minh Tuấn", "Lê Thị Hồng", "Phạm Nguyên Vũ",
                        "Đặng Quang Huy", "Ngô Thị Yến", "Bùi Văn Nguyện", "Vương Gia Khang", "Ông Ích Khiêm"]
    static let rows: [DossierSummary] = (0..<1_200).map { i in
        var s = SampleDossiers.summaries[i % SampleDossiers.summaries.count]
        s.applicantName = names[(i / 10) % names.count] + " \(i)"
        s.searchKey = DossierSummary.searchKey(name: s.applicantName, code: s.code, idNumber: s.idNumber, phone: s.phone)
        s.due = s.due.adding(seconds: Int64(i % 7) * 3_600)
        return s
    }

    @Test(arguments: ["", "n", "ng", "ngu", "nguy", "nguyen", "nguyen v", "nguyen van", "NGUYỄN", "thi ngoc", "huy",
                      "0912", "xx.h57", "zz", "ye", "en 11", "ong ich", "khang 99", "an", "th", "qz", "-", ".", "a |", "nh 1"])
    func theScanFindsExactlyTheRowsHoldingEveryWord(filter: String) {
        let table = DossierTable(summaries: Self.rows)
        let order = QueueOrder(table: table)
        let clock = DeadlineClock(now: SampleDossiers.now, calendar: SampleDossiers.calendar)
        let terms = SearchFolding.terms(filter)
        let expected = order.rows.filter { row in terms.allSatisfy { Self.rows[Int(row)].searchKey.contains($0) } }
        for view in [QueueView.all, .overdue, .inProgress] {
            let serial = QueueScan(table: table, order: order, view: view, filter: filter, clock: clock, candidates: nil, splitFrom: .max)
            let split = QueueScan(table: table, order: order, view: view, filter: filter, clock: clock, candidates: nil, splitFrom: 0)
            if view == .all { #expect(serial.matches == expected, "\(filter)") }
            #expect(serial.counts[.all] == expected.count)
            #expect(split.matches == serial.matches && split.counts == serial.counts)
            #expect(split.warnings == serial.warnings && split.urgentRows == serial.urgentRows && split.nextChange == serial.nextChange)
        }
        #expect(!expected.isEmpty || ["zz", "khang 99", "qz"].contains(filter))
    }

    @Test func typingOneMoreLetterSearchesOnlyThePreviousMatchesAndFindsTheSame() {
        let table = DossierTable(summaries: Self.rows)
        let order = QueueOrder(table: table)
        let clock = DeadlineClock(now: SampleDossiers.now, calendar: SampleDossiers.calendar)
        var previous: [Bool]?
        var typed = ""
        for c in "nguyen van 1" {
            typed.append(c)
            let incremental = QueueScan(table: table, order: order, view: .all, filter: typed, clock: clock, candidates: previous, splitFrom: 0)
            let fresh = QueueScan(table: table, order: order, view: .all, filter: typed, clock: clock)
            #expect(incremental.matches == fresh.matches, "\(typed)")
            previous = incremental.matchedRows
        }
        #expect(!(previous ?? []).allSatisfy { $0 } && (previous ?? []).contains(true))
    }

    @Test func aQueryReusingTheRowClassesOfAnEarlierOneFindsTheSame() {
        let table = DossierTable(summaries: Self.rows)
        let order = QueueOrder(table: table)
        let clock = DeadlineClock(now: SampleDossiers.now, calendar: SampleDossiers.calendar)
        let first = QueueScan(table: table, order: order, view: .all, filter: "", clock: clock, candidates: nil, splitFrom: 0)
        #expect(first.warnings.overdue > 0 && first.warnings.paused > 0)
        for view in QueueView.allCases {
            for filter in ["", "ng", "nguyen van", "thi 1", "0912"] {
                let fresh = QueueScan(table: table, order: order, view: view, filter: filter, clock: clock, candidates: nil, splitFrom: 0)
                let reused = QueueScan(table: table, order: order, view: view, filter: filter, clock: clock, candidates: nil,
                                        classes: first.classes, splitFrom: 0)
                #expect(reused.matches == fresh.matches && reused.counts == fresh.counts, "\(view) \(filter)")
                #expect(reused.warnings == fresh.warnings && reused.urgentRows == fresh.urgentRows && reused.nextChange == fresh.nextChange)
            }
        }
    }

    @Test func aPageAroundAPositionOrADossierIsTheRightSliceOfTheView() {
        let table = DossierTable(summaries: Self.rows)
        let order = QueueOrder(table: table)
        let clock = DeadlineClock(now: SampleDossiers.now, calendar: SampleDossiers.calendar)
        for (view, filter) in [(QueueView.all, ""), (.all, "thi"), (.received, ""), (.overdue, "ng"), (.all, "zz")] {
            let query = QueueScan(table: table, order: order, view: view, filter: filter, clock: clock)
            let list = query.matches
            #expect(query.matchCount == list.count)
            for p in [0, 1, list.count / 2, list.count - 1, list.count + 5] where p >= 0 {
                let data = query.data(around: .position(p), table: table, pageSize: 20)
                let start = max(0, min(min(p, list.count - 1) - 10, list.count - 20))
                #expect(data.rows.count == list.count && data.rows.start == start, "\(view) \(filter) \(p)")
                #expect(data.rows.page.map(\.summary.id) == list[start..<min(list.count, start + 20)].map { table.ids[Int($0)] })
            }
            if let deep = list.last {
                // The fixture repeats identities, so the lookup is given the row.
                let data = query.data(around: .id(table.ids[Int(deep)]), table: table, rowOf: { _ in Int(deep) }, pageSize: 20)
                #expect(data.anchor == list.count - 1 && data.rows[list.count - 1]?.summary.id == table.ids[Int(deep)])
            }
            if let absent = (0..<table.count).first(where: { !list.contains(Int32($0)) }) {
                #expect(query.data(around: .id(table.ids[absent]), table: table, rowOf: { _ in absent }).anchor == nil)
            }
        }
    }

    @Test func aRowHasAnExactPairBitExactlyWhenItsKeyHoldsThePair() {
        for summary in Self.rows.prefix(200) {
            let key = Array(summary.searchKey.utf8)
            let bits = SearchTerm.pairs(of: key)
            for (i, pair) in SearchTerm.exactPairs.enumerated() {
                #expect((bits & (1 << UInt64(i)) != 0) == summary.searchKey.contains(pair), "\(pair) in \(summary.searchKey)")
            }
        }
        #expect(SearchTerm.exactPairs.count == Set(SearchTerm.exactPairs).count && SearchTerm.exactPairs.count < 64)
        #expect(SearchTerm("ng").decidedByMasks && SearchTerm("7").decidedByMasks)
        #expect(!SearchTerm("qz").decidedByMasks && !SearchTerm("-").decidedByMasks && !SearchTerm("ngu").decidedByMasks)
    }

    @Test func theMasksNeverRejectARowThatHoldsTheWord() {
        // Every substring of every key must pass the masks of the row it came from.
        for summary in Self.rows.prefix(60) {
            let key = Array(summary.searchKey.utf8)
            let rowMask = SearchTerm.mask(of: key), rowPairs = SearchTerm.pairs(of: key)
            for start in 0..<key.count {
                for end in (start + 1)...min(key.count, start + 6) {
                    let word = key[start..<end]
                    #expect(rowMask & SearchTerm.mask(of: word) == SearchTerm.mask(of: word))
                    #expect(rowPairs & SearchTerm.pairs(of: word) == SearchTerm.pairs(of: word))
                }
            }
        }
    }
}
