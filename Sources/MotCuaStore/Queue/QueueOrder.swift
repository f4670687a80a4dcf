import MotCuaCore

/// The display order of every loaded dossier: open ones by appointment, then closed ones, the
/// most recently closed first. Kept up to date row by row, so a keystroke never sorts.
struct QueueOrder: Sendable {
    private(set) var rows: [Int32] = []
    private var keys: [Int64] = []

    init(table: DossierTable) { self.init(table: table, presorted: []) }

    /// The same order, from `presorted`: the first rows' order as the history image was written.
    /// Only the rows after them are sorted, then merged in; if a row of the image changed since
    /// (its place is no longer right), every row is sorted.
    init(table: DossierTable, presorted: Column<Int32>) {
        let keys = (0..<table.count).map { Self.key(table, $0) }
        func before(_ a: Int32, _ b: Int32) -> Bool { (keys[Int(a)], a) < (keys[Int(b)], b) }
        let n = presorted.count
        let usable = n > 0 && n <= table.count && presorted.withUnsafeBufferPointer { first in
            first.indices.allSatisfy { k in first[k] >= 0 && Int(first[k]) < n && (k == 0 || before(first[k - 1], first[k])) }
        }
        let later = (Int32(usable ? n : 0)..<Int32(table.count)).sorted(by: before)
        guard usable else { self.init(rows: later, keys: keys); return }
        var merged: [Int32] = []
        merged.reserveCapacity(table.count)
        var a = 0, b = 0
        while a < n || b < later.count {
            if b == later.count || (a < n && before(presorted[a], later[b])) {
                merged.append(presorted[a]); a += 1
            } else {
                merged.append(later[b]); b += 1
            }
        }
        self.init(rows: merged, keys: keys)
    }

    private init(rows: [Int32], keys: [Int64]) {
        self.rows = rows
        self.keys = keys
    }

    static func key(_ table: DossierTable, _ row: Int) -> Int64 {
        guard table.state[row].isClosed else { return table.due[row] }
        let closed = table.closedAt[row] == DossierTable.none ? table.due[row] : table.closedAt[row]
        return (1 << 62) + ((1 << 40) - closed)
    }

    private func position(key: Int64, row: Int32) -> Int {
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            let r = rows[mid]
            if (keys[Int(r)], r) < (key, row) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Moves changed rows to their new place and inserts new ones; rebuilds when that is cheaper.
    mutating func update(table: DossierTable, touched: [Int32]) {
        if touched.count > 5_000 || table.count < keys.count {
            self = QueueOrder(table: table)
            return
        }
        for row in Set(touched).sorted() {
            let r = Int(row)
            if r < keys.count {
                let at = position(key: keys[r], row: row)
                if at < rows.count, rows[at] == row { rows.remove(at: at) }
                keys[r] = Self.key(table, r)
            } else {
                while keys.count < r { keys.append(Self.key(table, keys.count)) }
                keys.append(Self.key(table, r))
            }
            rows.insert(row, at: position(key: keys[r], row: row))
        }
    }
}
