/// A supervisor's figures of one day's queue: per counter and per official, tickets, served,
/// absent, and waiting (called − issued) and service (finished − started) times.
public struct QueueFigures: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        /// "Quầy 2", an official's login, or "Cả ngày".
        public let key: String
        public var tickets = 0
        public var served = 0
        public var noShows = 0
        public var waitAverage: Int64? = nil
        public var waitP90: Int64? = nil
        public var serviceAverage: Int64? = nil
        public var serviceP90: Int64? = nil
    }

    public let day: CivilDate
    public let total: Row
    public let byCounter: [(counter: Int, row: Row)]
    public let byOfficial: [Row]
    /// Each ticket issued that day, in order: what the rows count.
    public let tickets: [QueueTicket]

    public static func == (a: QueueFigures, b: QueueFigures) -> Bool {
        a.day == b.day && a.total == b.total && a.byOfficial == b.byOfficial && a.tickets == b.tickets
            && a.byCounter.map(\.counter) == b.byCounter.map(\.counter) && a.byCounter.map(\.row) == b.byCounter.map(\.row)
    }
    public func hash(into h: inout Hasher) { h.combine(day); h.combine(tickets) }

    public init(_ queue: CounterQueueDay) {
        day = queue.day
        tickets = queue.tickets
        // A ticket is counted where it was served (or called); one never called counts in the day only.
        total = Self.row("Cả ngày", queue.tickets)
        let counters = Set(queue.tickets.compactMap(\.counter)).sorted()
        byCounter = counters.map { c in (c, Self.row("Quầy \(c)", queue.tickets.filter { $0.counter == c })) }
        let officials = Set(queue.tickets.compactMap(\.official)).sorted()
        byOfficial = officials.map { o in Self.row(o, queue.tickets.filter { $0.official == o }) }
    }

    static func row(_ key: String, _ list: [QueueTicket]) -> Row {
        var r = Row(key: key)
        r.tickets = list.count
        r.served = list.filter { $0.state == .finished || $0.state == .serving }.count
        r.noShows = list.filter { $0.state == .noShow }.count
        let waits = list.compactMap(\.waitingSeconds)
        let services = list.compactMap(\.serviceSeconds)
        r.waitAverage = average(waits)
        r.waitP90 = percentile90(waits)
        r.serviceAverage = average(services)
        r.serviceP90 = percentile90(services)
        return r
    }

    public static func average(_ values: [Int64]) -> Int64? {
        values.isEmpty ? nil : (values.reduce(0, +) + Int64(values.count) / 2) / Int64(values.count)
    }

    /// The nearest-rank 90th percentile: the smallest value at least 90 % of them do not exceed.
    public static func percentile90(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = (sorted.count * 90 + 99) / 100
        return sorted[max(0, rank - 1)]
    }

    /// "12:05" as minutes and seconds, "—" for none.
    public static func duration(_ seconds: Int64?) -> String {
        guard let s = seconds else { return "—" }
        let m = s / 60, r = s % 60
        return "\(m):" + (r < 10 ? "0" : "") + "\(r)"
    }
}
