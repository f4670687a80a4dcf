#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

extension Store {
    /// The full check of the history image HEAD names: its CRC and every value checked as for a
    /// file not trusted by its stamp, then each row against the same row of the rows files it was
    /// built from, value by value with its journal positions, a part of a year at a time. The
    /// image is what the terminal apps show of older years, so it answers to the rows files as
    /// they answer to the journal.
    func historyImageProblems() -> [String] {
        guard let head = baseHead, let reference = head.image else { return [] }
        let path = "\(files.index)/\(reference.name)"
        guard reference.sources == head.olderYears else {
            return ["\(path): ảnh lịch sử không làm từ các tệp năm cũ của chỉ mục hiện tại"]
        }
        let image: DossierIndex
        do { image = try HistoryImage.load(path, reference: reference, stamp: nil, fs: fs).index } catch {
            return ["\(path): ảnh lịch sử hỏng (\(error)); bản chụp chỉ mục sau sẽ ghi lại"]
        }
        var differing: [String] = [], base = 0
        do {
            // The image holds the files' rows in this order (HistoryImage.write's input).
            for (_, name) in reference.sources.sorted(by: { $0.key < $1.key }) {
                let file = try MappedRows(path: "\(files.index)/\(name)", seq: head.seq, fs: fs, stamp: head.stamps?[name])
                for start in stride(from: 0, to: file.rows, by: checkRowsAtOnce) {
                    var part = DossierIndex()
                    let rows = start..<min(start + checkRowsAtOnce, file.rows)
                    var loader = RowsLoader(file: file, columns: try file.gather(Array(rows)), year: nil)
                    _ = loader.load(into: &part, budget: nil)
                    let comparison = ImageComparison(image: image, part: part, first: base + start)
                    differing += comparison.differences().map { "hồ sơ \(part.table.code(at: $0)): ảnh lịch sử khác với tệp \(name)" }
                    comparison.releaseImagePages()
                }
                base += file.rows
                file.releasePages()
            }
        } catch {
            return ["index: tệp năm cũ hỏng khi so với ảnh lịch sử (\(error))"]
        }
        Self.returnFreedMemory()
        let count = base == image.count ? [] : ["\(path): ảnh lịch sử có \(image.count) hồ sơ, các tệp năm cũ có \(base)"]
        return count + differing
    }
}

/// Rows of a rows file (`part`) against rows `first…` of the image, value by value: names and
/// procedures through each table's own numbering, strings by their bytes. The halves on both cores.
private struct ImageComparison {
    let image: DossierIndex
    let part: DossierIndex
    let first: Int
    /// The image's number of each of the part's names and procedures (nil: the image has none such).
    let names: [UInt32?]
    let procedures: [UInt16?]

    init(image: DossierIndex, part: DossierIndex, first: Int) {
        self.image = image
        self.part = part
        self.first = first
        names = part.table.names.strings.enumerated().map { k, s in k == 0 ? 0 : image.table.names.existingID(s) }
        procedures = part.table.procedures.map { p in image.table.procedures.firstIndex(of: p).map(UInt16.init) }
    }

    func differences() -> [Int] {
        // Raw pointers taken once: reading the columns through the tables from both cores would
        // retain and release the same storage for every value, contended between the cores.
        let a = RawColumns(image.table), b = RawColumns(part.table)
        precondition(a.columns.count == 35 && b.columns.count == 35, "same(_:_:_:) reads the columns by their place in visitColumns")
        let all = Array(0..<part.count), halves = all.count >= 2 ? 2 : 1
        return concurrentMap(halves) { half in
            all[(all.count * half / halves)..<(all.count * (half + 1) / halves)].filter { !same($0, a, b) }
        }.flatMap { $0 }
    }

    /// The table's columns in `visitColumns` order: identity, the 5 strings, masks, pairs, digits,
    /// procedure, 5 small columns, the 7 names, the 11 times, version, arena.
    private struct RawColumns: @unchecked Sendable {
        var columns: [(base: UnsafeRawPointer?, stride: Int)] = []
        init(_ table: DossierTable) {
            var collector = Collector()
            var copy = table
            try? copy.visitColumns(&collector)
            columns = collector.columns
        }
        struct Collector: ColumnVisitor {
            var columns: [(base: UnsafeRawPointer?, stride: Int)] = []
            mutating func visit<T>(_ column: inout Column<T>) throws {
                columns.append((column.withUnsafeBytes { $0.baseAddress }, MemoryLayout<T>.stride))
            }
        }
        func load<T>(_ k: Int, _ row: Int, as: T.Type) -> T { columns[k].base!.load(fromByteOffset: row * columns[k].stride, as: T.self) }
        func equal(_ k: Int, _ row: Int, _ other: RawColumns, _ otherRow: Int) -> Bool {
            memcmp(columns[k].base! + row * columns[k].stride, other.columns[k].base! + otherRow * columns[k].stride, columns[k].stride) == 0
        }
    }

    private func same(_ row: Int, _ a: RawColumns, _ b: RawColumns) -> Bool {
        let at = first + row
        guard at < image.count else { return false }
        for k in [0, 6, 7, 8, 10, 11, 12, 13, 14, 33] where !a.equal(k, at, b, row) { return false }
        for k in 1...5 {
            let x = a.load(k, at, as: StringRef.self), y = b.load(k, row, as: StringRef.self)
            guard x.length == y.length, x.length == 0 || memcmp(a.columns[34].base! + Int(x.offset), b.columns[34].base! + Int(y.offset), Int(x.length)) == 0 else {
                return false
            }
        }
        guard procedures[Int(b.load(9, row, as: UInt16.self))] == a.load(9, at, as: UInt16.self) else { return false }
        for k in 15...21 where names[Int(b.load(k, row, as: UInt32.self))] != a.load(k, at, as: UInt32.self) { return false }
        for (k, column) in zip(22...32, DossierTable.timeColumns) {
            let x = a.load(k, at, as: Int32.self)
            guard x == b.load(k, row, as: Int32.self) else { return false }
            if x == TimeColumn.aside, image.table[keyPath: column][at] != part.table[keyPath: column][row] { return false }
        }
        let pa = image.table.pauseData.isEmpty ? nil : image.table.pauseData[Int32(at)]
        let pb = part.table.pauseData.isEmpty ? nil : part.table.pauseData[Int32(row)]
        guard pa?.0 == pb?.0, pa?.1 == pb?.1 else { return false }
        return image.positions(of: at) == part.positions(of: row)
    }

    /// The image's pages of these rows, given back once compared (the check's memory stays the part's).
    func releaseImagePages() {
        let rows = first..<min(first + part.count, image.count)
        guard !rows.isEmpty else { return }
        // The table's row columns and the positions' starts and counts; the arena and the events
        // by the range these rows' strings and lines take.
        var releaser = PageReleaser(rows: rows, count: image.count)
        var copy = image.table
        try? copy.visitColumns(&releaser)
        image.firstEvent.releaseMappedPages(rows)
        image.eventCount.releaseMappedPages(rows)
        let t = image.table
        let arenaStart = Int(t.code[rows.lowerBound].offset)
        let arenaEnd = DossierTable.stringColumns.map { Int(t[keyPath: $0][rows.upperBound - 1].offset + t[keyPath: $0][rows.upperBound - 1].length) }.max() ?? arenaStart
        t.arena.releaseMappedPages(arenaStart..<max(arenaStart, arenaEnd))
        let events = Int(image.firstEvent[rows.lowerBound])..<Int(image.firstEvent[rows.upperBound - 1] + Int32(image.eventCount[rows.upperBound - 1]))
        image.events.releaseMappedPages(events.lowerBound..<max(events.lowerBound, events.upperBound))
    }

    /// The row columns' pages of `rows`.
    private struct PageReleaser: ColumnVisitor {
        let rows: Range<Int>
        let count: Int
        mutating func visit<T>(_ column: inout Column<T>) throws {
            if column.count == count { column.releaseMappedPages(rows) }
        }
    }
}
