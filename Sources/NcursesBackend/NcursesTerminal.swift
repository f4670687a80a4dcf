import CNcursesw
#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import TerminalUI

/// The only code that talks to ncurses: starts and restores the terminal, copies changed cells
/// of a `ScreenBuffer` to the screen, and turns `get_wch` results into `InputEvent`s.
public final class NcursesTerminal: TerminalBackend {
    public struct Options: Sendable {
        /// Milliseconds ncurses waits after Esc for the rest of a sequence (≤ 100 feels instant).
        public var escapeDelay: Int32 = 50
        /// False under NO_COLOR (the executable reads the environment, not this module).
        public var colorAllowed = true
        /// Mouse and touch presses reported as `Key.click` (the kiosk); off for the clerk's app.
        public var mouse = false
        public init() {}
    }

    public enum StartError: Error, CustomStringConvertible {
        case cannotAddressCursor(String)
        case noTerminal

        public var description: String {
            switch self {
            case .cannotAddressCursor(let term):
                return "Terminal \"\(term)\" không điều khiển được vị trí con trỏ nên không thể hiển thị giao diện. Hãy dùng TERM=xterm-256color (PuTTY: xterm) hoặc dùng các lệnh motcua list/show."
            case .noTerminal:
                return "Không mở được terminal (stdin/stdout không phải terminal?)"
            }
        }
    }

    public private(set) var hasColor = false
    public private(set) var isUTF8 = true
    private var screen: OpaquePointer?
    private var lastPresented: ScreenBuffer?
    private var active = false
    private var cursorVisible = false
    private var escapeDelay: Int32 = 50
    /// Reads that failed at once instead of waiting: a terminal that is gone returns EOF forever.
    private var immediateFailures = 0

    /// Starts on the process's own terminal.
    public init(options: Options = Options()) throws {
        configureLocale()
        guard let s = newterm(nil, stdoutStream(), stdinStream()) else { throw StartError.noTerminal }
        screen = s
        activeScreen = s
        guard nc_has_cup() != 0 else {
            endwin()
            delscreen(s)
            screen = nil
            throw StartError.cannotAddressCursor(String(cString: getenv("TERM") ?? strdup("?")))
        }
        setUp(options)
    }

    /// Starts on no terminal at all (`/dev/null`), for tests that read cells back (tig's trick).
    /// Keys are read from `input` when given (a pipe a test writes a terminal's bytes into).
    public init(headless size: Size, term: String = "xterm-256color", input: Int32? = nil, options: Options = Options()) throws {
        configureLocale()
        guard let out = fopen("/dev/null", "w"), let input = input.map({ fdopen($0, "r") }) ?? fopen("/dev/null", "r"),
              let s = newterm(term, out, input) else { throw StartError.noTerminal }
        screen = s
        activeScreen = s
        setUp(options)
        resizeterm(Int32(size.height), Int32(size.width))
    }

    private func configureLocale() {
        setlocale(LC_ALL, "")
        if !Self.codesetIsUTF8() {
            // A common SSH situation (LC_ALL=C): without this, Vietnamese is drawn as mojibake and typed input never arrives.
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        isUTF8 = Self.codesetIsUTF8()
    }

    static func codesetIsUTF8() -> Bool {
        let codeset = String(cString: nc_codeset()).uppercased()
        return codeset == "UTF-8" || codeset == "UTF8"
    }

    private func setUp(_ options: Options) {
        raw()                        // Ctrl-C, Ctrl-S, Ctrl-Q arrive as keys, not as signals or flow control
        noecho()
        nonl()
        keypad(nc_stdscr(), true)
        set_escdelay(options.escapeDelay)
        escapeDelay = options.escapeDelay
        curs_set(0)
        defineMissingKeys()
        if options.mouse {
            mousemask(nc_button1_mask(), nil)
            mouseinterval(0)                 // a press is reported at once, not after a click delay
        }
        // COLORS is only known after start_color().
        if options.colorAllowed && has_colors(), start_color() == OK, nc_colors() >= 8 {
            use_default_colors()
            for role in StyleRole.allCases {
                let style = Theme.style(role)
                init_pair(Int16(role.rawValue) + 1, style.foreground.rawValue, style.background.rawValue)
            }
            hasColor = true
        }
        active = true
    }

    /// Sequences PuTTY, the Linux console and some xterms send that terminfo may not list.
    private func defineMissingKeys() {
        let definitions: [(String, Int32)] = [
            ("\u{1B}[Z", KEY_BTAB), ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
        ]
        for (sequence, code) in definitions where key_defined(sequence) == 0 { define_key(sequence, code) }
        Self.defineFunctionKeys()
    }

    /// Binds every sequence of `functionKeySequences` to its F-key in the current screen, over
    /// whatever terminfo bound it to: putty's entry gives `ESC O P`…`ESC O S` (F1–F4 in PuTTY's
    /// "Xterm R6" and "VT100+" modes) to keypad keys, linux and screen give `ESC [ M` (SCO F1) to
    /// the mouse, which motcua does not use. (`define_key` removes the string's old binding first.)
    static func defineFunctionKeys() {
        for (sequence, key) in functionKeySequences where key_defined(sequence) != nc_key_f(Int32(key)) {
            define_key(sequence, nc_key_f(Int32(key)))
        }
    }

    public var size: Size { Size(width: Int(nc_cols()), height: Int(nc_lines())) }

    // MARK: - Output

    public func present(_ buffer: ScreenBuffer) {
        guard active else { return }
        let previous = lastPresented?.size == buffer.size ? lastPresented : nil
        if previous == nil { erase() }
        var chars = [wchar_t](repeating: 0, count: 6)
        var cell = cchar_t()
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                let c = buffer[x, y]
                if c.isContinuation { continue }
                if let previous, previous[x, y] == c, !(x + 1 < buffer.size.width && previous[x + 1, y] != buffer[x + 1, y]) { continue }
                var n = 0
                for scalar in c.character.unicodeScalars where n < 5 {
                    chars[n] = wchar_t(bitPattern: scalar.value)
                    n += 1
                }
                chars[n] = 0
                let (attributes, pair) = style(for: c.role)
                setcchar(&cell, chars, attributes, pair, nil)
                mvadd_wch(Int32(y), Int32(x), &cell)
            }
        }
        if let cursor = buffer.cursor {
            if !cursorVisible { curs_set(1); cursorVisible = true }
            move(Int32(cursor.y), Int32(cursor.x))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
        refresh()
        lastPresented = buffer
    }

    /// Forces a full repaint on the next `present` (Ctrl-L, after a resize).
    public func invalidate() {
        lastPresented = nil
        clearok(nc_stdscr(), true)
    }

    func style(for role: StyleRole) -> (attr_t, Int16) {
        let s = Theme.style(role)
        let wanted = hasColor ? s.attributes : s.monochrome
        var attributes = nc_a_normal()
        if wanted.contains(.bold) { attributes |= nc_a_bold() }
        if wanted.contains(.reverse) { attributes |= nc_a_reverse() }
        if wanted.contains(.underline) { attributes |= nc_a_underline() }
        if wanted.contains(.dim) { attributes |= nc_a_dim() }
        return (attributes, hasColor ? Int16(role.rawValue) + 1 : 0)
    }

    // MARK: - Input

    public func readEvent(timeoutMs: Int) -> InputEvent? {
        guard active else { return nil }
        wtimeout(nc_stdscr(), Int32(timeoutMs))
        var value: wint_t = 0
        var started = timespec()
        clock_gettime(CLOCK_MONOTONIC, &started)
        let result = wget_wch(nc_stdscr(), &value)
        if result == ERR && timeoutMs >= 20 {
            var ended = timespec()
            clock_gettime(CLOCK_MONOTONIC, &ended)
            let elapsedMs = (ended.tv_sec - started.tv_sec) * 1000 + (ended.tv_nsec - started.tv_nsec) / 1_000_000
            immediateFailures = elapsedMs < timeoutMs / 4 ? immediateFailures + 1 : 0
            if immediateFailures >= 10 {
                var attributes = termios()
                if tcgetattr(0, &attributes) != 0 { return .hangup }
                usleep(UInt32(timeoutMs) * 1000)           // never spin, whatever the reason
            }
            return nil
        }
        immediateFailures = 0
        if result == KEY_CODE_YES {
            if Int32(value) == KEY_RESIZE {
                invalidate()
                return .resize(size)
            }
            if Int32(value) == nc_key_mouse() {
                var event = MEVENT()
                guard getmouse(&event) == OK, event.bstate & nc_button1_press() != 0 else { return nil }
                return .key(.click(x: Int(event.x), y: Int(event.y)))
            }
            return .key(Self.decodeKeyCode(Int32(value)))
        }
        guard result == OK else { return nil }
        if value == 27 { return afterEscape() }
        return .key(Self.decodeCharacter(UInt32(value)))
    }

    /// After an Esc. ncurses hands back a sequence it does not know as Esc and then its bytes one by
    /// one (F6 under TERM=vt100: Esc, `[`, `1`, `7`, `~`). Whatever it has already read, or what
    /// arrives with the Esc, is looked at: `ESC [ parameters final-byte` and `ESC O x` are read whole
    /// and dropped (or become the F-key they stand for); anything else is put back and the Esc is an
    /// Esc. A person's Esc arrives alone (ncurses waited the escape delay), so it stays Esc, and a
    /// digit typed after it is still a digit.
    private func afterEscape() -> InputEvent? {
        var value: wint_t = 0
        wtimeout(nc_stdscr(), 0)
        let next = wget_wch(nc_stdscr(), &value)
        guard next == OK, value == 0x5B || value == 0x4F else {               // [ or O
            putBack(next, value)
            return .key(.escape)
        }
        var sequence: [UInt8] = [0x1B, UInt8(value)]
        wtimeout(nc_stdscr(), escapeDelay)                                     // the rest of a sequence split in transit
        while sequence.count < 32 {
            let result = wget_wch(nc_stdscr(), &value)
            guard result == OK, (0x20...0x7E).contains(value) else {
                putBack(result, value)                                         // a broken sequence: dropped, the key after it kept
                return nil
            }
            let byte = UInt8(value)
            sequence.append(byte)
            if sequence[1] == 0x4F { break }                                   // SS3: one byte
            if sequence.count == 3 && byte == 0x5B { continue }                // the Linux console's ESC [ [ A
            if (0x40...0x7E).contains(byte) { break }                          // CSI: the final byte
        }
        return Self.key(forSequence: String(decoding: sequence, as: UTF8.self)).map { .key($0) }
    }

    private func putBack(_ result: Int32, _ value: wint_t) {
        if result == KEY_CODE_YES { ungetch(Int32(value)) } else if result == OK { unget_wch(wchar_t(bitPattern: UInt32(value))) }
    }

    /// The key a sequence ncurses did not decode stands for: an F-key of xterm, PuTTY (every
    /// function-key mode), rxvt or the Linux console, or a cursor key; nil for any other.
    static func key(forSequence sequence: String) -> Key? {
        if let n = functionKeySequences.first(where: { $0.sequence == sequence })?.key { return .function(n) }
        let cursor: [String: Key] = ["A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end]
        let tilde: [String: Key] = ["1": .home, "2": .insert, "3": .delete, "4": .end, "5": .pageUp, "6": .pageDown]
        let bytes = Array(sequence.dropFirst())
        if bytes.count == 2, bytes[0] == "[" || bytes[0] == "O", let key = cursor[String(bytes[1])] { return key }
        if bytes.count == 3, bytes[0] == "[", bytes[2] == "~", let key = tilde[String(bytes[1])] { return key }
        return nil
    }

    /// Every sequence those terminals send for F1…F10, by mode.
    static let functionKeySequences: [(sequence: String, key: Int)] = {
        var all: [(String, Int)] = []
        let tilde = [11, 12, 13, 14, 15, 17, 18, 19, 20, 21]                      // xterm, PuTTY ESC[n~ and VT400, rxvt
        for (index, n) in tilde.enumerated() { all.append(("\u{1B}[\(n)~", index + 1)) }
        for (index, c) in "PQRSTUVWXY".enumerated() { all.append(("\u{1B}O\(c)", index + 1)) }   // xterm and Xterm R6: F1–F4; PuTTY VT100+: F1–F10
        for (index, c) in "ABCDE".enumerated() { all.append(("\u{1B}[[\(c)", index + 1)) }       // the Linux console, PuTTY Linux: F1–F5
        for (index, c) in "MNOPQRSTUV".enumerated() { all.append(("\u{1B}[\(c)", index + 1)) }   // PuTTY SCO
        return all
    }()

    static func decodeKeyCode(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case nc_key_f(1)...nc_key_f(12): return .function(Int(code - KEY_F0))
        default: return .unknown(code)
        }
    }

    static func decodeCharacter(_ value: UInt32) -> Key {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown(Int32(bitPattern: value)) }
            return .character(Character(scalar))
        }
    }

    // MARK: - Shutdown

    public func shutdown() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        if activeScreen == screen { activeScreen = nil }
        screen = nil
    }

    deinit { shutdown() }

    // MARK: - Test hooks

    /// Queues a key as if typed (ncurses returns them last in, first out).
    public func inject(keyCode: Int32) { ungetch(keyCode) }
    public func inject(character: UInt32) { unget_wch(wchar_t(bitPattern: character)) }

    /// The cell ncurses holds at (x, y): its text and colour pair (headless tests read the screen back).
    public func cellAt(x: Int, y: Int) -> (text: String, attributes: attr_t, pair: Int16) {
        var cell = cchar_t()
        mvin_wch(Int32(y), Int32(x), &cell)
        var chars = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        getcchar(&cell, &chars, &attributes, &pair, nil)
        let scalars = chars.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
        return (String(String.UnicodeScalarView(scalars)), attributes & ~nc_color_pair_mask(), pair)
    }

    /// ncurses' own wcwidth for a scalar, to check TextWidth against it.
    public static func systemWidth(_ scalar: Unicode.Scalar) -> Int { Int(nc_wcwidth(wchar_t(bitPattern: scalar.value))) }
}

/// The screen of the running `NcursesTerminal`, made current again after the doctor's probe.
/// ncurses' state is process-wide and used from one thread only.
nonisolated(unsafe) var activeScreen: OpaquePointer?

private func stdoutStream() -> UnsafeMutablePointer<FILE>? { fdopen(dup(1), "w") }
private func stdinStream() -> UnsafeMutablePointer<FILE>? { fdopen(dup(0), "r") }
