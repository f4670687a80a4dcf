import Foundation
import MotCuaCore

/// Rows of deferred years read from their mapped files only where a command needs them: a
/// `show` takes one row of its year, a `list --search` or a quarter's `report` the rows that can
/// match, instead of appending whole years (~0.3 s and ~50 MB a year at 500,000 dossiers).
///
/// The rule that keeps answers exact: a year's file rows are as of the snapshot, and every
/// journal line read since for a dossier of a deferred year waits in `pending`. Preloading a
/// year first takes every row whose dossier has lines waiting and applies those lines, so a
/// row not taken is exactly as its file says; the year stays deferred and a full load later
/// appends only the rows not yet taken (`DossierIndex.preloadedRows`).
extension Store {
    /// The rows file `name` of `head`, mapped once per process.
    func mappedRows(_ name: String, head: SnapshotHead? = nil) throws -> MappedRows {
        if let file = rowsMaps[name] { return file }
        let head = head ?? baseHead
        let file = try MappedRows(path: "\(files.index)/\(name)", seq: head?.seq ?? 0, fs: fs, stamp: head?.stamps?[name])
        // Checked here: the next snapshot may record its stamp, so later opens skip the CRC.
        if file.checksummed { verifiedStamps[name] = FileStamp(file.status, crc: file.crc) }
        rowsMaps[name] = file
        return file
    }

    /// Joins to the table the rows of the deferred `years` (nil: all) for which `test` made per
    /// file is true, plus those whose dossiers have lines waiting, then applies those lines.
    /// Without `test` only years with lines waiting are read. `lookup` names the rows passing
    /// `test` when the file can say without a scan (nil from it: scan). A damaged file rebuilds the index.
    func preload(years: [Int]? = nil, lookup: ((MappedRows) -> [Int]?)? = nil, where test: ((MappedRows) -> (Int) -> Bool)?) {
        guard !index.deferredYears.isEmpty else { return }
        guard historyLoader == nil else { return loadHistory() }     // a year half appended by a budgeted step
        do {
            var plans: [YearPlan] = []
            for year in (years ?? Array(index.deferredYears)).sorted(by: >) where index.deferredYears.contains(year) {
                let waiting = index.waitingDossiers(year: year)
                if test == nil && waiting.isEmpty { continue }
                guard let name = baseHead?.years[String(year)] else {
                    plans.append(YearPlan(year: year, file: nil, waiting: waiting, taken: [], rowTest: nil))
                    continue
                }
                let file = try mappedRows(name)
                var plan = YearPlan(year: year, file: file, waiting: waiting, taken: index.preloadedRows[year] ?? [], rowTest: test?(file))
                if let named = lookup?(file) {
                    var rows = Set(named)
                    if !waiting.isEmpty { rows.formUnion((0..<file.rows).filter { waiting.contains(file.id(at: $0)) }) }
                    plan.rows = rows.subtracting(plan.taken).sorted()
                    plan.scanned = true
                }
                plans.append(plan)
            }
            scanRows(&plans)
            for plan in plans {
                if let file = plan.file, !plan.rows.isEmpty {
                    var loader = RowsLoader(file: file, columns: try file.gather(plan.rows), year: plan.year)
                    _ = loader.load(into: &index, budget: nil)
                    index.preloadedRows[plan.year, default: []].formUnion(plan.rows)
                }
                plan.file?.releasePages()
                replayPending(year: plan.year)                        // a year without a rows file: loaded
                if plan.file != nil { index.deferredYears.insert(plan.year) }   // the rows not taken are still to load
            }
        } catch {
            notices.append("Chỉ mục năm cũ hỏng, dựng lại từ nhật ký: \(error)")
            try? reloadFromScratch()
        }
    }

    /// One deferred year of a preload: its file, and the rows to take from it.
    struct YearPlan {
        let year: Int
        let file: MappedRows?
        let waiting: Set<UUID>
        let taken: Set<Int>
        let rowTest: ((Int) -> Bool)?
        var rows: [Int] = []
        var scanned = false
    }

    /// Finds each plan's rows by reading its file, the years on both cores: a search reads every
    /// key of five years, and the files and the index are only read meanwhile. Each file gives its
    /// pages back once scanned, so at most two files' pages are held at once.
    private func scanRows(_ plans: inout [YearPlan]) {
        let open = plans.indices.filter { plans[$0].file != nil && !plans[$0].scanned }
        let found = concurrentMap(open.count) { [plans] k in Self.scan(plans[open[k]]) }
        for (k, rows) in zip(open, found) {
            plans[k].rows = rows
            plans[k].scanned = true
        }
    }

    /// The rows of the plan's file not taken yet that pass its test or have lines waiting.
    private static func scan(_ plan: YearPlan) -> [Int] {
        guard let file = plan.file else { return [] }
        var list: [Int] = []
        for row in 0..<file.rows where plan.taken.isEmpty || !plan.taken.contains(row) {
            if plan.rowTest?(row) == true || (!plan.waiting.isEmpty && plan.waiting.contains(file.id(at: row))) { list.append(row) }
        }
        file.releasePages()
        return list
    }

    /// Applies the lines waiting for deferred years (a store opened `.onDemand` holds every open
    /// dossier only once the lines read since its snapshot are applied).
    func settlePending() {
        if historyMode == .byCode {              // a query over the open dossiers: take them now
            historyMode = .onDemand
            preloadOpenRows(recent: baseHead?.recentYear)
        }
        if historyMode == .onDemand { preload(where: nil) }
    }

    /// The open rows of the newest year, for a store opened `.onDemand` (its closed rows wait);
    /// of every year when the head does not say which is newest.
    func preloadOpenRows(recent year: Int?) {
        preload(years: year.map { [$0] }) { file in { row in file.state(at: row)?.isClosed != true } }
    }

    /// Before `forEachCandidate` over a store with deferred years: their rows that can pass the
    /// same column test (state, holder, office, raw search key), read in place from the files.
    public func loadCandidates(of filter: DossierFilter, in scope: ReportScope) {
        guard Self.needsClosedDossiers(filter) else { return settlePending() }
        let terms = SearchFolding.terms(filter.search ?? "").filter { !$0.contains("*") }.map { Array($0.utf8) }
        let holder = filter.holder.flatMap { $0.isEmpty ? nil : $0 }
        preload { file in
            let office: UInt32? = switch scope {
            case .all: nil
            case .office(nil): 0
            case .office(let name?): file.nameNumber(name) ?? UInt32.max
            }
            let holderNumber = holder.map { file.nameNumber($0) ?? UInt32.max }
            return { row in
                guard let state = file.state(at: row) else { return true }   // refused when gathered
                if let states = filter.states, !states.contains(state) { return false }
                if let office, file.name(DossierTable.officeColumn, at: row) != office { return false }
                if let holderNumber, file.name(DossierTable.holderColumn, at: row) != holderNumber { return false }
                if !terms.isEmpty {
                    let key = file.string(DossierTable.searchKeyColumn, at: row)
                    guard terms.allSatisfy({ SearchTerm.occurs($0, in: key) }) else { return false }
                }
                return true
            }
        }
    }
}
