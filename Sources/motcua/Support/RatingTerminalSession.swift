import Foundation
import MotCuaCore
import MotCuaDesk
import MotCuaStore
import MotCuaTUI
import NcursesBackend
import TerminalUI

/// Runs a counter's rating device on this terminal, as `TerminalSession` runs the clerk's app.
enum RatingTerminalSession {
    static func run(_ context: StoreContext, counter: Int) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError.failure("Thiết bị đánh giá cần một terminal. Trong kịch bản hãy dùng: motcua rate MÃ --level …")
        }
        let store = context.store
        let log = StderrLog(path: store.logPath(login: context.actor.login))
        SignalTrap.install()
        var options = NcursesTerminal.Options()
        options.colorAllowed = Environment.values["NO_COLOR"].map(\.isEmpty) ?? true
        options.mouse = true                 // a touch screen at the counter: a press on a box rates
        let backend: NcursesTerminal
        do {
            backend = try NcursesTerminal(options: options)
        } catch let error as NcursesTerminal.StartError {
            SignalTrap.uninstall()
            throw CLIError.failure(error.description)
        }
        log.start()
        let started = Date()
        let baseNow = context.now
        let device = RatingDevice(desk: Desk(store: store, actor: context.actor), counter: counter, backend: backend,
                                  clock: { baseNow.adding(seconds: Int64(Date().timeIntervalSince(started))) },
                                  pendingSignal: SignalTrap.takePending,
                                  log: { FileHandle.standardError.write(Data(("motcua rate: " + $0 + "\n").utf8)) })
        device.run()
        backend.shutdown()
        SignalTrap.uninstall()
        log.stop()
    }
}
