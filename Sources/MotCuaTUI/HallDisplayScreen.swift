import MotCuaCore
import TerminalUI

/// The hall screen (`motcua display`): the number at each counter in block digits, the last
/// numbers called (for whoever missed the call), how many wait per group. Numbers and counters
/// only: never a name or anything personal.
public struct HallDisplayState: Equatable, Sendable {
    public var size: Size
    public var centre: String
    public var counters: [CounterSetting]
    public var groups: [QueueGroup]
    public var queue: CounterQueueDay
    public var now: Instant

    public init(size: Size, centre: String, counters: [CounterSetting], groups: [QueueGroup], queue: CounterQueueDay, now: Instant) {
        self.size = size
        self.centre = centre
        self.counters = counters
        self.groups = groups
        self.queue = queue
        self.now = now
    }
}

public enum HallDisplayScreen {
    /// What the speaker says for a call.
    public static func announcement(_ call: QueueCall) -> String { "Mời số \(call.number) đến quầy \(call.counter)" }

    /// The calls in `new` that `old` had not yet seen (recalls included), oldest first.
    public static func newCalls(from old: CounterQueueDay?, to new: CounterQueueDay) -> [QueueCall] {
        guard let old, old.day == new.day else { return old == nil ? [] : new.calls }
        return Array(new.calls.dropFirst(old.calls.count))
    }

    public static func render(_ s: HallDisplayState, asciiOnly: Bool = false) -> ScreenBuffer {
        var b = ScreenBuffer(size: s.size)
        b.asciiOnly = asciiOnly
        let w = s.size.width
        b.fill(Rect(x: 0, y: 0, width: w, height: 1), role: .header)
        b.put(fitting: " \(s.centre)", x: 0, y: 0, width: max(0, w - 18), role: .header)
        b.put(fitting: "\(s.now.clockText) \(s.now.date.vietnamese) ", x: max(0, w - 17), y: 0, width: 17, role: .header, alignRight: true)
        // One block per counter: its label, then its number in block digits (doubled on wide screens).
        let scale = w >= 160 && s.size.height >= 40 ? 2 : 1
        let blockWidth = BigText.width("A000", scale: scale) + 3
        let blockHeight = BigText.height * scale + 2
        let perRow = max(1, w / blockWidth)
        let callsRows = 4
        let maxRows = max(1, (s.size.height - 3 - callsRows) / blockHeight)
        for (i, counter) in s.counters.prefix(perRow * maxRows).enumerated() {
            let x = (i % perRow) * blockWidth + 1
            let y = 2 + (i / perRow) * blockHeight
            let current = s.queue.current(counter: counter.number)
            b.put(fitting: "QUẦY \(counter.number)", x: x, y: y, width: blockWidth - 4, role: .paneTitle)
            let text = current?.number ?? "----"
            let rows = current.map { BigText.lines($0.number, scale: scale, utf8: !asciiOnly) } ?? Array(repeating: "", count: BigText.height * scale)
            for (r, line) in rows.enumerated() { _ = b.put(line, x: x, y: y + 1 + r, role: .emphasis) }
            if current == nil { b.put(fitting: "(chưa gọi)", x: x, y: y + 3 * scale, width: blockWidth - 4, role: .muted) }
            _ = text
        }
        let calls = s.queue.lastCalls(8).map { "\($0.number)→\($0.counter)" }
        let callsY = s.size.height - callsRows
        b.horizontalRule(y: callsY - 1, x: 0, width: w, role: .border)
        b.put(fitting: " Vừa gọi: " + (calls.isEmpty ? "—" : calls.joined(separator: "  ")), x: 0, y: callsY, width: w, role: .normal)
        let waiting = s.queue.waiting()
        let perGroup = s.groups.compactMap { g -> String? in
            let n = waiting.filter { $0.group == g.letter }.count
            return n == 0 ? nil : "\(g.letter) \(g.name): \(n)"
        }
        b.put(fitting: " Đang chờ (\(waiting.count)): " + (perGroup.isEmpty ? "không có ai" : perGroup.joined(separator: " · ")),
              x: 0, y: callsY + 1, width: w, role: .normal)
        b.put(fitting: " Quý vị lỡ lượt: xem số vừa gọi ở trên và báo quầy để được gọi lại.", x: 0, y: callsY + 2, width: w, role: .muted)
        return b
    }
}
