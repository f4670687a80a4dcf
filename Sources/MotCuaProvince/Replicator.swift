import MotCuaCore
import MotCuaStore

/// What one replication round did: `{"replicated":N,"lastSeq":N}`.
public struct ReplicationResult: Sendable, Equatable {
    /// Lines this round added to the province's database.
    public var replicated: Int
    /// The centre's last seq in the province's database after the round.
    public var lastSeq: Int64

    public init(replicated: Int, lastSeq: Int64) {
        self.replicated = replicated
        self.lastSeq = lastSeq
    }

    public var json: JSONText { .object([("replicated", .int(Int64(replicated))), ("lastSeq", .int(lastSeq))]) }
}

/// Streams one centre's journal into the province's database (`motcua replicate`).
///
/// The database is the cursor: each round starts from the centre's `last_seq` there, checks that
/// the store's line at that seq has the hash the database holds (another journal under the same
/// agency is refused, never merged), and sends the lines after it in batches, one transaction
/// each. In `--watch` the reader's position is kept between rounds, so a quiet round costs a
/// directory listing and a `stat`.
public final class Replicator {
    public let store: Store
    public let database: ProvinceDatabase
    public let batchSize: Int
    public var agency: String { store.config.agency }
    /// Where the store's journal has been read to, and the seq the database had there.
    private var reader = Store.journalStart
    private var readerMatches: Int64?

    /// Replication sends the whole centre's journal, personal data included, out of the machine:
    /// a supervisor's or an admin's decision (the same roles that see every office's figures).
    public init(store: Store, actor: Actor, database: ProvinceDatabase, batchSize: Int = 2_000) throws(ProvinceError) {
        try Self.checkRole(actor)
        self.store = store
        self.database = database
        self.batchSize = max(1, batchSize)
    }

    /// Refuses an official whose role may not send the journal out.
    public static func checkRole(_ actor: Actor) throws(ProvinceError) {
        guard AccessPolicy.allows(actor.role, .viewAllOffices) else {
            throw .forbidden("Vai trò \(actor.role.vietnamese) không được sao chép nhật ký của trung tâm lên cơ sở dữ liệu tỉnh (cần Lãnh đạo hoặc Quản trị)")
        }
    }

    /// Sends every complete line the province does not have yet.
    public func replicate() throws(ProvinceError) -> ReplicationResult {
        var position = try database.position(agency: agency, name: store.config.name)
        var replicated = 0
        var lines = try nextLines(after: position)
        while !lines.isEmpty {
            switch try database.append(agency: agency, name: store.config.name, lines: lines, expected: position) {
            case .appended:
                replicated += lines.count
                position = (lines.last!.seq, lines.last!.hash)
                readerMatches = position.seq
            case .moved(let seq, let hash):             // another replicator got there first: start again from there
                position = (seq, hash)
                readerMatches = nil
            }
            lines = try nextLines(after: position)
        }
        return ReplicationResult(replicated: replicated, lastSeq: position.seq)
    }

    /// The next batch after the database's position, checking the store continues it.
    private func nextLines(after position: (seq: Int64, hash: String)) throws(ProvinceError) -> [JournalLine] {
        if readerMatches != position.seq || reader.lastSeq != position.seq {
            reader = Store.journalStart                 // from the start: the database's seq is the cursor
        }
        let lines: [JournalLine]
        do {
            lines = try store.journalLines(after: &reader, trusting: position.seq, limit: batchSize)
        } catch let damage as JournalLineDamage {
            throw .damagedJournal(damage.description)
        } catch {
            throw .damagedJournal("\(error)")
        }
        // The store's line at the database's seq must be the one the database holds.
        let storeHash = lines.first?.previousHash ?? reader.lastHash
        let storeSeq = lines.first.map { $0.seq - 1 } ?? reader.lastSeq
        guard storeSeq >= position.seq else {
            throw .differentJournal(agency: agency, reason: "cơ sở dữ liệu đã đến seq \(position.seq), nhật ký của kho chỉ đến seq \(storeSeq)")
        }
        guard storeHash == position.hash else {
            throw .differentJournal(agency: agency, reason: "dòng seq \(position.seq) của kho có mã băm khác với dòng đã sao chép")
        }
        readerMatches = position.seq
        return lines
    }
}
