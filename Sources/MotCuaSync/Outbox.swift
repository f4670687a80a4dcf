import MotCuaCore
import MotCuaStore

/// The outbox: a projection of the journal onto the portal. Each dossier event the portal cares
/// about becomes a `DongBoHoSoMC` (the dossier as it stood after the event) and a
/// `CapNhatTienDoHoSoMC` row, sent in journal order; the cursor in `sync/outbox.json` moves
/// only after the portal acknowledged both, and is made durable before the next event is sent.
/// A kill at any point re-sends at most that one event.
public final class Outbox {
    public struct PushResult: Sendable, Equatable {
        public var sent = 0
        public var pending = 0
        public var parked = 0
        public var lastSeq: Int64 = 0
        /// Why sending stopped early, when it did.
        public var stopped: String?

        public var json: JSONText {
            .object([("sent", .int(Int64(sent))), ("pending", .int(Int64(pending))), ("parked", .int(Int64(parked))), ("lastSeq", .int(lastSeq))])
        }
    }

    let store: Store
    let settings: SyncSettings
    let client: PortalClient
    let now: () -> Instant
    public private(set) var state: OutboxState
    private var histories: [String: [RecordedEvent]] = [:]

    public init(store: Store, settings: SyncSettings, client: PortalClient, now: @escaping () -> Instant) throws {
        self.store = store
        self.settings = settings
        self.client = client
        self.now = now
        state = try OutboxState.load(from: store, target: settings.target)
    }

    var names: PortalMessage.Names {
        let catalogue = store.catalogue, users = store.users
        return PortalMessage.Names(unit: store.config.name, department: { catalogue.department($0)?.name },
                                   official: { users.user($0)?.name })
    }

    /// Sends everything after the cursor, then retries parked dossiers that have changed since.
    /// Nil when another sender holds the outbox.
    public func push(retryParked: Bool = false) throws -> PushResult? {
        try store.asOnlySender { try pushAlone(retryParked: retryParked) }
    }

    private func pushAlone(retryParked: Bool) throws -> PushResult {
        try store.refresh()
        state = try OutboxState.load(from: store, target: settings.target)
        histories = [:]
        var result = PushResult()
        let events = try store.dossierEvents(after: state.lastSeq, from: state.segment)
        if retryParked {
            for entry in state.parked where result.stopped == nil {
                result.stopped = try resend(parked: entry.code, through: state.lastSeq, result: &result)
            }
        }
        for event in events where result.stopped == nil {
            if PortalStatus.mapping(for: event.event.kind) == nil || event.code.isEmpty {
                state.advance(to: event)
                continue
            }
            if state.parkedEntry(event.code) != nil {
                // A change to a refused dossier is the clerk's correction: try it again, in order.
                result.stopped = try resend(parked: event.code, through: event.seq, result: &result)
                if result.stopped == nil { state.advance(to: event) }
                continue
            }
            switch try send(event) {
            case .sent:
                result.sent += 1
                state.advance(to: event)
                try state.save(to: store)
            case .parked:
                state.advance(to: event)
                try state.save(to: store)
            case .stopped(let why):
                result.stopped = why
            }
        }
        if result.stopped == nil { try state.save(to: store) }
        let counts = try pendingCounts()
        result.pending = counts.pending
        result.parked = state.parked.count
        result.lastSeq = state.lastSeq
        return result
    }

    enum Sent { case sent, parked, stopped(String) }

    /// One event: the dossier record (create or update), then the progress row.
    func send(_ event: RecordedEvent) throws -> Sent {
        let history = try self.history(event.code).filter { $0.seq <= event.seq }
        guard !history.isEmpty, let dossier = try? Dossier(events: history) else {
            park(event, reason: "hồ sơ hỏng trong nhật ký, không dựng lại được")
            return .parked
        }
        if state.recordSentFor != event.seq {
            let updating = state.known.contains(event.code)
            var answer = client.call(PortalMessage.dossierService, dossierFields(dossier, updating: updating))
            if answer == .alreadyExists && !updating {
                answer = client.call(PortalMessage.dossierService, dossierFields(dossier, updating: true))
            }
            switch answer {
            case .ok, .alreadyExists:
                state.known.insert(event.code)
                state.recordSentFor = event.seq
                try state.save(to: store)
            case .refused(let reason):
                park(event, reason: reason)
                return .parked
            case .unavailable(let why):
                return .stopped(why)
            }
        }
        if let row = PortalMessage.progressRow(dossier, names: names) {
            switch client.call(PortalMessage.progressService, [("data", .array([row]))]) {
            case .ok, .alreadyExists: break
            case .refused(let reason):
                park(event, reason: reason)
                return .parked
            case .unavailable(let why):
                return .stopped(why)
            }
        }
        state.recordSentFor = nil
        state.acknowledge(event, now: now())
        return .sent
    }

    private func dossierFields(_ dossier: Dossier, updating: Bool) -> [(String, JSONText)] {
        [("isUpdating", .string(updating ? "True" : "False")), ("data", .array([PortalMessage.dossierRecord(dossier, names: names)]))]
    }

    private func park(_ event: RecordedEvent, reason: String) {
        state.recordSentFor = nil
        state.parked.removeAll { $0.code == event.code }
        state.parked.append(OutboxState.Parked(code: event.code, seq: event.seq, reason: String(reason.prefix(500)), at: now()))
    }

    /// Re-sends a parked dossier's events from the refused one through `seq`; unparks it when all went.
    private func resend(parked code: String, through seq: Int64, result: inout PushResult) throws -> String? {
        guard let entry = state.parkedEntry(code) else { return nil }
        state.parked.removeAll { $0.code == code }
        let events = try history(code).filter { $0.seq >= entry.seq && $0.seq <= seq && PortalStatus.mapping(for: $0.event.kind) != nil }
        for event in events {
            switch try send(event) {
            case .sent:
                result.sent += 1
                try state.save(to: store)
            case .parked:
                try state.save(to: store)
                return nil
            case .stopped(let why):
                state.parked.append(entry)
                return why
            }
        }
        try state.save(to: store)
        return nil
    }

    private func history(_ code: String) throws -> [RecordedEvent] {
        if let known = histories[code] { return known }
        let events = (try? store.dossier(code: code).history) ?? []
        histories[code] = events
        return events
    }

    public func pendingCounts() throws -> SyncBacklog { try SyncBacklog(store: store, state: state) }
}
