import Foundation
import MotCuaCore
import MotCuaStore
import TerminalUI

/// The runtime: reads events, runs `update`, performs its effects against the store, renders.
/// Wakes at least every 250 ms to notice other clerks' changes (within 1 s), the clock, and signals.
public final class App {
    let store: Store
    let backend: TerminalBackend
    let actor: Actor
    let clock: () -> Instant
    let pendingSignal: () -> Int32?
    let receiptText: (Dossier, Store) -> String
    public private(set) var state: AppState
    public private(set) var env: AppEnvironment
    private var lastRefresh = Date.distantPast
    private var order: QueueOrder?
    private var orderGeneration = -1
    /// Which offices' dossiers the supervisor and report screens count (the store's rule for this official).
    private var reportScope: ReportScope { (try? store.reportScope(for: actor)) ?? .office(actor.office) }
    /// The last filter and the rows it matched: typing one more letter searches only those.
    private var filterCache: (text: String, rows: [Bool], count: Int)?
    /// The rows' views and warnings from the last query, with the instant and store state they hold for.
    private var rowClasses: (key: [Int64], classes: RowClasses)?

    public init(store: Store, backend: TerminalBackend, actor: Actor, clock: @escaping () -> Instant,
                pendingSignal: @escaping () -> Int32? = { nil }, receiptText: @escaping (Dossier, Store) -> String = FormPrinting.receipt) {
        self.store = store
        self.backend = backend
        self.actor = actor
        self.clock = clock
        self.pendingSignal = pendingSignal
        self.receiptText = receiptText
        let session = Session(centreName: store.config.name, agency: store.config.agency, storePath: store.path,
                              training: store.config.training, login: actor.login, userName: actor.name, role: actor.role)
        env = AppEnvironment(session: session, catalogue: store.catalogue, calendar: store.calendar,
                             officialNames: Dictionary(store.users.users.map { ($0.login, $0.name) }, uniquingKeysWith: { a, _ in a }))
        state = AppState(size: backend.size, now: clock())
        state.view = .all
        if let bytes = store.loadDraft(login: actor.login), let draft = try? JSONDecoder().decode(IntakeDraft.self, from: Data(bytes)) {
            state.mode = .draftOffer(draft)
        }
        dispatch(.resized(backend.size))
        perform(.reloadData)
    }

    /// Runs until the user quits or a terminating signal arrives.
    public func run() {
        while !state.quitting {
            step(timeoutMs: 250)
        }
    }

    /// One turn of the loop (tests drive it directly).
    public func step(timeoutMs: Int) {
        renderFrame()
        if let sig = pendingSignal() {
            dispatch(.signal(sig))
            return
        }
        if let event = backend.readEvent(timeoutMs: timeoutMs) {
            switch event {
            case .key(let key): dispatch(.key(key))
            case .resize(let size): dispatch(.resized(size))
            case .hangup: dispatch(.signal(SIGHUP))
            }
        }
        housekeeping()
    }

    /// Draws the current state (the first thing each turn does, before any waiting or loading).
    public func renderFrame() {
        backend.present(render(state, env, ascii: !backend.isUTF8))
    }

    /// The display order, kept up to date from the rows the store reports as changed.
    private func currentOrder() -> QueueOrder {
        if order == nil || store.generation != orderGeneration {
            _ = store.takeTouchedRows()
            order = QueueOrder(table: store.table)
            orderGeneration = store.generation
        } else {
            let touched = store.takeTouchedRows()
            if !touched.isEmpty { order!.update(table: store.table, touched: touched) }
        }
        return order!
    }

    /// The clock moves, other processes write, old years finish loading: keep the screen true
    /// without a key press.
    private func housekeeping() {
        if !store.isHistoryComplete {
            if store.loadHistoryStep(budget: 0.02) { perform(.reloadData) }
        }
        let now = clock()
        if now.seconds / 60 != state.now.seconds / 60 || now.seconds < state.now.seconds { dispatch(.tick(now)) }
        var reload = false
        if let next = state.data.nextChange, now >= next { reload = true }
        if Date().timeIntervalSince(lastRefresh) >= 0.5 {
            lastRefresh = Date()
            if (try? store.refresh()) == true { reload = true }
        }
        if reload {
            dispatch(.tick(now))
            perform(.reloadData)
        }
    }

    public func dispatch(_ msg: Msg) {
        for effect in update(&state, msg, env) { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .reloadData:
            let clock = DeadlineClock(now: state.now, calendar: store.calendar)
            let table = store.table
            let text = state.filter.text
            let orderNow = currentOrder()
            let candidates = filterCache.flatMap { cache in
                SearchFolding.fold(text).hasPrefix(SearchFolding.fold(cache.text)) && cache.count == table.count ? cache.rows : nil
            }
            let key = [clock.now.seconds, Int64(table.count), store.lastSeq, Int64(store.generation)]
            let query = QueueQuery(table: table, order: orderNow, view: state.view, filter: text, clock: clock, candidates: candidates,
                                   classes: rowClasses?.key == key ? rowClasses?.classes : nil)
            filterCache = query.matchedRows.map { (text, $0, table.count) }
            rowClasses = (key, query.classes)
            let target: QueueQuery.Target = state.pendingSelectCode.map { .code($0) } ?? state.wantedPosition.map { .position($0) }
                ?? state.selection.map { .id($0) } ?? .position(state.scroll)
            var data = query.data(around: target, table: table, rowOf: store.row(id:), rowOfCode: store.row(code:))
            data.partial = !store.isHistoryComplete
            dispatch(.dataLoaded(data))
        case .loadDetail(let code):
            dispatch(.detailLoaded((try? store.dossier(code: code))?.visible(to: actor.role)))
        case .receive(let intake, let op):
            do {
                let commit = try store.receive(intake, actor: actor, op: op, now: clock())
                let receipt = (try? store.dossier(code: commit.code)).map { receiptText($0, store) } ?? commit.code
                dispatch(.received(code: commit.code, receipt: receipt))
            } catch {
                dispatch(.failed(message: "\(error)", conflict: false))
            }
        case .perform(let command, let code, let version, let op):
            do {
                let commit = try store.perform(command, on: code, expectedVersion: version, actor: actor, op: op, now: clock())
                dispatch(.committed(code: commit.code, text: "Đã lưu: \(command.action.vietnamese) hồ sơ \(commit.code)"))
            } catch let error as StoreError {
                if case .conflict = error { dispatch(.failed(message: error.description, conflict: true)) } else {
                    dispatch(.failed(message: error.description, conflict: false))
                }
            } catch {
                dispatch(.failed(message: "\(error)", conflict: false))
            }
        case .saveDraft(let draft):
            if let data = try? JSONEncoder().encode(draft) { try? store.saveDraft(Array(data), login: actor.login) }
        case .clearDraft:
            store.clearDraft(login: actor.login)
        case .writeReceipt(let code, let text):
            let directory = store.outputDirectory
            let path = "\(directory)/\(code)-bien-nhan.txt"
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                dispatch(.fileWritten(path: path))
            } catch {
                dispatch(.failed(message: "Không ghi được \(path): \(error.localizedDescription)", conflict: false))
            }
        case .loadSupervisor(let grouping):
            let clock = DeadlineClock(now: state.now, calendar: store.calendar)
            let report = OverdueReport.make(summaries: reportScope.filter(store.runningDue(by: clock)), clock: clock,
                                            catalogue: store.catalogue, officialNames: env.officialNames)
            dispatch(.supervisorLoaded(SupervisorView.lines(report, grouping: grouping)))
        case .loadReport(let from, let to, let grouping):
            do {
                store.loadHistory()
                let report = try PeriodReport.make(summaries: reportScope.filter(store.summaries(overlapping: from, to)), from: from, to: to, by: grouping,
                                                   calendar: store.calendar, catalogue: store.catalogue, officialNames: env.officialNames)
                dispatch(.reportLoaded(lines: ReportView.lines(report)))
            } catch {
                dispatch(.notice(error.description, isError: true))
            }
        case .printForm(let form, let code, let html, let toPrinter):
            dispatch(printForm(form, code: code, html: html, toPrinter: toPrinter))
        case .redraw:
            backend.invalidate()
        case .quit:
            state.quitting = true
        }
    }
}
