import MotCuaCore
import TerminalUI

/// The hall's ticket terminal (`motcua kiosk`): big choices by group, a key letter or a touch
/// (`Key.click`) takes a ticket, which is shown large and printed. Pure state, update, render;
/// the runtime issues the ticket through the desk and runs the printer. No personal data here.
public struct KioskState: Equatable, Sendable {
    public struct Shown: Equatable, Sendable {
        public var number: String
        public var groupName: String
        public var ahead: Int
        public var at: Instant
        public var printed: String?

        public init(number: String, groupName: String, ahead: Int, at: Instant, printed: String?) {
            self.number = number
            self.groupName = groupName
            self.ahead = ahead
            self.at = at
            self.printed = printed
        }
    }

    public var size: Size
    public var centre: String
    public var groups: [QueueGroup]
    public var priority = false
    public var shown: Shown?
    public var message: String?
    public var now: Instant

    public init(size: Size, centre: String, groups: [QueueGroup], now: Instant) {
        self.size = size
        self.centre = centre
        self.groups = groups
        self.now = now
    }
}

public enum KioskAction: Equatable, Sendable {
    case none, quit
    case issue(group: String, priority: Bool)
}

public enum KioskScreen {
    /// The ticket stays on screen this long (or until the next touch).
    public static let showSeconds: Int64 = 15
    static let tileHeight = 3
    static let firstTileRow = 3

    public static func update(_ state: inout KioskState, key: Key) -> KioskAction {
        if state.shown != nil, key != .function(10) {
            state.shown = nil                                  // any touch dismisses the ticket shown
            if case .click = key { return .none }
        }
        switch key {
        case .function(10): return .quit
        case .character("*"), .character(" "):
            state.priority.toggle()
            return .none
        case .character(let c):
            guard let g = state.groups.first(where: { $0.letter == String(c).uppercased() }) else { return .none }
            return issue(&state, g)
        case .click(let x, let y):
            if y == priorityRow(state) { state.priority.toggle(); return .none }
            guard let g = group(atX: x, y: y, in: state) else { return .none }
            return issue(&state, g)
        default: return .none
        }
    }

    private static func issue(_ state: inout KioskState, _ g: QueueGroup) -> KioskAction {
        let priority = state.priority
        state.priority = false
        state.message = nil
        return .issue(group: g.letter, priority: priority)
    }

    /// Time passes: a ticket shown long enough goes away.
    public static func tick(_ state: inout KioskState, now: Instant) {
        state.now = now
        if let shown = state.shown, now.seconds - shown.at.seconds >= showSeconds { state.shown = nil }
    }

    static func columns(_ state: KioskState) -> Int { state.size.width >= 60 ? 2 : 1 }

    /// The tile of each group: two columns from 60 cells wide, rows of three lines.
    static func tile(_ index: Int, in state: KioskState) -> Rect {
        let cols = columns(state)
        let width = (state.size.width - 2 - (cols - 1) * 2) / cols
        return Rect(x: 1 + (index % cols) * (width + 2), y: firstTileRow + (index / cols) * tileHeight, width: width, height: tileHeight)
    }

    static func priorityRow(_ state: KioskState) -> Int {
        let rows = (state.groups.count + columns(state) - 1) / columns(state)
        return firstTileRow + rows * tileHeight + 1
    }

    /// The group whose tile holds the cell (x, y), for a touch.
    public static func group(atX x: Int, y: Int, in state: KioskState) -> QueueGroup? {
        state.groups.indices.first { i in
            let r = tile(i, in: state)
            return x >= r.x && x < r.maxX && y >= r.y && y < r.y + r.height
        }.map { state.groups[$0] }
    }

    public static func render(_ state: KioskState, asciiOnly: Bool = false) -> ScreenBuffer {
        var b = ScreenBuffer(size: state.size)
        b.asciiOnly = asciiOnly
        let w = state.size.width
        b.fill(Rect(x: 0, y: 0, width: w, height: 1), role: .header)
        b.put(fitting: " LẤY SỐ THỨ TỰ · \(state.centre)", x: 0, y: 0, width: w, role: .header)
        b.put(fitting: " Chạm vào lĩnh vực hoặc bấm chữ cái của lĩnh vực", x: 0, y: 1, width: w, role: .label)
        if let shown = state.shown { return renderTicket(shown, state: state, into: &b) }
        for (i, g) in state.groups.enumerated() {
            let r = tile(i, in: state)
            b.frame(r, role: .border)
            b.put(fitting: " \(g.letter)  \(g.name)", x: r.x + 1, y: r.y + 1, width: r.width - 2, role: .emphasis)
        }
        let mark = state.priority ? "[x]" : "[ ]"
        b.put(fitting: " \(mark) Ưu tiên: người cao tuổi, người khuyết tật, phụ nữ có thai (bấm *)", x: 0, y: priorityRow(state),
              width: w, role: state.priority ? .selected : .normal)
        if let m = state.message { b.put(fitting: " " + m, x: 0, y: state.size.height - 1, width: w, role: .error) }
        return b
    }

    private static func renderTicket(_ shown: KioskState.Shown, state: KioskState, into b: inout ScreenBuffer) -> ScreenBuffer {
        let w = state.size.width
        b.put(fitting: "SỐ THỨ TỰ CỦA BẠN", x: max(0, (w - 17) / 2), y: 4, width: 17, role: .emphasis)
        let big = BigText.lines(shown.number, utf8: !b.asciiOnly)
        let x = max(0, (w - BigText.width(shown.number)) / 2)
        for (i, line) in big.enumerated() { _ = b.put(line, x: x, y: 6 + i, role: .emphasis) }
        let lines = ["Lĩnh vực: \(shown.groupName)", "Lấy số lúc \(shown.at.clockText) · \(shown.ahead) người chờ trước",
                     shown.printed ?? "", "Vui lòng chờ gọi số trên màn hình"]
        for (i, line) in lines.enumerated() {
            let width = TextWidth.of(line)
            b.put(fitting: line, x: max(0, (w - width) / 2), y: 12 + i, width: min(w, width), role: .normal)
        }
        return b
    }

    /// The paper ticket for a 32-column thermal printer (`lp` reads it on stdin).
    public static func slip(number: String, groupName: String, centre: String, at: Instant, ahead: Int, priority: Bool) -> String {
        let width = 32
        func clean(_ s: String) -> String { String(s.unicodeScalars.filter { $0.properties.generalCategory != .control }.map(Character.init)) }
        func center(_ s: String) -> [String] {
            TextWidth.wrap(clean(s), to: width).map { line in String(repeating: " ", count: max(0, (width - TextWidth.of(line)) / 2)) + line }
        }
        let rule = String(repeating: "=", count: width)
        var lines = [rule] + center(centre) + ["", ] + center("SỐ THỨ TỰ")
        lines += BigText.lines(number, utf8: false).map { String(repeating: " ", count: max(0, (width - $0.count) / 2)) + $0 }
        lines += [""] + center("Số \(number)") + center("Lĩnh vực: \(groupName)") + (priority ? center("(Ưu tiên)") : [])
        lines += center("Lấy số: \(at.clockText) \(at.date.vietnamese)") + center("Trước bạn: \(ahead) người")
        lines += center("Vui lòng chờ gọi số") + [rule, "", ""]
        return lines.map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "" : $0 }.joined(separator: "\n") + "\n"
    }
}

import Foundation
