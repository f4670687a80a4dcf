#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import MotCuaCore

/// What the messages to citizens need from the store: the side directory `notify/` (the delivery
/// commands, the outbox's derived cursor, the delivery log). Like `sync/`, nothing in it is a
/// source of truth: the messages are made from the journal each time.
extension Store {
    public static let notifySettingsFile = "config.json"

    /// `<store>/notify`.
    public var notifyDirectory: String { "\(path)/notify" }

    public func readNotifyFile(_ name: String) throws -> [UInt8]? {
        try Store.readBytes("\(notifyDirectory)/\(name)", fs: fs)
    }

    /// Replaces a derived file of `notify/` atomically and durably (tmp, fsync, rename, fsync dir).
    public func writeNotifyState(_ name: String, _ bytes: [UInt8]) throws {
        try ensureDirectory(notifyDirectory)
        do { try fs.atomicReplace("\(notifyDirectory)/\(name)", with: bytes, mode: config.fileModeBits, group: groupID) } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
    }

    /// Appends one line to `notify/<name>` and syncs it (the delivery log: what was run, its exit code).
    public func appendNotifyLog(_ name: String, _ line: String) throws {
        try ensureDirectory(notifyDirectory)
        let file = "\(notifyDirectory)/\(name)"
        do {
            let fd = try fs.open(file, flags: O_WRONLY | O_CREAT | O_APPEND, mode: config.fileModeBits)
            defer { fs.close(fd) }
            let size = try fs.fstat(fd, path: file).size
            try fs.writeAll(fd, Array((line + "\n").utf8), at: size, path: file)
            try fs.fdatasync(fd, path: file)
        } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
    }

    /// An admin sets the delivery commands (the whole settings file) and one `notifyConfigured`
    /// journal line for the audit trail, under the writer lock.
    public func configureNotify(settings: [UInt8], detail: String, actor: Actor, now: Instant) throws {
        try require(actor, may: .configureNotifications)
        try ensureWritable()
        try withWriteLock {
            try catchUpUnderLock()
            try ensureDirectory(notifyDirectory)
            do {
                try fs.atomicReplace("\(notifyDirectory)/\(Store.notifySettingsFile)", with: settings, mode: config.fileModeBits, group: groupID)
            } catch let error as SystemError {
                throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
            }
            var event = AdminEvent(kind: .notifyConfigured)
            event.detail = detail
            try appendAdmin(event, by: actor.login, at: now, actingAdmin: actor.actingAdmin, terminal: actor.terminal)
        }
    }

    /// Runs `body` as the store's only deliverer of messages (`flock(notify/outbox.lock)`, not
    /// waiting): nil when another `notify send` or `notify watch` holds it.
    public func asOnlyNotifier<T>(_ body: () throws -> T) throws -> T? {
        try asOnlyHolder(ofOutboxIn: notifyDirectory, body)
    }
}
