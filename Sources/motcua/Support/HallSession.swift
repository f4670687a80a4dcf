import Foundation
import MotCuaCore
import MotCuaDesk
import NcursesBackend
import TerminalUI

/// The kiosk's and the hall screen's terminal: ncurses started (with the mouse when asked),
/// a loop that wakes every 250 ms so another process's call shows within a second, and the
/// terminal given back on every exit path (signals included).
enum HallSession {
    static func run(mouse: Bool, step: (NcursesTerminal, Bool) -> Bool) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw CLIError.failure("Màn hình này cần một terminal") }
        SignalTrap.install()
        // A printer or speaker that exits early must not take the kiosk down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var options = NcursesTerminal.Options()
        options.colorAllowed = Environment.values["NO_COLOR"].map(\.isEmpty) ?? true
        options.mouse = mouse
        let backend: NcursesTerminal
        do { backend = try NcursesTerminal(options: options) } catch let error as NcursesTerminal.StartError {
            SignalTrap.uninstall()
            throw CLIError.failure(error.description)
        }
        defer {
            backend.shutdown()
            SignalTrap.uninstall()
        }
        var first = true
        while SignalTrap.takePending() == nil {
            guard step(backend, first) else { break }
            first = false
        }
    }

    /// Runs `command` (words split on spaces, no shell) with `input` on stdin and `argument` last,
    /// without waiting: the screen never blocks on a printer or a speaker. `done` gets the status.
    static func launch(_ command: String, argument: String? = nil, input: String? = nil,
                       done: @escaping @Sendable (Int32) -> Void = { _ in }) {
        let words = command.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = words + (argument.map { [$0] } ?? [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : pipe
        let bytes = Data((input ?? "").utf8)
        DispatchQueue.global().async {
            do { try process.run() } catch { done(127); return }
            if input != nil {
                try? pipe.fileHandleForWriting.write(contentsOf: bytes)
                try? pipe.fileHandleForWriting.close()
            }
            process.waitUntilExit()
            done(process.terminationStatus)
        }
    }
}

/// A value handed from a background thread to the loop.
final class Mailbox<T: Sendable>: @unchecked Sendable {
    private var items: [T] = []
    private let lock = NSLock()
    func put(_ item: T) { lock.withLock { items.append(item) } }
    func take() -> [T] { lock.withLock { defer { items = [] }; return items } }
}
