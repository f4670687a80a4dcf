import MotCuaCore
import TerminalUI

/// A key binding with the text the F-key bar and the help screen show: one table drives the
/// keys, the bar, the hints and the help, so the help always tells the truth.
public struct KeyBinding<Command: Equatable & Sendable>: Sendable {
    public let keys: [Key]
    public let command: Command
    /// Short label for the F-key bar.
    public let bar: String?
    public let help: String

    public init(_ keys: [Key], _ command: Command, bar: String? = nil, _ help: String) {
        self.keys = keys
        self.command = command
        self.bar = bar
        self.help = help
    }
}

/// One item of a hint line: the keys of some commands, then a short word for what they do
/// (`↑↓ chọn`, `Enter/F2 xác nhận`). The keys are read from the table, never written here.
public struct KeyHint<Command: Equatable & Sendable>: Sendable {
    public let commands: [Command]
    public let label: String
    /// Show every key of the (one) command's binding instead of the first key of each command.
    public let allKeys: Bool
    /// Between the keys (`/` in `Tab/↓`, ` hoặc ` in `F2 hoặc Ctrl-O`); arrows run together (`↑↓`)
    /// and three or more consecutive digits become a range (`1–8`).
    public let separator: String

    public init(_ commands: Command..., label: String, allKeys: Bool = false, separator: String = "/") {
        self.init(commands, label: label, allKeys: allKeys, separator: separator)
    }

    public init(_ commands: [Command], label: String, allKeys: Bool = false, separator: String = "/") {
        self.commands = commands
        self.label = label
        self.allKeys = allKeys
        self.separator = separator
    }
}

/// A table's title and its help lines, whatever its command type: for the help screen and the README.
public struct KeyReference: Sendable {
    public let title: String
    public let lines: [(keys: String, help: String)]
}

public struct KeyMapTable<Command: Equatable & Sendable>: Sendable {
    public let title: String
    public let bindings: [KeyBinding<Command>]

    public init(title: String, bindings: [KeyBinding<Command>]) {
        self.title = title
        self.bindings = bindings
    }

    public func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    /// The first binding of a command.
    public func binding(for command: Command) -> KeyBinding<Command>? {
        bindings.first { $0.command == command }
    }

    /// `(F2, Nhận)` pairs in order, for the bottom bar.
    public var barItems: [(key: String, label: String)] {
        bindings.compactMap { b in b.bar.map { (b.keys[0].label, $0) } }
    }

    /// Help lines: the keys, then what they do.
    public var helpLines: [(keys: String, help: String)] {
        bindings.map { ($0.keys.map(\.label).joined(separator: " / "), $0.help) }
    }

    public var reference: KeyReference { KeyReference(title: title, lines: helpLines) }

    /// The keys a hint item shows; empty when one of its commands has no binding here.
    public func keys(of hint: KeyHint<Command>) -> [Key] {
        let bindings = hint.commands.compactMap(binding(for:))
        guard bindings.count == hint.commands.count, !bindings.isEmpty else { return [] }
        return hint.allKeys ? bindings[0].keys : bindings.map { $0.keys[0] }
    }

    /// A hint line from the table: `↑↓ chọn  Enter mở`, `Enter: thoát   Esc: ở lại`. Items whose
    /// commands are not in the table are left out, so a hint never names a key that does nothing.
    public func hint(_ items: [KeyHint<Command>], key: String = " ", between: String = " · ") -> String {
        items.compactMap { item -> String? in
            let keys = keys(of: item)
            guard !keys.isEmpty else { return nil }
            let label = Key.hintLabel(keys, separator: item.separator)
            return item.label.isEmpty ? label : label + key + item.label
        }.joined(separator: between)
    }
}

extension Key {
    var isArrow: Bool {
        switch self {
        case .up, .down, .left, .right: return true
        default: return false
        }
    }

    /// Several keys as one label: `↑↓`, `1–8`, `Enter/F2`.
    static func hintLabel(_ keys: [Key], separator: String) -> String {
        let digits = keys.compactMap { key -> Int? in
            if case .character(let c) = key { return c.wholeNumberValue } else { return nil }
        }
        if keys.count >= 3, digits.count == keys.count, zip(digits, digits.dropFirst()).allSatisfy({ $1 == $0 + 1 }) {
            return "\(digits[0])–\(digits[digits.count - 1])"
        }
        var parts: [(label: String, arrow: Bool)] = []
        for key in keys {
            if key.isArrow, let last = parts.last, last.arrow {
                parts[parts.count - 1].label += key.label
            } else {
                parts.append((key.label, key.isArrow))
            }
        }
        return parts.map(\.label).joined(separator: separator)
    }
}
