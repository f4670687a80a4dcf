import MotCuaCore
import MotCuaDesk
import MotCuaStore

/// An open store with the acting official and the time, as every store command needs, and the
/// desk through which the commands shared with the terminal app run.
struct StoreContext {
    let store: Store
    let actor: Actor
    let now: Instant
    let desk: Desk

    static func open(_ selection: StoreSelection, history: HistoryLoading = .all) throws -> StoreContext {
        let store = try Store.open(at: selection.directory, history: history)
        return try StoreContext(store: store, actAs: selection.actAs)
    }

    init(store: Store, actAs: String?) throws {
        self.store = store
        try store.checkOverrides(clock: Environment.clockOverride != nil, user: Environment.userOverride != nil)
        now = try Clock.current().now
        guard let login = Environment.userOverride ?? ProcessIdentity.login else {
            throw CLIError.failure("Không xác định được tài khoản hệ điều hành đang chạy motcua")
        }
        actor = try store.actor(login: login, actingAs: actAs, terminal: ProcessIdentity.terminal(environment: Environment.values))
        desk = Desk(store: store, actor: actor)
        desk.userFiles = .asUser
    }

    var deadlineClock: DeadlineClock { DeadlineClock(now: now, calendar: store.calendar) }
}
