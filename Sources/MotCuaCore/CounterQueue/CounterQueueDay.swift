/// A ticket through its day, folded from the queue's events.
public struct QueueTicket: Hashable, Sendable {
    public enum State: String, Hashable, Sendable {
        /// Waiting in the hall.
        case waiting
        /// Called to a counter, not yet seen there.
        case called
        /// Being served at the counter.
        case serving
        case finished
        case noShow
        /// Still waiting when the day ended: closed by the fold, never carried to the next day.
        case closed
    }

    public let number: String
    public let group: String
    public let groupName: String
    public let priority: Bool
    public let issuedAt: Instant
    public var state: State = .waiting
    public var counter: Int? = nil
    /// The first call (what the waiting time is counted to) and the latest (a recall).
    public var calledAt: Instant? = nil
    public var lastCalledAt: Instant? = nil
    public var recalls = 0
    /// Who called it: the official whose service it was.
    public var official: String? = nil
    public var startedAt: Instant? = nil
    public var finishedAt: Instant? = nil

    /// Called − issued, once called.
    public var waitingSeconds: Int64? { calledAt.map { $0.seconds - issuedAt.seconds } }
    /// Finished − started, once finished (start: the explicit start, else the last call).
    public var serviceSeconds: Int64? {
        guard state == .finished, let end = finishedAt, let start = startedAt ?? lastCalledAt else { return nil }
        return end.seconds - start.seconds
    }
    /// At a counter now: called or being served.
    public var isAtCounter: Bool { state == .called || state == .serving }
}

/// A call, for the hall screen's list of the last numbers called.
public struct QueueCall: Hashable, Sendable {
    public let number: String
    public let counter: Int
    public let at: Instant
}

/// The queue of one day: a pure fold over that day's events (tickets are per day; whatever is
/// still waiting at the end of the day is closed, not carried).
public struct CounterQueueDay: Sendable, Equatable {
    public let day: CivilDate
    /// In order of issue.
    public private(set) var tickets: [QueueTicket] = []
    public private(set) var calls: [QueueCall] = []
    /// Events that did not fit (a call of a ticket never issued…): `check` reports them.
    public private(set) var problems: [String] = []
    private var index: [String: Int] = [:]

    public init(day: CivilDate, entries: [QueueEntry], now: Instant? = nil) {
        self.day = day
        for entry in entries.sorted(by: { $0.seq < $1.seq }) where entry.at.date == day { apply(entry) }
        // The day is over: nobody is waiting any more.
        if let now, now.date > day {
            for i in tickets.indices where tickets[i].state == .waiting { tickets[i].state = .closed }
        }
    }

    public func ticket(_ number: String) -> QueueTicket? { index[number].map { tickets[$0] } }

    /// Who waits, priorities first, then in order of issue; only `groups` when given.
    public func waiting(groups: [String]? = nil) -> [QueueTicket] {
        let wanted = groups ?? []
        let list = tickets.filter { t in t.state == .waiting && (wanted.isEmpty || wanted.contains(t.group)) }
        return list.filter(\.priority) + list.filter { !$0.priority }
    }

    /// The ticket a counter has now (called or being served).
    public func current(counter: Int) -> QueueTicket? {
        tickets.last { $0.counter == counter && $0.isAtCounter }
    }

    /// The next number of `group` today: one more than the tickets already issued in it.
    public func nextNumber(group: String) -> String {
        let n = tickets.filter { $0.group == group }.count + 1
        return group + String(repeating: "0", count: max(0, 3 - String(n).count)) + String(n)
    }

    /// The last `count` calls, newest first (recalls included).
    public func lastCalls(_ count: Int) -> [QueueCall] { Array(calls.suffix(count).reversed()) }

    private mutating func apply(_ entry: QueueEntry) {
        let e = entry.event
        if e.kind == .ticketIssued {
            guard index[e.number] == nil, let group = e.group else {
                problems.append("seq \(entry.seq): phiếu \(e.number) được cấp hai lần hoặc thiếu nhóm")
                return
            }
            index[e.number] = tickets.count
            tickets.append(QueueTicket(number: e.number, group: group, groupName: e.groupName ?? group,
                                       priority: e.priority ?? false, issuedAt: entry.at))
            return
        }
        guard let i = index[e.number], let counter = e.counter else {
            problems.append("seq \(entry.seq): phiếu \(e.number) chưa được cấp trong ngày \(day.vietnamese)")
            return
        }
        var t = tickets[i]
        switch e.kind {
        case .ticketIssued:
            return
        case .called:
            guard t.state == .waiting else { return problem(entry, t) }
            // The counter's previous citizen is done when the next is called.
            if let j = tickets.lastIndex(where: { $0.counter == counter && $0.isAtCounter }) {
                tickets[j].state = .finished
                tickets[j].finishedAt = entry.at
            }
            t.state = .called
            t.counter = counter
            t.calledAt = entry.at
            t.lastCalledAt = entry.at
            t.official = entry.by
            calls.append(QueueCall(number: t.number, counter: counter, at: entry.at))
        case .recalled:
            // The counter's own called ticket, or one marked absent who came back.
            guard (t.state == .called && t.counter == counter) || t.state == .noShow else { return problem(entry, t) }
            if t.state == .noShow, let j = tickets.lastIndex(where: { $0.counter == counter && $0.isAtCounter }) {
                tickets[j].state = .finished
                tickets[j].finishedAt = entry.at
            }
            t.state = .called
            t.counter = counter
            t.lastCalledAt = entry.at
            t.recalls += 1
            t.official = entry.by
            calls.append(QueueCall(number: t.number, counter: counter, at: entry.at))
        case .noShow:
            guard t.state == .called, t.counter == counter else { return problem(entry, t) }
            t.state = .noShow
        case .serviceStarted:
            guard t.state == .called, t.counter == counter else { return problem(entry, t) }
            t.state = .serving
            t.startedAt = entry.at
            t.official = entry.by
        case .serviceFinished:
            guard t.isAtCounter, t.counter == counter else { return problem(entry, t) }
            t.state = .finished
            t.finishedAt = entry.at
        }
        tickets[i] = t
    }

    private mutating func problem(_ entry: QueueEntry, _ t: QueueTicket) {
        problems.append("seq \(entry.seq): \(entry.event.kind.rawValue) phiếu \(t.number) ở quầy \(entry.event.counter ?? 0) không hợp lệ khi phiếu đang \(t.state.rawValue)")
    }
}
