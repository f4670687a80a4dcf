import Foundation
import MotCuaCore
import MotCuaStore

/// The display order of every loaded dossier: open ones by appointment, then closed ones, the
/// most recently closed first. Kept up to date row by row, so a keystroke never sorts.
public struct QueueOrder: Sendable {
    public private(set) var rows: [Int32] = []
    private var keys: [Int64] = []

    public init(table: DossierTable) {
        keys = (0..<table.count).map { Self.key(table, $0) }
        let keys = self.keys
        rows = (0..<Int32(table.count)).sorted { (keys[Int($0)], $0) < (keys[Int($1)], $1) }
    }

    static func key(_ table: DossierTable, _ row: Int) -> Int64 {
        guard table.state[row].isClosed else { return table.due[row] }
        let closed = table.closedAt[row] == Int64.min ? table.due[row] : table.closedAt[row]
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
    public mutating func update(table: DossierTable, touched: [Int32]) {
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

/// A view of the queue computed straight from the table's columns: one pass in display order
/// gives the view's rows, the count of every view and the warning pane, touching only the state,
/// due and search-key bytes of each dossier.
public struct QueueQuery {
    public enum Target: Equatable, Sendable {
        case none
        case id(UUID)
        case code(String)
        case position(Int)
    }

    enum Bucket { case overdue, dueToday, dueWithin1, dueWithin3, onTrack, paused, resolved, withdrawn }

    public let matches: [Int32]
    public let counts: [QueueView: Int]
    /// Which rows match the filter (all, when there is none): a longer filter only searches these.
    public let matchedRows: [Bool]?
    public let clock: DeadlineClock
    let warnings: WarningSummary
    let urgentRows: [Int32]
    let nextChange: Instant

    /// `candidates`: the rows that matched a filter this one extends (typing one more letter);
    /// the others cannot match and are not searched.
    public init(table: DossierTable, order: QueueOrder, view: QueueView, filter: String, clock: DeadlineClock,
                candidates: [Bool]? = nil) {
        self.clock = clock
        let terms = SearchFolding.terms(filter).map { Array($0.utf8) }
        var matched: [Bool]? = terms.isEmpty ? nil : [Bool](repeating: false, count: table.count)
        let candidates = candidates?.count == table.count ? candidates : nil
        let now = clock.now.seconds, today = clock.endOfToday.seconds, next1 = clock.endOfNextWorkingDay.seconds
        let next3 = clock.endOfThirdWorkingDay.seconds, todayStart = Instant(date: clock.now.date).seconds
        var counts = [Int](repeating: 0, count: QueueView.allCases.count + 1)
        var matches: [Int32] = []
        var byHolder: [UInt64: Int] = [:]
        var change = today + 1
        var w = WarningSummary()
        var urgent: [Int32] = []
        table.withSearchKeys { keys in
        for row32 in order.rows {
            let row = Int(row32)
            let state = table.state[row]
            let bucket: Bucket
            switch state {
            case .received, .inProgress:
                let due = table.due[row]
                if due >= now && due < change { change = due + 1 }
                bucket = now > due ? .overdue : due <= today ? .dueToday : due <= next1 ? .dueWithin1 : due <= next3 ? .dueWithin3 : .onTrack
            case .awaitingSupplement, .suspended: bucket = .paused
            case .resultReady, .returned, .refused: bucket = .resolved
            case .withdrawn: bucket = .withdrawn
            }
            switch bucket {
            case .overdue:
                w.overdue += 1
                if urgent.count < 12 { urgent.append(row32) }
                byHolder[table.holderID(at: row), default: 0] += 1
            case .dueToday:
                w.dueToday += 1
                if urgent.count < 12 { urgent.append(row32) }
            case .dueWithin1:
                w.dueWithin1 += 1
                if urgent.count < 12 { urgent.append(row32) }
            case .dueWithin3: w.dueWithin3 += 1
            case .paused: w.paused += 1
            default: break
            }
            if !terms.isEmpty {
                guard candidates?[row] ?? true, keys.matches(row, terms) else { continue }
                matched![row] = true
            }
            let returnedToday = state == .returned && table.closedAt[row] >= todayStart && table.closedAt[row] <= today
            let mask = Self.mask(state, bucket, returnedToday)
            for v in 1...8 where mask & (1 << v) != 0 { counts[v] += 1 }
            if mask & (1 << view.rawValue) != 0 { matches.append(row32) }
        }
        }
        self.matches = matches
        matchedRows = matched
        self.counts = Dictionary(uniqueKeysWithValues: QueueView.allCases.map { ($0, counts[$0.rawValue]) })
        nextChange = Instant(seconds: change)
        urgentRows = urgent
        let holders: [WarningSummary.HolderCount] = byHolder.map { WarningSummary.HolderCount(holder: table.holder(id: $0.key), count: $0.value) }
        w.overdueByHolder = holders.sorted { a, b in a.count != b.count ? a.count > b.count : a.holder.department < b.holder.department }
        warnings = w
    }

    /// The views a row belongs to, one bit per view number.
    static func mask(_ state: DossierState, _ bucket: Bucket, _ returnedToday: Bool) -> Int {
        var mask = 1 << QueueView.all.rawValue
        switch state {
        case .received: mask |= 1 << QueueView.received.rawValue
        case .inProgress: mask |= 1 << QueueView.inProgress.rawValue
        case .awaitingSupplement, .suspended: mask |= 1 << QueueView.paused.rawValue
        case .resultReady: mask |= 1 << QueueView.resultReady.rawValue
        default: break
        }
        switch bucket {
        case .overdue: mask |= 1 << QueueView.overdue.rawValue
        case .dueToday, .dueWithin1, .dueWithin3: mask |= 1 << QueueView.dueSoon.rawValue
        default: break
        }
        if returnedToday { mask |= 1 << QueueView.returnedToday.rawValue }
        return mask
    }

    /// The data for the screen: counts, warnings, and `pageSize` rows made into values around the target.
    public func data(around target: Target, table: DossierTable, rowOf: (UUID) -> Int? = { _ in nil },
                     rowOfCode: (String) -> Int? = { _ in nil }, pageSize: Int = 300) -> QueueData {
        var data = QueueData()
        data.now = clock.now
        data.counts = counts
        data.nextChange = nextChange
        var w = warnings
        w.urgent = urgentRows.map { row(table, Int($0)) }
        data.warnings = w
        func find(_ row: Int?) -> Int? { row.flatMap { r in matches.firstIndex(of: Int32(r)) } }
        switch target {
        case .none: data.anchor = nil
        case .position(let p): data.anchor = matches.isEmpty ? nil : max(0, min(p, matches.count - 1))
        case .id(let id): data.anchor = find(rowOf(id) ?? (0..<table.count).first { table.ids[$0] == id })
        case .code(let code): data.anchor = find(rowOfCode(code) ?? (0..<table.count).first { table.code(at: $0) == code })
        }
        let center = data.anchor ?? 0
        let start = max(0, min(center - pageSize / 2, matches.count - pageSize))
        let end = min(matches.count, start + pageSize)
        data.rows = QueueRows(count: matches.count, start: start, page: (start..<end).map { row(table, Int(matches[$0])) })
        return data
    }

    private func row(_ table: DossierTable, _ row: Int) -> QueueRow {
        let summary = table.summary(at: row)
        return QueueRow(summary: summary, status: clock.status(of: summary))
    }
}
