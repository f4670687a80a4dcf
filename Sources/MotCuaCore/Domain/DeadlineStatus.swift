/// How a dossier stands against its appointment at a given instant.
public enum DeadlineStatus: Hashable, Sendable {
    /// Running, more than 3 working days left.
    case onTrack(workingDaysLeft: Int)
    /// Running, due later today.
    case dueToday
    /// Running, due by the end of the next working day.
    case dueWithin1
    /// Running, due by the end of the 3rd working day.
    case dueWithin3(workingDaysLeft: Int)
    /// Running and past the appointment.
    case overdue(workingDaysLate: Int)
    /// The clock is stopped (supplement or suspension).
    case paused(DossierState)
    /// Resolved (result ready, returned, refused): how it ended against the appointment.
    case resolved(Resolution)
    /// Withdrawn: not judged.
    case withdrawn
}

/// Early, on time or late.
public enum Timeliness: String, Hashable, Sendable, Codable {
    case early, onTime = "on-time", late

    public var vietnamese: String {
        switch self {
        case .early: return "Trước hạn"
        case .onTime: return "Đúng hạn"
        case .late: return "Quá hạn"
        }
    }
}

/// How a finished dossier compares with its appointment, both ways the rules count it.
public struct Resolution: Hashable, Sendable {
    /// Instant rule: late when finished after the due instant; early when finished on a day before the due day.
    public let atInstant: Timeliness
    /// Date rule (the national statistics): before the due date, on it, or after it.
    public let atDate: Timeliness

    public static func classify(finished: Instant, due: Instant) -> Resolution {
        let finishedDay = finished.date, dueDay = due.date
        let byDate: Timeliness = finishedDay < dueDay ? .early : (finishedDay == dueDay ? .onTime : .late)
        let byInstant: Timeliness = finished > due ? .late : (finishedDay < dueDay ? .early : .onTime)
        return Resolution(atInstant: byInstant, atDate: byDate)
    }
}

/// The thresholds of "due soon" for one instant, computed once and shared by every row.
public struct DeadlineClock: Sendable {
    public let now: Instant
    public let calendar: WorkCalendar
    public let endOfToday: Instant
    public let endOfNextWorkingDay: Instant
    public let endOfThirdWorkingDay: Instant

    public init(now: Instant, calendar: WorkCalendar) {
        self.now = now
        self.calendar = calendar
        let today = now.date
        endOfToday = Instant(date: today.adding(days: 1)).adding(seconds: -1)
        endOfNextWorkingDay = Instant(date: calendar.workingDay(1, after: today).adding(days: 1)).adding(seconds: -1)
        endOfThirdWorkingDay = Instant(date: calendar.workingDay(3, after: today).adding(days: 1)).adding(seconds: -1)
    }

    public func status(of d: DossierSummary) -> DeadlineStatus {
        switch d.state {
        case .withdrawn, .notAccepted:
            return .withdrawn
        case .submitted:
            return runningStatus(due: d.due)       // the acceptance deadline
        case .resultReady, .returned, .refused:
            return .resolved(Resolution.classify(finished: d.resolvedAt ?? d.closedAt ?? now, due: d.statsDue))
        case .awaitingSupplement, .suspended:
            return .paused(d.state)
        case .received, .inProgress:
            return runningStatus(due: d.due)
        }
    }

    /// The status of a running dossier whose appointment is `due`.
    public func runningStatus(due: Instant) -> DeadlineStatus {
        switch bucket(due: due.seconds) {
        case .overdue: return .overdue(workingDaysLate: workingDaysLate(due: due))
        case .dueToday: return .dueToday
        case .dueWithin1: return .dueWithin1
        case .dueWithin3: return .dueWithin3(workingDaysLeft: workingDaysLeft(due: due))
        default: return .onTrack(workingDaysLeft: workingDaysLeft(due: due))
        }
    }

    /// The bucket of a running dossier due at `due` seconds (the queue's scan asks this per row).
    public func bucket(due: Int64) -> DeadlineBucket {
        DeadlineBucket.running(due: due, now: now.seconds, endOfToday: endOfToday.seconds,
                               endOfNextWorkingDay: endOfNextWorkingDay.seconds, endOfThirdWorkingDay: endOfThirdWorkingDay.seconds)
    }

    /// Started working days of lateness, at least 1 once the appointment has passed.
    public func workingDaysLate(due: Instant) -> Int {
        let late = calendar.workingSeconds(from: due, to: now)
        let day = calendar.hours.dayLength
        return max(1, Int((late + day - 1) / day))
    }

    /// Working days left, a started day counting as one. Counted in whole minutes, as appointments
    /// are (from `now` rounded up to the minute), and a day begun by no more than a minute is not
    /// counted: clients whose clocks differ by seconds agree, and a 3-day dossier received this
    /// minute (its count starts at the next whole minute) has 3 days left, not 4.
    public func workingDaysLeft(due: Instant) -> Int {
        let left = calendar.workingSeconds(from: now.roundedUpToMinute, to: due) - Self.graceSeconds
        let day = calendar.hours.dayLength
        return Int((max(0, left) + day - 1) / day)
    }

    /// How much of a working day may be left over before it counts as one more day left.
    static let graceSeconds: Int64 = 60
}
