import CNcursesw
import Synchronization
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The signal the main loop has not handled yet (0: none). A C handler can only store a number;
/// the loop, which wakes at least every few hundred milliseconds, does the real work.
private let pendingSignal = Atomic<Int32>(0)

/// Handlers in place before ours, to chain to after restoring the terminal on a crash.
private typealias SignalAction = sigaction
nonisolated(unsafe) private var previousActions = [SignalAction](repeating: SignalAction(), count: 65)

/// Restores the terminal on every way out: TERM, HUP (the SSH link dropped), INT and QUIT become
/// a request the loop answers (save the draft, leave cleanly); faults restore the screen first and
/// then let the previous handler (Swift's backtracer) run, so the report is readable.
public enum SignalTrap {
    public static let terminating: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    static let fatal: [Int32] = [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE]

    /// Install before the terminal starts. SIGWINCH is left to ncurses (installing our own would
    /// stop it from reporting resizes).
    public static func install() {
        // A parent may have left these blocked or ignored (Foundation's Process passes its mask on);
        // blocked, a resize or a hang-up would never arrive. ncurses installs its SIGWINCH handler
        // only over the default disposition.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in terminating + [SIGWINCH, SIGCONT, SIGTSTP] { sigaddset(&unblock, sig) }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        signal(SIGWINCH, SIG_DFL)
        for sig in terminating {
            var action = SignalAction()
            action.__sigaction_handler.sa_handler = { sig in pendingSignal.store(sig, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, &previousActions[Int(sig)])
        }
        for sig in fatal {
            var action = SignalAction()
            action.__sigaction_handler.sa_handler = { sig in
                endwin()
                sigaction(sig, &previousActions[Int(sig)], nil)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            sigaction(sig, &action, &previousActions[Int(sig)])
        }
    }

    /// The signal received since the last call, if any.
    public static func takePending() -> Int32? {
        let sig = pendingSignal.exchange(0, ordering: .relaxed)
        return sig == 0 ? nil : sig
    }

    /// Puts the default dispositions back (after the terminal is restored).
    public static func uninstall() {
        for sig in terminating + fatal { signal(sig, SIG_DFL) }
    }
}
