import Foundation

/// The queue views of the tab line, switched with the number keys.
public enum QueueView: Int, CaseIterable, Sendable {
    case received = 1, inProgress, paused, resultReady, overdue, dueSoon, returnedToday, all
    /// Online dossiers waiting for the desk to accept or refuse them, by acceptance deadline.
    case online

    public var title: String {
        switch self {
        case .received: return "Mới tiếp nhận"
        case .inProgress: return "Đang xử lý"
        case .paused: return "Chờ bổ sung / tạm dừng"
        case .resultReady: return "Có kết quả chờ trả"
        case .overdue: return "Quá hạn"
        case .dueSoon: return "Sắp đến hạn"
        case .returnedToday: return "Đã trả hôm nay"
        case .all: return "Tất cả"
        case .online: return "Trực tuyến chờ tiếp nhận"
        }
    }

    /// For the tab line at 80 columns.
    public var shortTitle: String {
        switch self {
        case .received: return "Mới"
        case .inProgress: return "Đang XL"
        case .paused: return "Chờ BS"
        case .resultReady: return "Chờ trả"
        case .overdue: return "Quá hạn"
        case .dueSoon: return "Sắp hạn"
        case .returnedToday: return "Đã trả"
        case .all: return "Tất cả"
        case .online: return "Tr.tuyến"
        }
    }
}

/// One row of the queue: the dossier and its deadline status at the time the data was made.
public struct QueueRow: Equatable, Sendable {
    public let summary: DossierSummary
    public let status: DeadlineStatus

    public init(summary: DossierSummary, status: DeadlineStatus) {
        self.summary = summary
        self.status = status
    }
}

/// The rows of the current view: how many there are, and those around the selection made into
/// values (a view of 500,000 dossiers is never materialised whole).
public struct QueueRows: Equatable, Sendable {
    public var count = 0
    public var start = 0
    public var page: [QueueRow] = []

    public init(count: Int = 0, start: Int = 0, page: [QueueRow] = []) {
        self.count = count
        self.start = start
        self.page = page
    }

    public var isEmpty: Bool { count == 0 }

    public subscript(position: Int) -> QueueRow? {
        let i = position - start
        return page.indices.contains(i) ? page[i] : nil
    }

    public func position(of id: UUID) -> Int? { page.firstIndex { $0.summary.id == id }.map { $0 + start } }
    public func position(code: String) -> Int? { page.firstIndex { $0.summary.code == code }.map { $0 + start } }
}

/// What the deadline-warning pane shows.
public struct WarningSummary: Equatable, Sendable {
    public init() {}

    public var overdue = 0
    public var dueToday = 0
    public var dueWithin1 = 0
    public var dueWithin3 = 0
    public var paused = 0
    /// The most urgent running dossiers: the most overdue first, then the soonest due.
    public var urgent: [QueueRow] = []
    /// Overdue dossiers per holding department (and official), most first.
    public var overdueByHolder: [HolderCount] = []

    public struct HolderCount: Equatable, Sendable {
        public let holder: Holder
        public let count: Int

        public init(holder: Holder, count: Int) {
            self.holder = holder
            self.count = count
        }
    }
}

/// Everything the screen shows that comes from the store.
public struct QueueData: Equatable, Sendable {
    public var rows = QueueRows()
    public var counts: [QueueView: Int] = [:]
    public var warnings = WarningSummary()
    public var now = Instant(seconds: 0)
    /// The next instant a status changes by time alone (a due instant, midnight): refresh then.
    public var nextChange: Instant?
    /// Where the selection (or the dossier asked for) is in this data, when the maker found it.
    public var anchor: Int?
    /// The history of older years is still loading: the "all" view is not complete yet.
    public var partial = false

    public init() {}
}

/// Which dossier the page of a queue should be around.
public enum QueueTarget: Equatable, Sendable {
    case none
    case id(UUID)
    case code(String)
    case position(Int)
}

/// What a front end asks of the queue: a view, the filter typed, where the page should be, and
/// the instant the deadlines are judged at.
public struct QueueRequest: Equatable, Sendable {
    public var view: QueueView
    public var filter: String
    public var target: QueueTarget
    public var now: Instant

    public init(view: QueueView, filter: String = "", target: QueueTarget = .none, now: Instant) {
        self.view = view
        self.filter = filter
        self.target = target
        self.now = now
    }
}
