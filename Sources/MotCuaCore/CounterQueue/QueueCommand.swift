/// What an official asks of the number queue; `decide` turns it into the one event it writes.
public enum QueueCommand: Hashable, Sendable {
    case issue(group: String, priority: Bool)
    case call(counter: Int)
    /// The counter's called ticket again, or (`number`) one marked absent who came back.
    case recall(counter: Int, number: String?)
    case noShow(counter: Int)
    case start(counter: Int)
    case finish(counter: Int)

    public var counter: Int? {
        switch self {
        case .issue: return nil
        case .call(let c), .recall(let c, _), .noShow(let c), .start(let c), .finish(let c): return c
        }
    }

    /// The command in words, for a refused reused key.
    public var vietnamese: String {
        switch self {
        case .issue(let g, _): return "cấp số nhóm \(g)"
        case .call(let c): return "gọi số tiếp theo ở quầy \(c)"
        case .recall(let c, _): return "gọi lại ở quầy \(c)"
        case .noShow(let c): return "đánh dấu vắng mặt ở quầy \(c)"
        case .start(let c): return "bắt đầu phục vụ ở quầy \(c)"
        case .finish(let c): return "xong phục vụ ở quầy \(c)"
        }
    }
}

public enum QueueError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownGroup(String, [QueueGroup])
    case unknownCounter(Int, [Int])
    case nobodyWaiting(counter: Int)
    case nothingAtCounter(counter: Int)
    case unknownTicket(String)
    case ticketNotAbsent(String)

    /// Everything but an empty queue is a mistake in what was asked (exit 2).
    public var isBadInput: Bool { if case .nobodyWaiting = self { return false } else { return true } }

    public var description: String {
        switch self {
        case .unknownGroup(let g, let groups):
            return "Không có nhóm \"\(g)\"; các nhóm: " + groups.map { "\($0.letter) \($0.name)" }.joined(separator: ", ") + ". Chưa cấp số"
        case .unknownCounter(let n, let known):
            return "Quầy \(n) chưa được cấu hình (các quầy: \(known.map(String.init).joined(separator: ", "))); "
                + "quản trị thêm bằng motcua counter set \(n) --groups …. Chưa ghi gì"
        case .nobodyWaiting(let n): return "Quầy \(n): không còn ai chờ"
        case .nothingAtCounter(let n): return "Quầy \(n) chưa gọi số nào (hoặc đã xong): gọi số tiếp theo trước. Chưa ghi gì"
        case .unknownTicket(let t): return "Hôm nay không có phiếu \(t). Chưa ghi gì"
        case .ticketNotAbsent(let t): return "Phiếu \(t) không ở trạng thái vắng mặt: chỉ gọi lại được phiếu đã đánh dấu vắng. Chưa ghi gì"
        }
    }
}

extension CounterQueueDay {
    /// The event `command` writes on this day's queue, or why it cannot.
    public func decide(_ command: QueueCommand, groups: [QueueGroup], counters: [CounterSetting]) throws(QueueError) -> QueueEvent {
        if let n = command.counter, !counters.contains(where: { $0.number == n }) {
            throw .unknownCounter(n, counters.map(\.number).sorted())
        }
        let setting = command.counter.flatMap { n in counters.first { $0.number == n } }
        switch command {
        case .issue(let text, let priority):
            guard let group = QueueGroup.find(text, in: groups) else { throw .unknownGroup(text, groups) }
            return QueueEvent(kind: .ticketIssued, number: nextNumber(group: group.letter), group: group.letter,
                              groupName: group.name, priority: priority ? true : nil)
        case .call(let n):
            guard let next = waiting(groups: setting?.groups).first else { throw .nobodyWaiting(counter: n) }
            return QueueEvent(kind: .called, number: next.number, counter: n)
        case .recall(let n, let number?):
            let wanted = number.uppercased()
            guard let t = ticket(wanted) else { throw .unknownTicket(wanted) }
            guard t.state == .noShow || (t.state == .called && t.counter == n) else { throw .ticketNotAbsent(wanted) }
            return QueueEvent(kind: .recalled, number: wanted, counter: n)
        case .recall(let n, nil):
            guard let t = current(counter: n), t.state == .called else { throw .nothingAtCounter(counter: n) }
            return QueueEvent(kind: .recalled, number: t.number, counter: n)
        case .noShow(let n):
            guard let t = current(counter: n), t.state == .called else { throw .nothingAtCounter(counter: n) }
            return QueueEvent(kind: .noShow, number: t.number, counter: n)
        case .start(let n):
            guard let t = current(counter: n), t.state == .called else { throw .nothingAtCounter(counter: n) }
            return QueueEvent(kind: .serviceStarted, number: t.number, counter: n)
        case .finish(let n):
            guard let t = current(counter: n) else { throw .nothingAtCounter(counter: n) }
            return QueueEvent(kind: .serviceFinished, number: t.number, counter: n)
        }
    }
}

/// What the clerk's header and queue view show of their counter: its number, the ticket it has
/// now, and who waits for the groups it calls (priorities first).
public struct CounterStatus: Equatable, Sendable {
    public let number: Int
    public let current: QueueTicket?
    public let waiting: [QueueTicket]

    public init(number: Int, current: QueueTicket?, waiting: [QueueTicket]) {
        self.number = number
        self.current = current
        self.waiting = waiting
    }

    /// "Quầy 2: A012", "Quầy 2: A012 (đang phục vụ)", "Quầy 2: — (3 chờ)".
    public var headerText: String {
        let now = current.map { $0.number + ($0.state == .serving ? " đang phục vụ" : "") } ?? "—"
        return "Quầy \(number): \(now) (\(waiting.count) chờ)"
    }
}
