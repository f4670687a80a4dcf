/// A key as the app sees it, whatever the terminal sent.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl + a letter, as the lowercase letter.
    case control(Character)
    /// A press of the first mouse button, or a touch, at a cell (column `x`, row `y`, from 0).
    /// Backends report it only when mouse input was asked for (the kiosk): it never steals the
    /// clerk's text selection.
    case click(x: Int, y: Int)
    case unknown(Int32)

    /// `F2`, `Enter`, `Ctrl-O`, `/`: for the key bar and the help screen.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(String(c).uppercased())"
        case .click: return "Chuột"
        case .unknown(let code): return "#\(code)"
        }
    }
}

/// What a backend reports.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(Size)
    /// The terminal went away (an SSH link dropped without a SIGHUP reaching us).
    case hangup
}

/// The only thing the app knows about a terminal.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Whether the terminal shows colours (false under TERM=vt100 or NO_COLOR).
    var hasColor: Bool { get }
    /// Whether the locale is UTF-8 (else boxes are drawn in ASCII).
    var isUTF8: Bool { get }
    /// Shows `buffer`, sending only what changed since the last call.
    func present(_ buffer: ScreenBuffer)
    /// The next event, or nil after `timeoutMs` milliseconds.
    func readEvent(timeoutMs: Int) -> InputEvent?
    /// Forces a full repaint on the next `present` (Ctrl-L, after a resize).
    func invalidate()
    /// Gives the terminal back as it was.
    func shutdown()
}

/// A terminal in memory: scripted input, every presented frame kept. For tests and benchmarks.
public final class InMemoryBackend: TerminalBackend {
    public private(set) var size: Size
    public var hasColor = true
    public var isUTF8 = true
    public private(set) var frames: [ScreenBuffer] = []
    public var pending: [InputEvent] = []
    public private(set) var isShutDown = false

    public init(size: Size) { self.size = size }

    public var lastFrame: ScreenBuffer? { frames.last }

    public func present(_ buffer: ScreenBuffer) {
        frames.append(buffer)
        if frames.count > 4 { frames.removeFirst() }
    }

    public func readEvent(timeoutMs: Int) -> InputEvent? {
        guard !pending.isEmpty else { return nil }
        let event = pending.removeFirst()
        if case .resize(let s) = event { size = s }
        return event
    }

    public func invalidate() {}
    public func type(_ text: String) { pending += text.map { .key(.character($0)) } }
    public func press(_ keys: Key...) { pending += keys.map { .key($0) } }
    public func shutdown() { isShutDown = true }
}
