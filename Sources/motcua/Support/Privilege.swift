#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation

/// motcua installed set-group-ID to the store's service group (`root:motcua`, mode 2755), as
/// `crontab` and `mail` are: the officials are not in the group, so the store's files are theirs
/// only through this program. Everything a user chooses — a store path, an output file, the
/// terminal's description — is handled with the user's own rights or not at all.
/// See Docs/SECURITY.md and Docs/DEPLOYMENT.md §3.
enum Privilege {
    /// Running with the service group as effective group (getegid() != getgid()).
    static var isElevated: Bool { getegid() != getgid() }

    /// Set when the group was dropped because the user named a store path (`--data`, `MOTCUA_DATA`, demo).
    nonisolated(unsafe) static var droppedForUserPath = false

    /// The variables through which a user could make a privileged ncurses (or the C library)
    /// read files they chose: ignored when elevated.
    static let unsafeVariables = ["TERMINFO", "TERMINFO_DIRS", "TERMCAP", "TERMPATH", "NCURSES_TRACE", "NCURSES_NO_SETBUF",
                                  "TMPDIR", "LOCPATH", "NLSPATH", "GCONV_PATH", "HOSTALIASES", "MALLOC_CHECK_"]

    /// First thing at start, before anything reads the environment or a file.
    static func hardenAtStart(arguments: [String]) {
        guard isElevated else { return }
        // No core dump or ptrace of a process that holds the store's group.
        _ = prctlDumpable(0)
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &none)
        for name in unsafeVariables { unsetenv(name) }
        if let term = getenv("TERM").map({ String(cString: $0) }), !isPlainTerminalName(term) { setenv("TERM", "vt100", 1) }
        if userChoosesPath(arguments: arguments, environment: Environment.values) {
            dropPermanently()
            droppedForUserPath = true
        } else {
            umask(0o007)    // files this clerk's process adds to the store stay the group's (0660, 2770)
        }
    }

    /// `--data`/`MOTCUA_DATA` name a store the user owns (training, a copy); `demo` makes one in
    /// their home. Any of them, anywhere on the command line: the group is dropped before the path
    /// is touched (a false positive only costs the privilege, never grants it).
    static func userChoosesPath(arguments: [String], environment: [String: String]) -> Bool {
        if let data = environment["MOTCUA_DATA"], !data.isEmpty { return true }
        let words = arguments.dropFirst()
        if words.contains(where: { $0 == "--data" || $0.hasPrefix("--data=") }) { return true }
        return words.first(where: { !$0.hasPrefix("-") }) == "demo"
    }

    /// Gives up the service group for good: setregid with the real group sets the real, effective
    /// and saved IDs; that the service group can no longer be taken back is checked (root can take
    /// any group, so for root the check would undo the drop).
    static func dropPermanently() {
        let gid = getgid(), service = getegid()
        guard setregid(gid, gid) == 0, getegid() == gid, getuid() == 0 || setegid(service) != 0 else {
            Console.error("motcua: không bỏ được quyền nhóm (setregid: \(String(cString: strerror(errno))))")
            exit(1)
        }
    }

    /// Runs `body` with the user's own group, for writes to a path the user named (`--output`),
    /// then takes the service group back (it stays the saved group ID).
    static func withUserRights<T>(_ body: () throws -> T) rethrows -> T {
        guard isElevated else { return try body() }
        let service = getegid()
        guard setegid(getgid()) == 0 else {
            Console.error("motcua: không bỏ được quyền nhóm (setegid: \(String(cString: strerror(errno))))")
            exit(1)
        }
        defer { _ = setegid(service) }
        return try body()
    }

    /// A terminal type is a name in the terminfo database: letters, digits and `.+-_`.
    static func isPlainTerminalName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.utf8.allSatisfy { b in
            (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == 46 || b == 43 || b == 45 || b == 95
        }
    }

    /// `prctl(PR_SET_DUMPABLE, value)`: prctl is variadic in C, so Swift cannot import it; looked up by name.
    private static func prctlDumpable(_ value: UInt) -> Int32 {
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard let program = dlopen(nil, RTLD_NOW) else { return -1 }
        defer { dlclose(program) }
        guard let symbol = dlsym(program, "prctl") else { return -1 }
        return unsafeBitCast(symbol, to: Prctl.self)(4 /* PR_SET_DUMPABLE */, value, 0, 0, 0)
    }
}
