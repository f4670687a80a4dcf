import Foundation
import MotCuaCore
import MotCuaStore

/// What the portal has acknowledged, kept in `sync/outbox.json`. Derived state, not a queue:
/// the messages are rebuilt from the journal each time, and losing this file only means sending
/// again (creates come back "đã tồn tại" and are re-sent as updates; progress rows are repeated).
public struct OutboxState: Codable, Sendable, Equatable {
    /// A dossier the portal refused, with its reason: its later events wait, other dossiers go on.
    public struct Parked: Codable, Sendable, Equatable {
        public var code: String
        /// The first event not acknowledged.
        public var seq: Int64
        public var reason: String
        public var at: Instant
    }

    /// How promptly one dossier's events reached the portal (for DOSSIER_SYNC's on-time share).
    public struct Lag: Codable, Sendable, Equatable {
        public var lastEventAt: Instant
        /// The longest wait, in seconds, between an event and its acknowledgement.
        public var worstSeconds: Int64
    }

    public var schema = 1
    /// `SyncSettings.target`: a cursor belongs to one portal.
    public var target: String
    /// Every dossier event up to this journal sequence number was acknowledged, or belongs to a parked dossier.
    public var lastSeq: Int64 = 0
    /// The journal month `lastSeq` is in, where the next read starts.
    public var segmentYear = 1970
    public var segmentMonth = 1
    /// The event whose dossier record was acknowledged and whose progress row was not yet
    /// (a crash between the two resumes at the row).
    public var recordSentFor: Int64?
    /// Dossiers the portal has (`isUpdating` "True").
    public var known: Set<String> = []
    public var parked: [Parked] = []
    public var lastSuccess: Instant?
    public var lags: [String: Lag] = [:]

    public init(target: String) { self.target = target }

    public static let fileName = "outbox.json"

    public var segment: SegmentName { SegmentName(year: segmentYear, month: segmentMonth) }

    public func parkedEntry(_ code: String) -> Parked? { parked.first { $0.code == code } }

    mutating func acknowledge(_ event: RecordedEvent, now: Instant) {
        lastSuccess = now
        let waited = max(0, now.seconds - event.at.seconds)
        var lag = lags[event.code] ?? Lag(lastEventAt: event.at, worstSeconds: 0)
        lag.lastEventAt = max(lag.lastEventAt, event.at)
        lag.worstSeconds = max(lag.worstSeconds, waited)
        lags[event.code] = lag
    }

    mutating func advance(to event: RecordedEvent) {
        lastSeq = max(lastSeq, event.seq)
        let month = event.at.date
        if SegmentName(month) > segment { (segmentYear, segmentMonth) = (month.year, month.month) }
    }

    /// The store's outbox for `target`; a fresh one when there is none or it was for another portal.
    public static func load(from store: Store, target: String) throws -> OutboxState {
        guard let bytes = try store.readSyncFile(fileName) else { return OutboxState(target: target) }
        let state: OutboxState
        do { state = try JSONDecoder().decode(OutboxState.self, from: Data(bytes)) } catch {
            // Derived and rebuildable: a damaged file costs a re-send, not the sync.
            return OutboxState(target: target)
        }
        return state.target == target ? state : OutboxState(target: target)
    }

    public func save(to store: Store) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try store.writeSyncState(Self.fileName, Array(try encoder.encode(self)) + [10])
    }
}
