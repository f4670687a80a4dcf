import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// The full check compares the older years one at a time against their rows files instead of
/// loading them beside the replay (issue 12: memory). What it finds must not change: a healthy
/// store passes, and a row of an older year's file that the journal does not bear out is named.
@Suite("Full check, year by year")
struct CheckYearByYearTests {
    /// 2025: five dossiers, three withdrawn (closed: in the 2025 file); 2026: three open.
    func store() throws -> (TestStore, closed: String) {
        let t = try TestStore(label: "yby")
        for n in 0..<5 { try t.receive("Nguyễn Văn \(n)", at: "2025-06-0\(n + 1)T09:00") }
        var closed: [String] = []
        for n in 0..<3 {
            closed.append(try t.receive("Đỗ Văn Cũ \(n)", at: "2025-06-09T0\(n + 7):00").code)
            try t.store.perform(.withdraw(reason: nil), on: closed[n], actor: t.clerk, now: at("2025-06-09T10:0\(n)"))
        }
        for n in 0..<3 { try t.receive("Trần Thị \(n)") }
        try t.store.checkpoint()
        return (t, closed[1])                            // the middle one: neither the first part nor the last
    }

    @Test func aHealthyStoreOpenedOnDemandPassesWithTheOlderYearNeverLoaded() throws {
        let (t, _) = try store()
        defer { t.directory.cleanup() }
        for rowsAtOnce in [1, 2, 25_000] {
            let opened = try Store.open(at: t.path, history: .onDemand)
            opened.checkRowsAtOnce = rowsAtOnce
            #expect(opened.index.deferredYears.contains(2025))
            let report = try opened.verify()
            #expect(report.ok, "\(rowsAtOnce): \(report.problems)")
            #expect(report.dossiers == 11)
            #expect(opened.index.count == 8)        // the closed 2025 rows were compared from their file
        }
    }

    @Test func aRowOfAnOlderYearsFileThatTheJournalDoesNotBearOutIsNamed() throws {
        let (t, closed) = try store()
        defer { t.directory.cleanup() }
        // The 2025 file written again from an index in which the withdrawn dossier has one more
        // event than the journal holds: a valid file (its CRC matches), a false row.
        let head = try #require(t.store.bestHead())
        let name = try #require(head.years["2025"])
        let original = try t.store.mappedRows(name)
        let whole = try Store.open(at: t.path, history: .all)
        let row = try #require(whole.index.row(code: closed))
        #expect(whole.applyNoteOutsideTheJournal(row: row, at: "2025-06-10T09:00").applied)
        let rows = try (0..<original.rows).map { try #require(whole.index.row(id: original.id(at: $0))) }
        let bytes = try RowsFile.encode(whole.index, rows: rows, seq: head.seq)
        try PosixFileSystem().atomicReplace("\(t.path)/index/\(name)", with: bytes, mode: 0o640, group: nil)
        try forgetStamp(of: name, in: t.path, gen: head.gen)

        var reports: [[String]] = []
        for rowsAtOnce in [1, 2, 25_000] {
            let opened = try Store.open(at: t.path, history: .onDemand)
            opened.checkRowsAtOnce = rowsAtOnce
            #expect(opened.index.deferredYears.contains(2025))
            reports.append(try opened.verify().problems)
        }
        // The history image, built from the file as it was, now differs from it too: named as well.
        #expect(reports.allSatisfy { $0 == ["hồ sơ \(closed): chỉ mục khác với kết quả phát lại nhật ký",
                                            "hồ sơ \(closed): ảnh lịch sử khác với tệp \(name)"] }, "\(reports)")
        // The same as a check with every year loaded first.
        let loaded = try Store.open(at: t.path, history: .all)
        #expect(loaded.index.deferredYears.isEmpty)
        #expect(try loaded.verify().problems == reports[0])
    }

    /// HEAD without the file's stamp (as a head written before stamps): the reader then checks the
    /// file's own CRC instead of refusing a file other than the one the snapshot wrote.
    func forgetStamp(of name: String, in path: String, gen: Int) throws {
        let slot = "\(path)/index/HEAD.\(gen % 2 == 0 ? "a" : "b")"
        let text = try String(contentsOfFile: slot, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first)
        var head = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var stamps = head["stamps"] as? [String: Any] ?? [:]
        #expect(stamps[name] != nil)
        stamps[name] = nil
        head["stamps"] = stamps
        let json = Array(try JSONSerialization.data(withJSONObject: head))
        try PosixFileSystem().atomicReplace(slot, with: json + [10] + Array(CRC32.hex(CRC32.checksum(json)).utf8) + [10], mode: 0o640, group: nil)
    }
}

