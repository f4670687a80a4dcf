import MotCuaCore

/// One front end's queue over a store: the display order kept up to date row by row, the rows
/// the last filter matched (typing one more letter searches only those), and each row's views
/// at the last instant (a keystroke only tests the filter). The caches are keyed on the store's
/// own state, which is why they live here, beside the columns they read.
public final class QueueIndex {
    private let store: Store
    private var order: QueueOrder?
    private var orderGeneration = -1
    private var filterCache: (text: String, rows: [Bool], count: Int)?
    private var rowClasses: (key: [Int64], classes: RowClasses)?
    /// The viewer sees ID numbers and phones masked: the filter may not match their hidden digits.
    private let masksPersonalData: Bool

    public init(store: Store, masksPersonalData: Bool = false) {
        self.store = store
        self.masksPersonalData = masksPersonalData
    }

    /// The counts, warnings and the page of rows around the target, for one view and filter,
    /// over the dossiers of `scope` only (a ward office's clerk sees their own office's).
    public func query(_ request: QueueRequest, scope: ReportScope = .all) -> QueueData {
        let clock = DeadlineClock(now: request.now, calendar: store.calendar)
        let table = store.table
        let currentOrder = self.currentOrder()
        let office = table.officeID(scope)
        let key = [clock.now.seconds, Int64(table.count), store.lastSeq, Int64(store.generation), office.map { Int64($0) } ?? -1]
        if filterCache != nil, rowClasses?.key.last != key.last { filterCache = nil }      // the scope changed
        let candidates = filterCache.flatMap { cache in
            SearchFolding.fold(request.filter).hasPrefix(SearchFolding.fold(cache.text)) && cache.count == table.count ? cache.rows : nil
        }
        let scan = QueueScan(table: table, order: currentOrder, view: request.view, filter: request.filter, clock: clock,
                             candidates: candidates, classes: rowClasses?.key == key ? rowClasses?.classes : nil,
                             masked: masksPersonalData, office: office)
        filterCache = scan.matchedRows.map { (request.filter, $0, table.count) }
        rowClasses = (key, scan.classes)
        var data = scan.data(around: request.target, table: table, rowOf: store.row(id:), rowOfCode: store.row(code:))
        data.partial = !store.isHistoryComplete
        return data
    }

    /// The display order, kept up to date from the rows the store reports as changed.
    private func currentOrder() -> QueueOrder {
        if order != nil, store.generation == orderGeneration {
            let touched = store.takeTouchedRows()
            if !touched.isEmpty { order!.update(table: store.table, touched: touched) }     // in place: no copy of 500,000 rows
            return order!
        }
        _ = store.takeTouchedRows()
        let fresh = QueueOrder(table: store.table, presorted: store.index.imageOrder)
        order = fresh
        orderGeneration = store.generation
        return fresh
    }
}

extension QueueData {
    /// For tests and small stores: the data straight from summaries, without a store.
    public static func make(_ summaries: [DossierSummary], view: QueueView, filter: String, clock: DeadlineClock,
                            select: QueueTarget = .none, masksPersonalData: Bool = false) -> QueueData {
        let table = DossierTable(summaries: summaries)
        let order = QueueOrder(table: table)
        return QueueScan(table: table, order: order, view: view, filter: filter, clock: clock, masked: masksPersonalData)
            .data(around: select, table: table)
    }
}
