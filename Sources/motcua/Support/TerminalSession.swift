import Foundation
import MotCuaCore
import MotCuaDesk
import MotCuaStore
import MotCuaTUI
import NcursesBackend
import TerminalUI

/// Runs the terminal app on this process's terminal and gives the terminal back on every exit path.
enum TerminalSession {
    static func run(_ context: StoreContext, greeting: String? = nil, counter: Int? = nil) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError.failure("Giao diện cần một terminal. Trong kịch bản hãy dùng: motcua list, motcua show, motcua overdue.")
        }
        let store = context.store
        let log = StderrLog(path: store.logPath(login: context.actor.login))
        SignalTrap.install()
        var options = NcursesTerminal.Options()
        options.colorAllowed = Environment.values["NO_COLOR"].map(\.isEmpty) ?? true
        if let delay = Environment.values["ESCDELAY"].flatMap(Int32.init), (10...1000).contains(delay) { options.escapeDelay = delay }
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
        let desk = Desk(store: store, actor: context.actor)
        desk.userFiles = .asUser
        let app = App(desk: desk, backend: backend,
                      clock: { baseNow.adding(seconds: Int64(Date().timeIntervalSince(started))) },
                      pendingSignal: SignalTrap.takePending, greeting: greeting, counter: counter)
        app.run()
        backend.shutdown()
        SignalTrap.uninstall()
        log.stop()
        do { try store.checkpoint() } catch {
            // The index is derived: the next open rebuilds what this snapshot would have saved.
            Console.error("motcua: không ghi được ảnh chỉ mục (\(error)); lần mở sau sẽ đọc lại nhật ký")
        }
    }
}
