import Foundation
import MotCuaCore
import MotCuaDesk
import TerminalUI

/// Who is at the keyboard and where: fixed for a session (the desk's word for it).
public typealias Session = DeskSession

/// The immutable things `update` and `render` may consult.
public struct AppEnvironment: Sendable {
    public let session: Session
    public let catalogue: Catalogue
    public let calendar: WorkCalendar
    /// Login → full name, for the history and the holder column.
    public let officialNames: [String: String]
    /// The officials with their departments, for the transfer dialog's picker.
    public let officials: [Official]
    /// The store's scan folder, which the documents dialog names (nil: none configured).
    public let scanFolder: String?
    /// A fresh idempotency key for a new intake or dialog (the runtime's source of randomness,
    /// so that `update` itself stays a function of its inputs).
    public let newOperationID: @Sendable () -> String

    public init(session: Session, catalogue: Catalogue, calendar: WorkCalendar, officialNames: [String: String],
                officials: [Official] = [], scanFolder: String? = nil,
                newOperationID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.session = session
        self.catalogue = catalogue
        self.calendar = calendar
        self.officialNames = officialNames
        self.officials = officials
        self.scanFolder = scanFolder
        self.newOperationID = newOperationID
    }

    public func departmentName(_ code: String) -> String { catalogue.department(code)?.name ?? code }

    /// The name without its parenthesis ("Bộ phận Một cửa (Trung tâm…)" → "Bộ phận Một cửa"), for
    /// the small detail pane, where the full name would push the official's name off the row.
    public func shortDepartmentName(_ code: String) -> String {
        let name = departmentName(code)
        guard let open = name.range(of: " ("), open.lowerBound > name.startIndex else { return name }
        return String(name[..<open.lowerBound])
    }
}

public enum Pane: Int, CaseIterable, Sendable { case queue, detail, warnings }

/// A line at the bottom of the screen, an error or a confirmation.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool

    public static func info(_ text: String) -> StatusMessage { StatusMessage(text: text, isError: false) }
    public static func error(_ text: String) -> StatusMessage { StatusMessage(text: text, isError: true) }
}

/// What the screen is doing.
public enum Mode: Equatable, Sendable {
    case browse
    case filter
    case help(scroll: Int)
    case detail(scroll: Int)
    case intake(IntakeForm)
    case actionMenu(ActionMenu)
    case action(ActionDialog)
    case receipt(ReceiptView)
    case confirmQuit
    case draftOffer(IntakeDraft)
    case supervisor(SupervisorView)
    case report(ReportView)
    case scorecard(ScorecardView)
    case printMenu(PrintMenu)
    case fee(FeeDialog)
    /// F6 → "Số hóa giấy tờ": each paper's digitisation, one marked at a time.
    case documents(DocumentsDialog)
    /// The number queue of the clerk's counter (key 0).
    case counterQueue(scroll: Int)
}

/// The whole state of the terminal app: a value, changed only by `update`.
public struct AppState: Equatable, Sendable {
    public var size: Size
    public var now: Instant
    public var view: QueueView
    public var focus: Pane = .queue
    public var filter = TextField(limit: 80)
    public var data = QueueData()
    /// The clerk's counter of the number queue, when they staff one (counter set N --official LOGIN).
    public var counterStatus: CounterStatus?
    /// Which dossier is selected and how the list is scrolled.
    public var cursor = QueueCursor()
    /// The selected dossier with its history, once read from the journal.
    public var detail: Dossier?
    public var detailScroll = 0
    public var warningsScroll = 0
    public var mode: Mode = .browse
    public var message: StatusMessage?
    /// The clerk's counter (`motcua tui --counter N`): its rating device can be asked at return.
    public var counter: Int?
    /// A dossier returned with the counter's device asked to rate it, until the rating arrives.
    public var awaitingRating: String?
    /// Esc was pressed in browse mode and did nothing else: a digit now means F1…F10 (for
    /// terminals whose F-keys do not arrive), until the prefix lapses.
    public var escapePrefix: EscapePrefix?
    public var escapeArmed: Bool { escapePrefix != nil }

    public init(size: Size, now: Instant, view: QueueView = .all) {
        self.size = size
        self.now = now
        self.view = view
    }

    /// The selected dossier, by identity: it stays selected when the list refreshes.
    public var selection: UUID? { cursor.selection }
    public var scroll: Int { cursor.scroll }

    public var selectedIndex: Int? { selection.flatMap { data.rows.position(of: $0) } }

    public var selectedRow: QueueRow? { selectedIndex.flatMap { data.rows[$0] } }

    /// What the queue should be loaded with now: the effect carries it, the runtime reads no state.
    public var queueRequest: QueueRequest {
        QueueRequest(view: view, filter: filter.text, target: cursor.target, now: now)
    }

    public static let minimumSize = Size(width: 80, height: 24)
    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }
}

/// The Esc prefix for F-keys and when it was armed. `update` learns the time only from the
/// runtime's `.tick`, sent every turn of the loop right after the key: the first tick after the
/// Esc stamps it, and a tick `lifetime` whole seconds later ends it. Instants are whole seconds,
/// so the prefix lasts between one and two seconds.
public struct EscapePrefix: Equatable, Sendable {
    public static let lifetime: Int64 = 2
    public var since: Instant?

    public init(since: Instant? = nil) { self.since = since }

    /// The prefix as of `now`, or nil once it has lapsed.
    func at(_ now: Instant) -> EscapePrefix? {
        guard let since else { return EscapePrefix(since: now) }
        return now.seconds - since.seconds >= Self.lifetime || now < since ? nil : self
    }
}

/// The queue's selection and scroll, and where the selection should go once the rows there are
/// loaded (a page beyond the rows made into values, or a dossier just received). One value,
/// changed through its methods, so the four never disagree.
public struct QueueCursor: Equatable, Sendable {
    public enum Wanted: Equatable, Sendable {
        case position(Int)
        case code(String)
    }

    public private(set) var selection: UUID?
    public private(set) var scroll = 0
    public private(set) var wanted: Wanted?

    public init() {}

    /// Where the next page of the queue should be around.
    public var target: QueueTarget {
        switch wanted {
        case .code(let code): return .code(code)
        case .position(let position): return .position(position)
        case nil: return selection.map { .id($0) } ?? .position(scroll)
        }
    }

    /// Select the row at `position` once it is loaded (the selection is given up meanwhile only
    /// for a dossier asked by code).
    public mutating func want(_ wanted: Wanted) {
        self.wanted = wanted
        if case .code = wanted { selection = nil }
    }

    /// A new view or a new filter: its first row, scrolled to the top (not the place the old
    /// list had, which in a shorter list is its last row).
    public mutating func reset() {
        selection = nil
        scroll = 0
        wanted = .position(0)
    }

    /// Selects a row already loaded and scrolls it into the `visible` rows.
    mutating func select(_ id: UUID?, at index: Int?, rows: QueueRows, visible: Int) {
        selection = id
        wanted = nil
        keepVisible(index, count: rows.count, visible: visible)
    }

    /// New data arrived: honour what was wanted, keep the selected dossier, or keep the place
    /// in the list when it left the view.
    mutating func settle(in data: QueueData, previousIndex: Int?, visible: Int) {
        let rows = data.rows
        if case .code(let code) = wanted, let position = rows.position(code: code) {
            selection = rows[position]?.summary.id
            wanted = nil
        }
        let selectedIndex = selection.flatMap { rows.position(of: $0) }
        if case .position(let position) = wanted {
            let index = min(position, rows.count - 1)
            selection = index >= 0 ? rows[index]?.summary.id : nil
            wanted = nil
        } else if selectedIndex == nil, wanted == nil {
            // The dossier left this view (or is new), or the list moved: keep the same place in it.
            let index = data.anchor ?? min(previousIndex ?? scroll, rows.count - 1)
            selection = index >= 0 ? rows[index]?.summary.id : nil
        }
        keepVisible(selection.flatMap { rows.position(of: $0) }, count: rows.count, visible: visible)
    }

    private mutating func keepVisible(_ index: Int?, count: Int, visible: Int) {
        guard let index else {
            scroll = 0
            return
        }
        if index < scroll { scroll = index }
        if index >= scroll + visible { scroll = index - visible + 1 }
        scroll = max(0, min(scroll, max(0, count - visible)))
    }
}

/// Messages: everything that can happen to the app.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case resized(Size)
    /// The clock, every turn of the loop: `update` keeps minutes, and reloads when a status changes.
    case tick(Instant)
    /// Another process wrote, or older years finished loading: the queue is stale.
    case storeChanged
    case dataLoaded(QueueData)
    case detailLoaded(Dossier?)
    case committed(code: String, text: String)
    case received(code: String, receipt: String)
    /// An online dossier accepted (issue 13): its receipt.
    case accepted(code: String, receipt: String)
    case failed(message: String, conflict: Bool)
    case fileWritten(path: String)
    case supervisorLoaded([SupervisorView.Line])
    case reportLoaded(lines: [ReportView.Line])
    /// The scorecard tab's lines, for the period and rule they were computed for.
    case scorecardLoaded(ScorecardPeriod, ScorecardRule, lines: [ReportView.Line])
    /// A line for the status bar (printing done, a report refused…).
    case notice(String, isError: Bool)
    /// An unsaved intake was found on disk at start.
    case draftFound(IntakeDraft)
    /// SIGTERM / SIGHUP / SIGINT / SIGQUIT.
    case signal(Int32)
    /// The rating recorded for a dossier the counter's device was asked about (nil: not yet).
    case ratingChecked(code: String, rating: Rating?)
    /// The clerk's counter, after a store change or a queue command.
    case counterLoaded(CounterStatus?)
}

/// Side effects as data, each carrying its inputs; the runtime performs them and answers with
/// messages. Slow ones (reports, printing) answer later, from off the loop.
public enum Effect: Equatable, Sendable {
    case loadQueue(QueueRequest)
    case loadDetail(code: String)
    case receive(Intake, op: String)
    /// Receive, then take the whole fee in cash (the intake form's F6).
    case receivePaid(Intake, op: String)
    case fee(FeeCommand, code: String, version: Int, op: String)
    /// A paper marked scanned (the file checked and hashed by the desk) or reused.
    case markDocument(index: Int, DocumentMark, code: String, version: Int, op: String)
    /// Accept an online dossier waiting in the inbox.
    case accept(code: String, version: Int, op: String)
    case perform(DossierCommand, code: String, version: Int, op: String)
    case saveDraft(IntakeDraft)
    case clearDraft
    case writeReceipt(code: String, text: String)
    case loadSupervisor(OverdueReport.Grouping, at: Instant)
    case loadReport(from: CivilDate, to: CivilDate, grouping: PeriodReport.Grouping)
    case loadScorecard(ScorecardPeriod, rule: ScorecardRule)
    case printForm(form: FormID, code: String, html: Bool, toPrinter: Bool)
    /// Whether the citizen has rated `code` on the counter's device yet.
    case checkRating(code: String)
    case redraw
    case quit
    /// Call next, recall, no-show at the clerk's counter.
    case queueCommand(QueueCommand, op: String)
}
