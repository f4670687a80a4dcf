import Foundation
import MotCuaCore

/// Each row's views (one bit per view) and the warning pane. They depend on the clock and the
/// rows, not on the filter: typing reuses them, so a keystroke only tests the filter.
struct RowClasses: Sendable {
    let views: [UInt16]
    let warnings: WarningSummary
    let urgent: [Int32]
    let byHolder: [UInt64: Int]
    let change: Int64
}

/// A view of the queue computed straight from the table's columns: one pass in display order
/// gives the view's rows, the count of every view and the warning pane, touching only the state,
/// due and search-key bytes of each dossier.
struct QueueScan {
    /// The view's rows in display order: `order.rows` where `inView` (the list itself is only
    /// made on demand: when a third of 500,000 rows match, making it costs more than the scan).
    private let orderRows: [Int32]
    private let inView: [Bool]
    let matchCount: Int
    var matches: [Int32] { matchCount == orderRows.count ? orderRows : orderRows.filter { inView[Int($0)] } }
    let counts: [QueueView: Int]
    /// Which rows match the filter (all, when there is none): a longer filter only searches these.
    let matchedRows: [Bool]?
    let clock: DeadlineClock
    /// Each row's views and the warning pane, for the next query at the same instant over the same rows.
    let classes: RowClasses
    let warnings: WarningSummary
    let urgentRows: [Int32]
    let nextChange: Instant

    /// `candidates`: the rows that matched a filter this one extends (typing one more letter);
    /// the others cannot match and are not searched.
    ///
    /// Two passes: the rows in storage order (sequential reads of the state, due and search
    /// columns, split over two cores when there are many) decide buckets, counts and matches;
    /// then the display order picks the chosen view's rows out of a flag array small enough to
    /// stay in cache.
    /// `classes`: those of an earlier query at the same instant over the same rows (the caller
    /// checks), so that a keystroke only tests the filter.
    /// `masked`: the viewer sees ID numbers and phones masked; the filter matches only what they see.
    init(table: DossierTable, order: QueueOrder, view: QueueView, filter: String, clock: DeadlineClock,
         candidates: [Bool]? = nil, classes: RowClasses? = nil, masked: Bool = false, office: UInt32? = nil) {
        self.init(table: table, order: order, view: view, filter: filter, clock: clock, candidates: candidates, classes: classes,
                  splitFrom: 100_000, masked: masked, office: office)
    }

    /// `splitFrom`: the row count from which the scan is shared between two cores (tests lower it).
    init(table: DossierTable, order: QueueOrder, view: QueueView, filter: String, clock: DeadlineClock,
         candidates: [Bool]?, classes known: RowClasses? = nil, splitFrom: Int, masked: Bool = false, office: UInt32? = nil) {
        self.clock = clock
        let terms = SearchTerm.terms(filter)
        let n = table.count
        var matched: [Bool]? = terms.isEmpty ? nil : [Bool](repeating: false, count: n)
        let candidates = candidates?.count == n ? candidates : nil
        let known = known?.views.count == n ? known : nil
        let limits = Limits(clock: clock, viewBit: 1 << view.rawValue, filtering: !terms.isEmpty, office: office)
        var inView = [Bool](repeating: false, count: n)
        var views = known?.views ?? [UInt16](repeating: 0, count: n)
        let chunks = n >= splitFrom ? 2 : 1
        var parts = [Scan](repeating: Scan(change: limits.today + 1), count: chunks)
        table.withSearch(terms, masked: masked) { keys in
            inView.withUnsafeMutableBufferPointer { inView in
                views.withUnsafeMutableBufferPointer { views in
                    parts.withUnsafeMutableBufferPointer { parts in
                        withOptionalPointer(&matched) { matched in
                            let job = ScanJob(table: table, keys: keys, limits: limits, candidates: candidates, views: views.baseAddress!,
                                              viewsKnown: known != nil, inView: inView.baseAddress!, matched: matched,
                                              parts: parts.baseAddress!, count: n, chunks: chunks)
                            if chunks == 1 { job.run(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: job.run) }
                        }
                    }
                }
            }
        }
        var total = Scan(change: limits.today + 1)
        for part in parts { total.merge(part) }
        let classes = known ?? RowClasses(views: views, warnings: total.warnings, urgent: total.urgent, byHolder: total.byHolder,
                                          change: total.change)
        self.classes = classes
        let (masks, inViewCount) = (total.masks, total.inViewCount)
        var warnings = classes.warnings
        let urgent = classes.urgent
        let byHolder = classes.byHolder
        let change = classes.change
        orderRows = order.rows
        self.inView = inView
        matchCount = inViewCount
        matchedRows = matched
        self.counts = Dictionary(uniqueKeysWithValues: QueueView.allCases.map { view in
            (view, masks.indices.reduce(0) { $1 & (1 << view.rawValue) != 0 ? $0 + masks[$1] : $0 })
        })
        nextChange = Instant(seconds: change)
        // The most pressing first, as the queue orders open dossiers: by due time.
        urgentRows = Array(urgent.sorted { (table.due[Int($0)], $0) < (table.due[Int($1)], $1) }.prefix(12))
        let holders: [WarningSummary.HolderCount] = byHolder.map { WarningSummary.HolderCount(holder: table.holder(id: $0.key), count: $0.value) }
        warnings.overdueByHolder = holders.sorted { a, b in a.count != b.count ? a.count > b.count : a.holder.department < b.holder.department }
        self.warnings = warnings
    }

    /// One chunk of rows per core. Unchecked: each chunk writes only its own rows' flags and its
    /// own `Scan`, and the table is only read.
    struct ScanJob: @unchecked Sendable {
        let table: DossierTable
        let keys: DossierTable.SearchKeys
        let limits: Limits
        let candidates: [Bool]?
        let views: UnsafeMutablePointer<UInt16>
        let viewsKnown: Bool
        let inView: UnsafeMutablePointer<Bool>
        let matched: UnsafeMutablePointer<Bool>?
        let parts: UnsafeMutablePointer<Scan>
        let count: Int
        let chunks: Int

        func run(_ chunk: Int) {
            let rows = (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
            var scan = parts[chunk]                 // a local copy: no cache line shared with the other core while scanning
            scan.run(rows, job: self)
            parts[chunk] = scan
        }
    }

    /// The instants that decide a row's bucket, and what the scan looks for.
    struct Limits {
        let now: Int64, today: Int64, next1: Int64, next3: Int64, todayStart: Int64
        let viewBit: Int
        let filtering: Bool
        /// Only the rows of this office (the interned id; 0 is the central desk); nil: every row.
        let office: UInt32?

        init(clock: DeadlineClock, viewBit: Int, filtering: Bool, office: UInt32? = nil) {
            now = clock.now.seconds
            today = clock.endOfToday.seconds
            next1 = clock.endOfNextWorkingDay.seconds
            next3 = clock.endOfThirdWorkingDay.seconds
            todayStart = Instant(date: clock.now.date).seconds
            self.viewBit = viewBit
            self.filtering = filtering
            self.office = office
        }
    }

    /// What one pass over a range of rows found; ranges are merged in row order.
    struct Scan {
        var masks = [Int](repeating: 0, count: 1 << (QueueView.allCases.count + 1))   // rows per set of views
        var inViewCount = 0
        var warnings = WarningSummary()
        var urgent: [Int32] = []
        var byHolder: [UInt64: Int] = [:]
        var change: Int64

        init(change: Int64) { self.change = change }

        mutating func run(_ rows: Range<Int>, job: ScanJob) {
            let l = job.limits
            let keys = job.keys         // once: the matcher is too large to be copied per row
            for row in rows {
                // Out of the viewer's office: in no view, no count, no warning (as if not there).
                if let office = l.office, job.table.office[row] != office { continue }
                let mask: Int
                if job.viewsKnown {
                    mask = Int(job.views[row])
                } else {
                    mask = classify(row, table: job.table, limits: l)
                    job.views[row] = UInt16(mask)
                }
                if l.filtering {
                    guard job.candidates?[row] ?? true, keys.matches(row) else { continue }
                    job.matched?[row] = true
                }
                masks[mask] += 1
                if mask & l.viewBit != 0 {
                    job.inView[row] = true
                    inViewCount += 1
                }
            }
        }

        /// The row's deadline bucket counted into the warning pane, and the views it belongs to.
        private mutating func classify(_ row: Int, table: DossierTable, limits l: Limits) -> Int {
            let state = table.state[row]
            let bucket: DeadlineBucket
            if let stopped = DeadlineBucket.stopped(state) {
                bucket = stopped
            } else {
                let due = table.due[row]
                if due >= l.now && due < change { change = due + 1 }
                bucket = DeadlineBucket.running(due: due, now: l.now, endOfToday: l.today, endOfNextWorkingDay: l.next1,
                                                endOfThirdWorkingDay: l.next3)
            }
            // An acceptance deadline is marked on its row but is not a processing deadline: it stays
            // out of the warning pane, the overdue and due-soon views (its own view is `online`).
            if state == .submitted { return QueueScan.mask(state, bucket, false) }
            switch bucket {
            case .overdue:
                warnings.overdue += 1
                urgent.append(Int32(row))
                byHolder[table.holderID(at: row), default: 0] += 1
            case .dueToday:
                warnings.dueToday += 1
                urgent.append(Int32(row))
            case .dueWithin1:
                warnings.dueWithin1 += 1
                urgent.append(Int32(row))
            case .dueWithin3: warnings.dueWithin3 += 1
            case .paused: warnings.paused += 1
            default: break
            }
            let returnedToday = state == .returned && table.closedAt[row] >= l.todayStart && table.closedAt[row] <= l.today
            return QueueScan.mask(state, bucket, returnedToday)
        }

        mutating func merge(_ other: Scan) {
            for i in masks.indices { masks[i] += other.masks[i] }
            inViewCount += other.inViewCount
            warnings.overdue += other.warnings.overdue
            warnings.dueToday += other.warnings.dueToday
            warnings.dueWithin1 += other.warnings.dueWithin1
            warnings.dueWithin3 += other.warnings.dueWithin3
            warnings.paused += other.warnings.paused
            urgent += other.urgent
            byHolder.merge(other.byHolder, uniquingKeysWith: +)
            change = min(change, other.change)
        }
    }

    /// The views a row belongs to, one bit per view number.
    static func mask(_ state: DossierState, _ bucket: DeadlineBucket, _ returnedToday: Bool) -> Int {
        var mask = 1 << QueueView.all.rawValue
        switch state {
        case .received: mask |= 1 << QueueView.received.rawValue
        case .inProgress: mask |= 1 << QueueView.inProgress.rawValue
        case .awaitingSupplement, .suspended: mask |= 1 << QueueView.paused.rawValue
        case .resultReady: mask |= 1 << QueueView.resultReady.rawValue
        case .submitted: return mask | 1 << QueueView.online.rawValue
        default: break
        }
        if bucket == .overdue { mask |= 1 << QueueView.overdue.rawValue }
        if bucket.isDueSoon { mask |= 1 << QueueView.dueSoon.rawValue }
        if returnedToday { mask |= 1 << QueueView.returnedToday.rawValue }
        return mask
    }

    /// Rows made into values per query: twice the tallest list a 300×100 terminal shows, so
    /// scrolling rarely asks again, and few enough that a keystroke does not pay for thousands.
    static let pageSize = 150

    /// The data for the screen: counts, warnings, and `pageSize` rows made into values around the target.
    func data(around target: QueueTarget, table: DossierTable, rowOf: (UUID) -> Int? = { _ in nil },
                     rowOfCode: (String) -> Int? = { _ in nil }, pageSize: Int = QueueScan.pageSize) -> QueueData {
        var data = QueueData()
        data.now = clock.now
        data.counts = counts
        data.nextChange = nextChange
        var w = warnings
        w.urgent = urgentRows.map { row(table, Int($0)) }
        data.warnings = w
        switch target {
        case .none: data.anchor = nil
        case .position(let p): data.anchor = matchCount == 0 ? nil : max(0, min(p, matchCount - 1))
        case .id(let id): data.anchor = position(of: rowOf(id) ?? (0..<table.count).first { table.ids[$0] == id })
        case .code(let code): data.anchor = position(of: rowOfCode(code) ?? (0..<table.count).first { table.code(at: $0) == code })
        }
        let center = data.anchor ?? 0
        let start = max(0, min(center - pageSize / 2, matchCount - pageSize))
        let end = min(matchCount, start + pageSize)
        data.rows = QueueRows(count: matchCount, start: start, page: rows(start..<end).map { row(table, Int($0)) })
        return data
    }

    /// Where a row stands in the view, if it is there.
    private func position(of row: Int?) -> Int? {
        guard let row, row < inView.count, inView[row] else { return nil }
        if matchCount == orderRows.count { return orderRows.firstIndex(of: Int32(row)) }
        var found: Int?
        walkView { position, r in
            if Int(r) == row { found = position }
            return found == nil
        }
        return found
    }

    /// The view's rows at `positions`, walking the display order only as far as needed.
    private func rows(_ positions: Range<Int>) -> [Int32] {
        if matchCount == orderRows.count { return Array(orderRows[positions]) }
        var result: [Int32] = []
        result.reserveCapacity(positions.count)
        walkView { position, r in
            if position >= positions.lowerBound && position < positions.upperBound { result.append(r) }
            return position + 1 < positions.upperBound
        }
        return result
    }

    /// The view's rows with their positions, in display order, while `body` returns true.
    private func walkView(_ body: (_ position: Int, _ row: Int32) -> Bool) {
        var position = 0
        for r in orderRows where inView[Int(r)] {
            guard body(position, r) else { return }
            position += 1
        }
    }

    private func row(_ table: DossierTable, _ row: Int) -> QueueRow {
        let summary = table.summary(at: row)
        return QueueRow(summary: summary, status: clock.status(of: summary))
    }
}

private func withOptionalPointer<R>(_ array: inout [Bool]?, _ body: (UnsafeMutablePointer<Bool>?) -> R) -> R {
    guard array != nil else { return body(nil) }
    return array!.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}
