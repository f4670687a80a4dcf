import Synchronization

/// One working session of a day, e.g. 07:00–11:30.
public struct WorkSession: Hashable, Sendable, Codable {
    public let start: TimeOfDay
    public let end: TimeOfDay

    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }
}

/// The sessions of every working day. Default: 07:00–11:30 and 13:30–17:00 (8 hours).
public struct WorkingHours: Hashable, Sendable, Codable {
    public let sessions: [WorkSession]

    public static let standard = WorkingHours(sessions: [
        WorkSession(start: TimeOfDay(7, 0), end: TimeOfDay(11, 30)),
        WorkSession(start: TimeOfDay(13, 30), end: TimeOfDay(17, 0)),
    ])

    /// Sessions must be non-empty, ordered and not overlapping.
    public init?(validating sessions: [WorkSession]) {
        guard !sessions.isEmpty else { return nil }
        var previousEnd = -1
        for s in sessions {
            guard s.start.minutes < s.end.minutes, s.start.minutes >= previousEnd else { return nil }
            previousEnd = s.end.minutes
        }
        self.sessions = sessions
    }

    init(sessions: [WorkSession]) { self.sessions = sessions }

    /// Seconds of work in one working day.
    public var dayLength: Int64 {
        sessions.reduce(0) { $0 + Int64($1.end.minutes - $1.start.minutes) * 60 }
    }

    public var opening: TimeOfDay { sessions[0].start }
    public var closing: TimeOfDay { sessions[sessions.count - 1].end }

    public var description: String {
        sessions.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
    }
}

/// What kind of day a date is for the desk.
public enum DayStatus: Hashable, Sendable {
    case working
    /// A Saturday or Sunday worked in exchange for a day off.
    case makeupWorkday(MakeupWorkday)
    case weekend
    case dayOff(DayOff)

    public var isWorking: Bool {
        switch self {
        case .working, .makeupWorkday: return true
        case .weekend, .dayOff: return false
        }
    }
}

/// Working days and hours in Vietnam: weekends, public holidays (official schedule or the
/// Labour Code), make-up days and the daily sessions.
public final class WorkCalendar: Sendable {
    public let schedule: HolidaySchedule
    public let hours: WorkingHours
    public let model: DeadlineModel
    private let cache = Mutex<[Int: YearTable]>([:])

    public init(schedule: HolidaySchedule = .shipped, hours: WorkingHours = .standard, model: DeadlineModel = .workingHours) {
        self.schedule = schedule
        self.hours = hours
        self.model = model
    }

    /// The same calendar with another deadline model.
    public func with(model: DeadlineModel) -> WorkCalendar {
        WorkCalendar(schedule: schedule, hours: hours, model: model)
    }

    /// The year's days off: the official schedule when on file, else the statutory rule.
    /// Nil only for years the lunar calendar does not cover.
    public func holidays(in year: Int) -> YearHolidays? {
        table(for: year).holidays
    }

    public func status(of date: CivilDate) -> DayStatus {
        let table = table(for: date.year)
        let index = date.julianDay - table.firstJulianDay
        if let off = table.daysOff[index] { return .dayOff(off) }
        if let makeup = table.makeup[index] { return .makeupWorkday(makeup) }
        return date.isWeekend ? .weekend : .working
    }

    public func isWorkingDay(_ date: CivilDate) -> Bool { status(of: date).isWorking }

    /// The n-th working day after `date` (n ≥ 1), or `date` itself for n = 0 when it is a working day.
    public func workingDay(_ n: Int, after date: CivilDate) -> CivilDate {
        var d = date
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// The first working day on or after `date`.
    public func firstWorkingDay(onOrAfter date: CivilDate) -> CivilDate {
        var d = date
        while !isWorkingDay(d) { d = d.adding(days: 1) }
        return d
    }

    public func opening(of date: CivilDate) -> Instant { Instant(date: date, time: hours.opening) }
    public func closing(of date: CivilDate) -> Instant { Instant(date: date, time: hours.closing) }

    /// The receipt instant when it lies inside a session of a working day, else the start of the next session.
    public func effectiveStart(_ instant: Instant) -> Instant {
        var date = instant.date
        var t = instant
        while true {
            if isWorkingDay(date) {
                for session in hours.sessions where t < Instant(date: date, time: session.end) {
                    return max(t, Instant(date: date, time: session.start))
                }
            }
            date = date.adding(days: 1)
            t = Instant(date: date)
        }
    }

    /// Working seconds inside sessions between two instants, minus any paused time.
    public func workingSeconds(from start: Instant, to end: Instant, pauses: [InstantRange] = []) -> Int64 {
        guard start < end else { return 0 }
        var total: Int64 = 0
        var date = start.date
        let lastDate = end.date
        while date <= lastDate {
            if isWorkingDay(date) {
                for session in hours.sessions {
                    let a = max(start, Instant(date: date, time: session.start))
                    let b = min(end, Instant(date: date, time: session.end))
                    if a < b { total += InstantRange.uncovered(from: a, to: b, by: pauses).reduce(0) { $0 + $1.length } }
                }
            }
            date = date.adding(days: 1)
        }
        return total
    }

    // MARK: - Per-year table

    private struct YearTable: Sendable {
        let holidays: YearHolidays?
        let firstJulianDay: Int
        let daysOff: [DayOff?]
        let makeup: [MakeupWorkday?]
    }

    private func table(for year: Int) -> YearTable {
        if let cached = cache.withLock({ $0[year] }) { return cached }
        let holidays = schedule.years[year] ?? StatutoryHolidays.holidays(in: year)
        let first = CivilDate(year, 1, 1).julianDay
        let count = CivilDate(year, 12, 31).julianDay - first + 1
        var off = [DayOff?](repeating: nil, count: count)
        var makeup = [MakeupWorkday?](repeating: nil, count: count)
        // A day whose legal basis is unconfirmed is listed (`holidays(in:)`, doctor) but not applied:
        // deadlines count it as an ordinary day until an admin confirms it (`motcua calendar confirm`).
        for day in holidays?.daysOff ?? [] where !day.unconfirmed { off[day.date.julianDay - first] = day }
        for day in holidays?.makeupWorkdays ?? [] where !day.unconfirmed { makeup[day.date.julianDay - first] = day }
        let table = YearTable(holidays: holidays, firstJulianDay: first, daysOff: off, makeup: makeup)
        cache.withLock { $0[year] = table }
        return table
    }
}

/// A stretch of time, start included, end excluded; used for pauses of the clock.
public struct InstantRange: Hashable, Sendable, Codable {
    public let start: Instant
    public let end: Instant

    public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }

    public var length: Int64 { max(0, end.seconds - start.seconds) }

    /// The parts of [from, to) not covered by any of `intervals`, in order.
    static func uncovered(from: Instant, to: Instant, by intervals: [InstantRange]) -> [InstantRange] {
        var pieces = [InstantRange(start: from, end: to)]
        for cut in intervals where cut.start < to && cut.end > from {
            pieces = pieces.flatMap { piece -> [InstantRange] in
                guard cut.start < piece.end, cut.end > piece.start else { return [piece] }
                var kept: [InstantRange] = []
                if piece.start < cut.start { kept.append(InstantRange(start: piece.start, end: cut.start)) }
                if cut.end < piece.end { kept.append(InstantRange(start: cut.end, end: piece.end)) }
                return kept
            }
        }
        return pieces
    }
}
