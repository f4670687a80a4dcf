import Foundation
import MotCuaCore

/// The queue views of the tab line, switched with the number keys.
public enum QueueView: Int, CaseIterable, Sendable {
    case received = 1, inProgress, paused, resultReady, overdue, dueSoon, returnedToday, all

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
        }
    }

    func includes(_ d: DossierSummary, _ status: DeadlineStatus, today: CivilDate) -> Bool {
        switch self {
        case .received: return d.state == .received
        case .inProgress: return d.state == .inProgress
        case .paused: return d.state.isPaused
        case .resultReady: return d.state == .resultReady
        case .overdue: return status.isOverdue
        case .dueSoon:
            switch status {
            case .dueToday, .dueWithin1, .dueWithin3: return true
            default: return false
            }
        case .returnedToday: return d.state == .returned && d.closedAt?.date == today
        case .all: return true
        }
    }
}

/// One row of the queue: the dossier and its deadline status at the time the data was made.
public struct QueueRow: Equatable, Sendable {
    public let summary: DossierSummary
    public let status: DeadlineStatus
}

/// What the deadline-warning pane shows.
public struct WarningSummary: Equatable, Sendable {
    public var overdue = 0
    public var dueToday = 0
    public var dueWithin1 = 0
    public var dueWithin3 = 0
    public var paused = 0
    /// The most urgent running dossiers: the most overdue first, then the soonest due.
    public var urgent: [QueueRow] = []
    /// Overdue dossiers per holding department (and official), most first.
    public var overdueByHolder: [(holder: Holder, count: Int)] = []

    public static func == (a: WarningSummary, b: WarningSummary) -> Bool {
        a.overdue == b.overdue && a.dueToday == b.dueToday && a.dueWithin1 == b.dueWithin1 && a.dueWithin3 == b.dueWithin3
            && a.paused == b.paused && a.urgent == b.urgent
            && a.overdueByHolder.map(\.holder) == b.overdueByHolder.map(\.holder) && a.overdueByHolder.map(\.count) == b.overdueByHolder.map(\.count)
    }
}

/// Everything the screen shows that comes from the store, derived in one pass.
public struct QueueData: Equatable, Sendable {
    public var rows: [QueueRow] = []
    public var counts: [QueueView: Int] = [:]
    public var warnings = WarningSummary()
    public var now = Instant(seconds: 0)
    /// The next instant a status changes by time alone (a due instant, midnight): refresh then.
    public var nextChange: Instant?

    public init() {}

    /// Filters the summaries for `view` and `filter` (accent-insensitive words), sorted by due,
    /// and counts every view and the warnings in the same pass.
    public static func make(_ summaries: [DossierSummary], view: QueueView, filter: String, clock: DeadlineClock) -> QueueData {
        var data = QueueData()
        data.now = clock.now
        let terms = SearchFolding.terms(filter)
        let today = clock.now.date
        var counts = [Int](repeating: 0, count: QueueView.allCases.count + 1)
        var urgent: [QueueRow] = []
        var byHolder: [Holder: Int] = [:]
        var next = clock.endOfToday.adding(seconds: 1)
        for d in summaries {
            if d.state.isRunning, d.due >= clock.now, d.due < next { next = d.due.adding(seconds: 1) }
            let status = clock.status(of: d)
            switch status {
            case .overdue:
                data.warnings.overdue += 1
                byHolder[d.holder, default: 0] += 1
                urgent.append(QueueRow(summary: d, status: status))
            case .dueToday: data.warnings.dueToday += 1; urgent.append(QueueRow(summary: d, status: status))
            case .dueWithin1: data.warnings.dueWithin1 += 1; urgent.append(QueueRow(summary: d, status: status))
            case .dueWithin3: data.warnings.dueWithin3 += 1
            case .paused: data.warnings.paused += 1
            default: break
            }
            let matches = terms.isEmpty || terms.allSatisfy { d.searchKey.contains($0) }
            for v in QueueView.allCases where v.includes(d, status, today: today) {
                if matches { counts[v.rawValue] += 1 }
                if v == view && matches { data.rows.append(QueueRow(summary: d, status: status)) }
            }
        }
        data.nextChange = next
        // Open dossiers first by appointment; closed ones after, the most recently closed first.
        data.rows.sort { a, b in
            let ca = a.summary.state.isClosed, cb = b.summary.state.isClosed
            if ca != cb { return !ca }
            if ca { return (b.summary.closedAt ?? b.summary.due, a.summary.code) < (a.summary.closedAt ?? a.summary.due, b.summary.code) }
            return (a.summary.due, a.summary.code) < (b.summary.due, b.summary.code)
        }
        for v in QueueView.allCases { data.counts[v] = counts[v.rawValue] }
        data.warnings.urgent = Array(urgent.sorted { ($0.summary.due, $0.summary.code) < ($1.summary.due, $1.summary.code) }.prefix(12))
        data.warnings.overdueByHolder = byHolder
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.department < $1.key.department }
            .map { ($0.key, $0.value) }
        return data
    }
}
