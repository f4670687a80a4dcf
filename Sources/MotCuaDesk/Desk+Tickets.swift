import Foundation
import MotCuaCore
import MotCuaStore

/// The number queue at the counters (issue 16), for the CLI, the clerk's screen, the kiosk and
/// the hall display: every change is one journal line through the store's write path.
extension Desk {
    /// The groups a ticket can be taken for (one per field of the catalogue, lettered).
    public var queueGroups: [QueueGroup] { store.queueGroups }

    public func counters() throws -> [CounterSetting] { try store.counters() }

    /// The counter this session sits at (`seatedCounter`), else the one this official staffs
    /// (`counter set N --official LOGIN`), if any.
    public func myCounter() -> CounterSetting? {
        let counters = (try? store.counters()) ?? []
        if let seated = seatedCounter { return counters.first { $0.number == seated } }
        return counters.first { $0.official == actor.login }
    }

    /// A ticket from the kiosk (or the CLI): the day's next number of the group.
    public func issueTicket(group: String, priority: Bool, op: String? = nil, now: Instant) throws -> QueueCommit {
        try store.performQueue(.issue(group: group, priority: priority), actor: actor, op: op, now: now)
    }

    /// Call next, recall, no-show, start, finish at a counter.
    public func queueCommand(_ command: QueueCommand, op: String? = nil, now: Instant) throws -> QueueCommit {
        try store.performQueue(command, actor: actor, op: op, now: now)
    }

    /// Today's queue (what waits, what each counter has, the last calls), current with other processes.
    public func counterQueue(now: Instant) throws -> CounterQueueDay {
        try store.queueDay(now.date, now: now)
    }

    /// The figures of one day's queue, for a supervisor (report --queue, F9).
    public func queueFigures(day: CivilDate, now: Instant) throws -> QueueFigures {
        try store.require(actor, may: .viewReports)
        return QueueFigures(try store.queueDay(day, now: now))
    }

    /// The dossiers received on `day` that name a ticket: ticket → dossier code.
    public func dossiersByTicket(day: CivilDate) -> [String: String] {
        var out: [String: String] = [:]
        for summary in store.summaries(overlapping: day, day) where summary.receivedAt.date == day {
            guard let dossier = try? store.dossier(code: summary.code), let ticket = dossier.reception.ticket else { continue }
            out[ticket] = summary.code
        }
        return out
    }

    public func configureCounter(_ number: Int, groups: [String], official: String?, remove: Bool = false,
                                 now: Instant) throws -> [CounterSetting] {
        try store.configureCounter(number, groups: groups, official: official, remove: remove, actor: actor, now: now)
    }
}

extension Desk {
    /// The clerk's own counter now (nil: this official staffs no counter).
    public func counterStatus(now: Instant) -> CounterStatus? {
        guard let counter = myCounter(), let day = try? store.queueDay(now.date, now: now) else { return nil }
        return CounterStatus(number: counter.number, current: day.current(counter: counter.number), waiting: day.waiting(groups: counter.groups))
    }
}
