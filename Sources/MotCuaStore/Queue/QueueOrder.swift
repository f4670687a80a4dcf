import MotCuaCore

/// The display order of every loaded dossier: open ones by appointment, then closed ones, the
/// most recently closed first. Kept up to date row by row, so a keystroke never sorts.
struct QueueOrder: Sendable {
    private(set) var rows: [Int32] = []
    private var keys: [Int64] = []

    init(table: DossierTable) {
        keys = (0..<table.count).map { Self.key(table, $0) }
        let keys = self.keys
        rows = (0..<Int32(table.count)).sorted { (keys[Int($0)], $0) < (keys[Int($1)], $1) }
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
