import Foundation
import MotCuaCore

extension Store {
    /// The full check of the history image HEAD names: its CRC and every value checked as for a
    /// file not trusted by its stamp, then each row against the same row of the rows files it was
    /// built from (summary and journal positions), a part of a year at a time. The image is what
    /// the terminal apps show of older years, so it answers to the rows files as they answer to
    /// the journal.
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
        var differing: [String] = [], rows = 0
        do {
            for (_, name) in reference.sources.sorted(by: { $0.key < $1.key }) {
                let file = try MappedRows(path: "\(files.index)/\(name)", seq: head.seq, fs: fs, stamp: head.stamps?[name])
                rows += file.rows
                for start in stride(from: 0, to: file.rows, by: checkRowsAtOnce) {
                    var part = DossierIndex()
                    var loader = RowsLoader(file: file, columns: try file.gather(Array(start..<min(start + checkRowsAtOnce, file.rows))), year: nil)
                    _ = loader.load(into: &part, budget: nil)
                    differing += ImageComparison(image: image, rows: part).differences().map {
                        "hồ sơ \(part.table.code(at: $0)): ảnh lịch sử khác với tệp \(name)"
                    }
                }
                file.releasePages()
            }
        } catch {
            return ["index: tệp năm cũ hỏng khi so với ảnh lịch sử (\(error))"]
        }
        Self.returnFreedMemory()
        let count = rows == image.count ? [] : ["\(path): ảnh lịch sử có \(image.count) hồ sơ, các tệp năm cũ có \(rows)"]
        return count + differing
    }
}

/// Rows of a rows file against the same dossiers in the image, the halves on both cores.
private struct ImageComparison {
    let image: DossierIndex
    let rows: DossierIndex

    func differences() -> [Int] {
        let all = Array(0..<rows.count), halves = all.count >= 2 ? 2 : 1
        return concurrentMap(halves) { half in
            let imageTable = image.table, rowsTable = rows.table
            return all[(all.count * half / halves)..<(all.count * (half + 1) / halves)].filter { row in
                let summary = rowsTable.summary(at: row)
                guard let at = image.row(id: summary.id) else { return true }
                return imageTable.summary(at: at) != summary || image.positions(of: at) != rows.positions(of: row)
            }
        }.flatMap { $0 }
    }
}
