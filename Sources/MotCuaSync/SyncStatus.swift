import MotCuaCore
import MotCuaStore

/// The events the portal has not acknowledged yet (parked dossiers' apart), read from the journal.
public struct SyncBacklog: Sendable {
    public var pending = 0
    public var oldest: Instant?
    /// The oldest unacknowledged event of each dossier.
    public var oldestByCode: [String: Instant] = [:]

    public init(store: Store, state: OutboxState) throws {
        for event in try store.dossierEvents(after: state.lastSeq, from: state.segment)
        where PortalStatus.mapping(for: event.event.kind) != nil && state.parkedEntry(event.code) == nil {
            pending += 1
            oldest = oldest.map { min($0, event.at) } ?? event.at
            oldestByCode[event.code] = oldestByCode[event.code].map { min($0, event.at) } ?? event.at
        }
    }
}

/// `motcua sync status`: how far behind the portal is, and the DOSSIER_SYNC share.
public struct SyncStatusReport: Sendable {
    public var configured: Bool
    public var pending: Int
    public var parked: [OutboxState.Parked]
    public var oldestPendingAgeSeconds: Int64
    public var lastSuccess: Instant?
    /// Of the dossiers with an event this month (Vietnam time), the share whose every event
    /// reached the portal within `withinMinutes` (a pending event not yet that old still may).
    public var onTimeShare: Double
    public var withinMinutes: Int

    public init(store: Store, settings: SyncSettings?, now: Instant, withinMinutes: Int = 15) throws {
        configured = settings != nil
        self.withinMinutes = withinMinutes
        let state = try settings.map { try OutboxState.load(from: store, target: $0.target) } ?? OutboxState(target: "")
        let backlog = try SyncBacklog(store: store, state: state)
        pending = backlog.pending
        parked = state.parked
        oldestPendingAgeSeconds = backlog.oldest.map { max(0, now.seconds - $0.seconds) } ?? 0
        lastSuccess = state.lastSuccess
        let limit = Int64(withinMinutes) * 60
        let month = (now.date.year, now.date.month)
        func inPeriod(_ instant: Instant) -> Bool { (instant.date.year, instant.date.month) == month }
        var verdicts: [String: Bool] = [:]
        for (code, lag) in state.lags where inPeriod(lag.lastEventAt) { verdicts[code] = lag.worstSeconds <= limit }
        for (code, oldest) in backlog.oldestByCode {
            verdicts[code] = (verdicts[code] ?? true) && now.seconds - oldest.seconds <= limit
        }
        for entry in state.parked { verdicts[entry.code] = false }
        onTimeShare = verdicts.isEmpty ? 1 : Double(verdicts.values.filter { $0 }.count) / Double(verdicts.count)
    }

    /// Behind: something parked, or an event waiting longer than the on-time limit.
    public var isBehind: Bool { !parked.isEmpty || oldestPendingAgeSeconds > Int64(withinMinutes) * 60 }

    public var json: JSONText {
        .object([
            ("pending", .int(Int64(pending))),
            ("parked", .array(parked.map { .object([("code", .string($0.code)), ("reason", .string($0.reason))]) })),
            ("oldestPendingAgeSeconds", .int(oldestPendingAgeSeconds)),
            ("lastSuccess", lastSuccess.map { .string($0.iso8601) } ?? .null),
            ("onTimeShare", .double((onTimeShare * 10000).rounded() / 10000)),
        ])
    }

    /// One line for doctor and the supervisor screen; nil when nothing is behind.
    public var behindLine: String? {
        guard configured, isBehind else { return nil }
        var parts: [String] = []
        if pending > 0 { parts.append("\(pending) sự kiện chờ gửi, cũ nhất \(Self.age(oldestPendingAgeSeconds))") }
        if !parked.isEmpty { parts.append("\(parked.count) hồ sơ bị Cổng từ chối") }
        return "Đồng bộ Cổng DVCQG chậm: " + parts.joined(separator: "; ")
    }

    static func age(_ seconds: Int64) -> String {
        seconds >= 3600 ? "\(seconds / 3600) giờ \(seconds / 60 % 60) phút" : "\(seconds / 60) phút"
    }
}
