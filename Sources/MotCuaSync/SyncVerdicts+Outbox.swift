import MotCuaCore
import MotCuaStore

extension SyncVerdicts {
    /// DOSSIER_SYNC per dossier from the outbox: every event acknowledged within `withinMinutes`
    /// of being written, none parked, none still waiting longer than that at `now`. The same
    /// verdict as `sync status`'s on-time share, for every dossier rather than this month's.
    public init(store: Store, settings: SyncSettings, now: Instant, withinMinutes: Int = 15) throws {
        let state = try OutboxState.load(from: store, target: settings.target)
        let backlog = try SyncBacklog(store: store, state: state)
        let limit = Int64(withinMinutes) * 60
        var verdicts: [String: Bool] = [:]
        for (code, lag) in state.lags { verdicts[code] = lag.worstSeconds <= limit }
        for (code, oldest) in backlog.oldestByCode {
            verdicts[code] = (verdicts[code] ?? true) && now.seconds - oldest.seconds <= limit
        }
        for entry in state.parked { verdicts[entry.code] = false }
        self.init(onTimeByCode: verdicts, withinMinutes: withinMinutes)
    }
}
