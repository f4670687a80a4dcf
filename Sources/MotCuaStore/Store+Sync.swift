#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import MotCuaCore

/// What the portal sync needs from the store: its side directory `sync/` (settings, credentials,
/// the outbox's derived cursor) and the journal's dossier events after a sequence number.
/// Sync sends nothing the journal does not hold, and writes no journal line per message.
extension Store {
    public static let syncSettingsFile = "config.json"
    public static let syncCredentialsFile = "credentials.json"

    /// `<store>/sync`: created by `sync configure`.
    public var syncDirectory: String { "\(path)/sync" }

    public func readSyncFile(_ name: String) throws -> [UInt8]? {
        try Store.readBytes("\(syncDirectory)/\(name)", fs: fs)
    }

    /// The mode bits of a sync file, nil when it does not exist (doctor checks the credentials').
    public func syncFileMode(_ name: String) -> UInt32? {
        (try? fs.stat("\(syncDirectory)/\(name)"))??.mode
    }

    /// Replaces a derived sync file atomically and durably (no lock: one sender per store, and
    /// the file can be rebuilt by sending again).
    public func writeSyncState(_ name: String, _ bytes: [UInt8]) throws {
        try ensureDirectory(syncDirectory)
        do { try fs.atomicReplace("\(syncDirectory)/\(name)", with: bytes, mode: config.fileModeBits, group: groupID) } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
    }

    /// An admin points the store at a portal: the settings file (group-readable, like the store's
    /// other settings), the credentials file (mode 0600, owned by whoever ran it), and one
    /// `syncConfigured` journal line for the audit trail, all under the writer lock.
    public func configureSync(settings: [UInt8], credentials: [UInt8], detail: String, actor: Actor, now: Instant) throws {
        try require(actor, may: .configureSync)
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            try ensureDirectory(syncDirectory)
            do {
                try fs.atomicReplace("\(syncDirectory)/\(Store.syncCredentialsFile)", with: credentials, mode: 0o600, group: nil)
                try fs.atomicReplace("\(syncDirectory)/\(Store.syncSettingsFile)", with: settings, mode: config.fileModeBits, group: groupID)
            } catch let error as SystemError {
                throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
            }
            var event = AdminEvent(kind: .syncConfigured)
            event.detail = detail
            try appendAdmin(event, by: actor.login, at: now, actingAdmin: actor.actingAdmin, terminal: actor.terminal)
        }
    }

    /// The dossier events recorded after `seq`, in journal order, read from `segment` on (the
    /// month the caller last stopped in; nil reads from the first). Damaged lines are the
    /// concern of `check` and `doctor`; they are skipped here as the index skips them.
    public func dossierEvents(after seq: Int64, from segment: SegmentName? = nil) throws -> [RecordedEvent] {
        var reader = JournalCursor(segment: segment ?? SegmentName(year: 1970, month: 1), offset: 0, line: 0, lastSeq: 0, lastHash: "")
        var events: [RecordedEvent] = []
        do {
            try journal.read(from: &reader, apply: { line in
                if line.record.seq > seq, let event = line.record.recordedEvent { events.append(event) }
            }, damaged: { _, _ in })
        } catch let error as SystemError {
            throw StoreError.io(error)
        }
        return events
    }

    /// Runs `body` as the store's only sender (`flock(sync/outbox.lock)`, not waiting): nil when
    /// another `sync push` or `sync watch` holds it, so two senders never interleave one cursor.
    public func asOnlySender<T>(_ body: () throws -> T) throws -> T? {
        try asOnlyHolder(ofOutboxIn: syncDirectory, body)
    }

    /// Runs `body` holding `directory/outbox.lock` (created with the directory if missing), not
    /// waiting: nil when another process holds it. One mechanism for the portal's and the
    /// citizen's outboxes.
    func asOnlyHolder<T>(ofOutboxIn directory: String, _ body: () throws -> T) throws -> T? {
        try ensureDirectory(directory)
        let lock = "\(directory)/outbox.lock"
        let fd: Int32
        do { fd = try fs.open(lock, flags: O_RDWR | O_CREAT, mode: config.fileModeBits) } catch { throw StoreError.io(error) }
        defer { fs.close(fd) }
        let locked: Bool
        do { locked = try fs.tryLock(fd, exclusive: true, path: lock) } catch { throw StoreError.io(error) }
        guard locked else { return nil }
        defer { fs.unlock(fd) }
        return try body()
    }

    /// Creates `directory` if missing (another process creating it first is not an error).
    func ensureDirectory(_ directory: String) throws {
        guard (try? fs.stat(directory)) ?? nil == nil else { return }
        do { try fs.mkdir(directory, mode: config.directoryModeBits) } catch {
            if (try? fs.stat(directory)) ?? nil == nil { throw StoreError.io(error) }
        }
    }
}
