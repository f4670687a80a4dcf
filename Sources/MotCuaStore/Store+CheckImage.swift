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
        do { image = try HistoryImage.load(path, reference: reference, stamp: nil, fs: fs) } catch {
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
        let all = Array(0..<part.count), halves = all.count >= 2 ? 2 : 1
        return concurrentMap(halves) { half in
            all[(all.count * half / halves)..<(all.count * (half + 1) / halves)].filter { !same($0) }
        }.flatMap { $0 }
    }

    private func same(_ row: Int) -> Bool {
        let a = image.table, b = part.table, at = first + row
        guard at < a.count, a.ids[at] == b.ids[row] else { return false }
        for column in DossierTable.stringColumns {
            let x = a[keyPath: column][at], y = b[keyPath: column][row]
            guard x.length == y.length else { return false }
            let equal = a.arena.withUnsafeBufferPointer { p in b.arena.withUnsafeBufferPointer { q in
                memcmp(p.baseAddress! + Int(x.offset), q.baseAddress! + Int(y.offset), Int(x.length)) == 0
            } }
            guard x.length == 0 || equal else { return false }
        }
        guard a.searchMask[at] == b.searchMask[row], a.searchPairs[at] == b.searchPairs[row], a.digitsOnly[at] == b.digitsOnly[row],
              procedures[Int(b.procedure[row])] == a.procedure[at], a.state[at] == b.state[row], a.channel[at] == b.channel[row],
              a.flagBits[at] == b.flagBits[row], a.lastKind[at] == b.lastKind[row], a.supplementCount[at] == b.supplementCount[row],
              a.version[at] == b.version[row],
              DossierTable.nameColumns.allSatisfy({ names[Int(b[keyPath: $0][row])] == a[keyPath: $0][at] }),
              DossierTable.timeColumns.allSatisfy({ a[keyPath: $0][at] == b[keyPath: $0][row] }) else { return false }
        let pa = a.pauseData.isEmpty ? nil : a.pauseData[Int32(at)], pb = b.pauseData.isEmpty ? nil : b.pauseData[Int32(row)]
        guard pa?.0 == pb?.0, pa?.1 == pb?.1 else { return false }
        return image.positions(of: at) == part.positions(of: row)
    }

    /// The image's pages of these rows, given back once compared (the check's memory stays the part's).
    func releaseImagePages() {
        let rows = first..<min(first + part.count, image.count)
        guard !rows.isEmpty else { return }
        var releaser = PageReleaser(rows: rows, count: image.count)
        var copy = image
        try? copy.visitColumns(&releaser)
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
