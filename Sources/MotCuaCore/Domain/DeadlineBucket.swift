/// The one place that decides how a deadline status looks and reads: its bucket (which views
/// and warning counts it falls in), the two-character mark, the words of the "left/late"
/// column, the long marker, and the tone a screen colours it with. Every screen, list, CSV and
/// form takes these from here, so the same dossier never reads two ways.
public enum DeadlineBucket: Int, CaseIterable, Hashable, Sendable {
    case overdue, dueToday, dueWithin1, dueWithin3, onTrack, paused, resolved, withdrawn

    /// The bucket of a running dossier due at `due` (seconds), against the clock's limits.
    public static func running(due: Int64, now: Int64, endOfToday: Int64, endOfNextWorkingDay: Int64,
                               endOfThirdWorkingDay: Int64) -> DeadlineBucket {
        now > due ? .overdue : due <= endOfToday ? .dueToday : due <= endOfNextWorkingDay ? .dueWithin1
            : due <= endOfThirdWorkingDay ? .dueWithin3 : .onTrack
    }

    /// The bucket of a dossier in `state` that is not running (nil when it is running).
    public static func stopped(_ state: DossierState) -> DeadlineBucket? {
        switch state {
        case .received, .inProgress, .submitted: return nil
        case .awaitingSupplement, .suspended: return .paused
        case .resultReady, .returned, .refused: return .resolved
        case .withdrawn, .notAccepted: return .withdrawn
        }
    }

    /// Urgent enough for the warning pane's "most pressing" list.
    public var isUrgent: Bool { self == .overdue || self == .dueToday || self == .dueWithin1 }
    /// Due within three working days (the "due soon" view).
    public var isDueSoon: Bool { self == .dueToday || self == .dueWithin1 || self == .dueWithin3 }
}

/// How a screen should colour a deadline; the text mark says the same without colour.
public enum DeadlineTone: Hashable, Sendable {
    case overdue, dueToday, dueSoon, paused, resolved, muted, normal
}

extension DeadlineStatus {
    public var bucket: DeadlineBucket {
        switch self {
        case .overdue: return .overdue
        case .dueToday: return .dueToday
        case .dueWithin1: return .dueWithin1
        case .dueWithin3: return .dueWithin3
        case .onTrack: return .onTrack
        case .paused: return .paused
        case .resolved: return .resolved
        case .withdrawn: return .withdrawn
        }
    }

    public var tone: DeadlineTone {
        switch bucket {
        case .overdue: return .overdue
        case .dueToday: return .dueToday
        case .dueWithin1, .dueWithin3: return .dueSoon
        case .paused: return .paused
        case .resolved: return .resolved
        case .withdrawn: return .muted
        case .onTrack: return .normal
        }
    }

    /// Two-character mark column: `!!` overdue, `! ` due today or tomorrow, `||` paused.
    public var mark: String {
        switch bucket {
        case .overdue: return "!!"
        case .dueToday, .dueWithin1: return "! "
        case .paused: return "||"
        default: return "  "
        }
    }

    /// The left/late words of a list: readable without colour.
    public var remaining: String {
        switch self {
        case .overdue(let late): return "trễ \(late) ngày"
        case .dueToday: return "hạn hôm nay"
        case .dueWithin1: return "còn 1 ngày"
        case .dueWithin3(let left), .onTrack(let left): return "còn \(left) ngày"
        case .paused(let state): return state == .suspended ? "tạm dừng" : "chờ bổ sung"
        case .resolved(let r): return r.atInstant.vietnamese.lowercased()
        case .withdrawn: return "đã rút"
        }
    }

    /// The left/late words with their unit spelt out, where a screen has room for it ("trễ 29
    /// ngày làm việc"): the days are working days, never calendar days. Other states read as
    /// `remaining`.
    public var remainingInWorkingDays: String {
        switch self {
        case .overdue(let late): return "trễ \(late) ngày làm việc"
        case .dueWithin1: return "còn 1 ngày làm việc"
        case .dueWithin3(let left), .onTrack(let left): return "còn \(left) ngày làm việc"
        default: return remaining
        }
    }

    /// `marker` with the unit spelt out: `!! QUÁ HẠN 3 ngày làm việc`.
    public var markerInWorkingDays: String {
        switch self {
        case .onTrack(let left), .dueWithin3(let left): return "còn \(left) ngày làm việc"
        case .dueWithin1: return "! còn 1 ngày làm việc"
        case .overdue(let late): return "!! QUÁ HẠN \(late) ngày làm việc"
        default: return marker
        }
    }

    /// A short marker readable without colour: `!! QUÁ HẠN 3 ngày`.
    public var marker: String {
        switch self {
        case .onTrack(let left), .dueWithin3(let left): return "còn \(left) ngày"
        case .dueToday: return "! HẠN HÔM NAY"
        case .dueWithin1: return "! còn 1 ngày"
        case .overdue(let late): return "!! QUÁ HẠN \(late) ngày"
        case .paused: return "|| " + remaining
        case .resolved(let r): return r.atInstant.vietnamese
        case .withdrawn: return remaining
        }
    }

    public var isOverdue: Bool { bucket == .overdue }
}
