import MotCuaCore
import MotCuaStore
import MotCuaSync

extension Desk {
    /// The supervisor screen's warning when the portal sync is behind (something parked, or an
    /// event waiting longer than 15 minutes); nil when it is not, or sync is not configured.
    public func syncBehindLine(at now: Instant) -> String? {
        guard let settings = (try? SyncSettings.load(from: store)) ?? nil else { return nil }
        return (try? SyncStatusReport(store: store, settings: settings, now: now))?.behindLine
    }
}
