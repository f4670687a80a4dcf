import Foundation
import MotCuaCore
import TerminalUI

/// Who is at the keyboard and where: fixed for a session.
public struct Session: Equatable, Sendable {
    public var centreName: String
    public var agency: String
    public var storePath: String
    public var training: Bool
    public var login: String
    public var userName: String
    public var role: Role

    public init(centreName: String, agency: String, storePath: String, training: Bool, login: String, userName: String, role: Role) {
        self.centreName = centreName
        self.agency = agency
        self.storePath = storePath
        self.training = training
        self.login = login
        self.userName = userName
        self.role = role
    }
}

/// The immutable things `update` and `render` may consult.
public struct AppEnvironment: Sendable {
    public let session: Session
    public let catalogue: Catalogue
    public let calendar: WorkCalendar
    /// Login → full name, for the history and the holder column.
    public let officialNames: [String: String]

    public init(session: Session, catalogue: Catalogue, calendar: WorkCalendar, officialNames: [String: String]) {
        self.session = session
        self.catalogue = catalogue
        self.calendar = calendar
        self.officialNames = officialNames
    }

    public func departmentName(_ code: String) -> String { catalogue.department(code)?.name ?? code }
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
    case printMenu(PrintMenu)
}

/// The whole state of the terminal app: a value, changed only by `update`.
public struct AppState: Equatable, Sendable {
    public var size: Size
    public var now: Instant
    public var view: QueueView = .overdue
    public var focus: Pane = .queue
    public var filter = TextField(limit: 80)
    public var data = QueueData()
    /// The selected dossier, by identity: it stays selected when the list refreshes.
    public var selection: UUID?
    public var scroll = 0
    /// The selected dossier with its history, once read from the journal.
    public var detail: Dossier?
    public var detailScroll = 0
    public var warningsScroll = 0
    public var mode: Mode = .browse
    public var message: StatusMessage?
    /// Esc was pressed in browse mode: a digit now means F1…F10 (for terminals whose F-keys do not arrive).
    public var escapeArmed = false
    /// Select this dossier when it appears in the data (a dossier just received).
    public var pendingSelectCode: String?
    public var quitting = false

    public init(size: Size, now: Instant) {
        self.size = size
        self.now = now
    }

    public var selectedIndex: Int? { selection.flatMap { data.rows.position(of: $0) } }

    public var selectedRow: QueueRow? { selectedIndex.flatMap { data.rows[$0] } }

    /// A position the selection should move to once the rows there are fetched.
    public var wantedPosition: Int?

    public static let minimumSize = Size(width: 80, height: 24)
    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }
}

/// Messages: everything that can happen to the app.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case resized(Size)
    case tick(Instant)
    case dataLoaded(QueueData)
    case detailLoaded(Dossier?)
    case committed(code: String, text: String)
    case received(code: String, receipt: String)
    case failed(message: String, conflict: Bool)
    case fileWritten(path: String)
    case supervisorLoaded([SupervisorView.Line])
    case reportLoaded(lines: [String])
    /// A line for the status bar (printing done, a report refused…).
    case notice(String, isError: Bool)
    /// SIGTERM / SIGHUP / SIGINT / SIGQUIT.
    case signal(Int32)
}

/// Side effects as data; the runtime performs them and answers with messages.
public enum Effect: Equatable, Sendable {
    case reloadData
    case loadDetail(code: String)
    case receive(Intake, op: String)
    case perform(DossierCommand, code: String, version: Int, op: String)
    case saveDraft(IntakeDraft)
    case clearDraft
    case writeReceipt(code: String, text: String)
    case loadSupervisor(OverdueReport.Grouping)
    case loadReport(from: CivilDate, to: CivilDate, grouping: PeriodReport.Grouping)
    case printForm(form: String, code: String, html: Bool, toPrinter: Bool)
    case redraw
    case quit
}
