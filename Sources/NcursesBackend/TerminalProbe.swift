import CNcursesw
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// What `motcua doctor` asks about the terminal and the locale, without starting a screen.
/// ncurses' terminal state is process-wide: call these from one thread, with no screen active.
public enum TerminalProbe {
    /// What terminfo says about a terminal type.
    public struct Capabilities: Sendable, Equatable {
        public enum Lookup: Sendable, Equatable { case found, notFound, noDatabase, hardcopy }
        public var lookup: Lookup
        /// `cup`: without it no full-screen program can run (TERM=dumb).
        public var cursorAddressing = false
        /// `colors`, or -1 when the entry does not say.
        public var colors = -1
        /// Which of F1…F10 ncurses does not decode from every sequence that stands for it (terminfo's
        /// `kf` string and what xterm and PuTTY send in each mode), once motcua has defined its keys.
        public var missingFunctionKeys: [Int] = []
    }

    /// Loads `term`'s terminfo entry with `setupterm` on /dev/null (no output, no screen), reads
    /// the capabilities, then frees the entry and puts back whatever was current.
    public static func capabilities(of term: String) -> Capabilities {
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        defer { if devNull >= 0 { close(devNull) } }
        let previous = set_curterm(nil)
        defer { set_curterm(previous) }
        var error: Int32 = 0
        // With an error pointer setupterm reports instead of printing and exiting.
        guard setupterm(term, devNull, &error) == OK else {
            switch error {
            case 1: return Capabilities(lookup: .hardcopy)
            case -1: return Capabilities(lookup: .noDatabase)
            default: return Capabilities(lookup: .notFound)
            }
        }
        var result = Capabilities(lookup: .found)
        result.cursorAddressing = hasString("cup")
        let colors = tigetnum("colors")
        result.colors = colors >= 0 ? Int(colors) : -1
        let declared = (1...10).map { tigetstr("kf\($0)").flatMap { hasString("kf\($0)") ? String(cString: $0) : nil } }
        if let loaded = set_curterm(previous) { del_curterm(loaded) }
        if result.cursorAddressing {
            result.missingFunctionKeys = undecodedFunctionKeys(of: term, declared: declared)
        } else {
            result.missingFunctionKeys = Array(1...10)
        }
        return result
    }

    /// Starts a screen of `term` on /dev/null, defines the keys as the terminal UI does, and asks
    /// ncurses (`key_defined`) what each F-key sequence decodes to; then puts the running screen back.
    private static func undecodedFunctionKeys(of term: String, declared: [String?]) -> [Int] {
        guard let out = fopen("/dev/null", "w") else { return Array(1...10) }
        guard let input = fopen("/dev/null", "r") else { fclose(out); return Array(1...10) }
        defer { fclose(out); fclose(input) }
        guard let probe = newterm(term, out, input) else { return Array(1...10) }
        defer {
            delscreen(probe)
            if let activeScreen { set_term(activeScreen) }
        }
        NcursesTerminal.defineFunctionKeys()
        return (1...10).filter { key in
            let sequences = NcursesTerminal.functionKeySequences.filter { $0.key == key }.map(\.sequence) + [declared[key - 1]].compactMap { $0 }
            return sequences.contains { key_defined($0) != nc_key_f(Int32(key)) }
        }
    }

    /// tigetstr answers NULL for an absent capability and (char *)-1 for a name that is not a string one.
    private static func hasString(_ name: String) -> Bool {
        guard let value = tigetstr(name) else { return false }
        return UnsafeMutableRawPointer(value) != UnsafeMutableRawPointer(bitPattern: -1)
    }

    /// What `setlocale(LC_ALL, "")` made of the environment.
    public struct LocaleState: Sendable, Equatable {
        /// False when the locale the environment names is not installed.
        public var accepted: Bool
        /// `nl_langinfo(CODESET)`: `UTF-8`, or `ANSI_X3.4-1968` for the C locale.
        public var codeset: String
        /// C.UTF-8 exists, so motcua can fall back to it.
        public var fallbackAvailable: Bool
    }

    /// Applies the environment's locale (as the terminal UI does) and tests the C.UTF-8 fallback,
    /// leaving LC_CTYPE as the environment set it.
    public static func locale() -> LocaleState {
        let accepted = setlocale(LC_ALL, "") != nil
        let codeset = String(cString: nc_codeset())
        let current = String(cString: setlocale(LC_CTYPE, nil))
        let fallback = setlocale(LC_CTYPE, "C.UTF-8") != nil
        setlocale(LC_CTYPE, current)
        return LocaleState(accepted: accepted, codeset: codeset, fallbackAvailable: fallback)
    }

    /// Columns and rows of the terminal on `fd`, or nil when it is not a terminal.
    public static func windowSize(fd: Int32) -> (columns: Int, rows: Int)? {
        guard isatty(fd) == 1 else { return nil }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
