#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// What a write produced.
public struct Commit: Sendable, Equatable {
    public let code: String
    public let id: UUID
    public let version: Int
    public let seq: Int64
    public let at: Instant
    /// True when the idempotency key had already been applied: nothing new was written.
    public let replayed: Bool
    /// The event this write appended (nil for a replay): with it a caller knows what it wrote
    /// without reading the journal back.
    public let event: RecordedEvent?
}

extension Store {
    /// How long a writer waits for another clerk's write before giving up.
    static let lockTimeoutSeconds = 10

    // MARK: - Creating

    /// Creates a store: directories, config, users file (with `admin` as administrator), the
    /// sample catalogue, and the first journal line. FORMAT is written last, so a half-created
    /// directory is never taken for a store.
    public static func create(at path: String, config: StoreConfig, admin: User,
                              catalogue: Catalogue = .sample, fs: FileSystem = PosixFileSystem()) throws -> Store {
        let files = StoreFiles(root: path)
        if (try? fs.stat(files.format)) != nil { throw StoreError.alreadyAStore(path) }
        // A directory with anything in it (a store whose FORMAT was lost, someone's files) is never
        // written over: its config and users would be replaced, a training store made production.
        if let names = try? fs.listDirectory(path), !names.isEmpty {
            let shown = names.sorted().prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
            throw StoreError.badInput("Thư mục \(path) không trống (có: \(shown)): motcua init chỉ tạo kho trong thư mục trống "
                                      + "hoặc chưa có, không ghi đè. Kho mất tệp FORMAT: khôi phục từ bản sao lưu (Docs/DEPLOYMENT.md); kho mới: chọn thư mục khác")
        }
        let group = config.group.flatMap(ProcessIdentity.groupID(named:))
        if config.group != nil && group == nil {
            throw StoreError.badInput("Nhóm Unix \(config.group!) không tồn tại")
        }
        do {
            for dir in files.directories {
                try fs.mkdir(dir, mode: config.directoryModeBits)
                let fd = try fs.open(dir, flags: O_RDONLY | O_DIRECTORY, mode: 0)
                defer { fs.close(fd) }
                try? fs.fchmod(fd, mode: config.directoryModeBits, path: dir)
                if let group { try? fs.fchown(fd, group: group, path: dir) }
            }
        } catch {
            throw StoreError.io(error)
        }
        let store = Store(path: path, fs: fs, config: config, users: UserDirectory(users: [admin]), catalogue: catalogue,
                          schedule: .shipped)
        try store.withWriteLock {
            if (try? fs.stat(files.format)) != nil { throw StoreError.alreadyAStore(path) }
            let json = JSONFiles(fs: fs)
            let mode = config.fileModeBits
            try json.write(config, at: files.config, mode: mode, group: group)
            try json.write(store.users, at: files.users, mode: mode, group: group)
            try json.write(catalogue, at: files.catalogue, mode: mode, group: group)
            try json.write(catalogue, at: "\(files.catalogueVersions)/v\(catalogue.version).json", mode: mode, group: group)
            _ = try store.createLookupKeyLocked()      // the secret on every receipt (issue 16)
            try store.refresh()
            if store.cursor.lastSeq == 0 {
                var event = AdminEvent(kind: .storeCreated)
                event.agency = config.agency
                event.name = config.name
                event.login = admin.login
                event.detail = config.training ? "training" : "production"
                try store.appendAdmin(event, by: admin.login, at: config.createdAt)
            }
            try json.write(FormatFile(store: "motcua", format: StoreFiles.formatVersion), at: files.format, mode: mode, group: group)
        }
        store.readInodes = Dictionary(uniqueKeysWithValues: [files.users, files.catalogue, files.holidays].map { ($0, (try? fs.stat($0))??.inode) })
        store.followsFileChanges = true
        return store
    }

    // MARK: - Dossier writes

    @discardableResult
    /// Accepts a dossier: validates the intake, allocates the day's next code, appends, syncs.
    public func receive(_ intake: Intake, actor: Actor, op: String? = nil, now: Instant) throws -> Commit {
        try require(actor, may: .receive)
        return try write(op: op, fingerprint: { _ in .receive(intake) }, actor: actor, may: .receive, now: now) {
            let lifecycle = Lifecycle(calendar: calendar, catalogue: catalogue)
            var event: DossierEvent
            do { event = try lifecycle.receive(intake, agency: config.agency, at: now) } catch let error as LifecycleError {
                throw StoreError.lifecycle(error)
            }
            event.reception?.office = actor.office
            event.reception?.ticket = try ticketToLink(intake.ticket, actor: actor, now: now)
            let receivedAt = intake.receivedAt ?? now
            ensureLoaded(year: receivedAt.date.year)
            let code = index.nextCode(agency: config.agency, date: receivedAt.date)
            return (UUID(), code, 0, event, receivedAt)
        }
    }

    @discardableResult
    /// Applies `command` to the dossier `code`. With `expectedVersion`, a dossier changed meanwhile
    /// by someone else is a conflict that names who changed what; nothing is written.
    public func perform(_ command: DossierCommand, on code: String, expectedVersion: Int? = nil,
                        actor: Actor, op: String? = nil, now: Instant) throws -> Commit {
        try require(actor, may: .dossier(command.action))
        let fingerprint = { (store: Store) throws -> OperationFingerprint in .perform(command, on: try store.localCode(code)) }
        return try write(op: op, fingerprint: fingerprint, actor: actor, may: .dossier(command.action), now: now) {
            let (code, summary) = try summaryToChange(code, expectedVersion: expectedVersion)
            let lifecycle = Lifecycle(calendar: calendar, catalogue: catalogue)
            let event: DossierEvent
            do { event = try lifecycle.decide(command, for: summary, at: now) } catch let error as LifecycleError {
                throw StoreError.lifecycle(error)
            }
            if case .transfer(let department, let official?) = command {
                try reloadUsers()
                try checkOfficial(official, of: department)
            }
            return (summary.id, code, summary.version, event, now)
        }
    }

    /// A transfer names an official who is in the users file and works in the receiving
    /// department (the user's `department`); anything else is refused before anything is written.
    func checkOfficial(_ login: String, of department: String) throws {
        let login = Validation.clean(login)
        let staff = users.users.filter { $0.department == department }
        let choices = staff.isEmpty
            ? "\(department) chưa có cán bộ nào trong danh sách người dùng; có thể chuyển không giao đích danh"
            : "cán bộ của \(department): " + staff.map { "\($0.name) (\($0.login))" }.joined(separator: ", ")
        guard let user = users.user(login) else {
            throw StoreError.badInput("Không có cán bộ \"\(login)\" trong danh sách người dùng của kho; chưa chuyển hồ sơ (\(choices))")
        }
        guard user.department == department else {
            let home = user.department.map { "thuộc phòng ban \($0)" } ?? "chưa được gán phòng ban"
            throw StoreError.badInput("\(user.name) (\(user.login)) \(home), không thuộc \(department); chưa chuyển hồ sơ (\(choices))")
        }
    }

    /// Under the lock: the dossier a command changes (named by its code, a short code or an online
    /// dossier's portal code), refused when damaged or changed since `expectedVersion`.
    func summaryToChange(_ code: String, expectedVersion: Int?) throws -> (code: String, summary: DossierSummary) {
        let code = try localCode(code)
        guard let summary = index.summary(code: code) else { throw StoreError.notFound(code) }
        guard !index.damaged.contains(summary.id) else { throw StoreError.damagedDossier(code) }
        if let expected = expectedVersion, expected != summary.version {
            throw StoreError.conflict(Conflict(code: code, expectedVersion: expected, currentVersion: summary.version,
                                               by: summary.lastBy, at: summary.lastEventAt, kind: summary.lastKind))
        }
        return (code, summary)
    }

    /// The write protocol: lock, catch up, idempotency check, decide, append + fdatasync, apply, unlock.
    /// `now` is the real entry time; `decide` may date the line earlier (a back-dated receive).
    func write(op: String?, fingerprint: (Store) throws -> OperationFingerprint, actor: Actor, may operation: Permission,
                       now: Instant, decide: () throws -> (UUID, String, Int, DossierEvent, Instant)) throws -> Commit {
        try ensureWritable()
        return try withWriteLock {
            try catchUpUnderLock()
            try requireStill(actor, may: operation)
            var digest: String?
            if let op {
                let asked = try fingerprint(self)
                digest = asked.digest
                if let done = index.ops[op], now.seconds - done.writtenAt.seconds <= Store.opsRetention {
                    try Self.checkSameCommand(op: op, done: done, asked: asked)
                    return Commit(code: done.code, id: done.dossier, version: done.version, seq: done.seq, at: done.at, replayed: true, event: nil)
                }
            }
            let (id, code, base, event, at) = try decide()
            let record = JournalRecord(seq: cursor.lastSeq + 1, at: at, by: actor.login,
                                       actingAdmin: actor.actingAdmin, terminal: actor.terminal, op: op,
                                       body: .dossier(id: id, code: code, base: base, event: event),
                                       entered: at == now ? nil : now, opDigest: digest)
            try appendRecord(record)
            checkpointIfDue()
            return Commit(code: code, id: id, version: base + 1, seq: record.seq, at: at, replayed: false, event: record.recordedEvent)
        }
    }

    /// A key already used replays only the command it was used for (older journals carry no
    /// digest: the event kind and the dossier must match); anything else is refused, both named.
    static func checkSameCommand(op: String, done: OpOutcome, asked: OperationFingerprint) throws {
        let same: Bool
        if let digest = done.digest {
            same = digest == asked.digest
        } else {
            same = (done.kind == nil || done.kind == asked.kind) && (asked.code == nil || asked.code == done.code)
        }
        guard !same else { return }
        let first = done.kind.map { "\(EventText.kindName($0)) hồ sơ \(done.code)" } ?? "hồ sơ \(done.code)"
        let sameKind = done.kind == asked.kind && (asked.code == nil || asked.code == done.code)
        let now = sameKind ? "\(asked.description), khác nội dung" : asked.description
        throw StoreError.badInput("Khóa thao tác \(op) đã dùng cho lệnh khác: \(first) lúc \(done.at.vietnameseShort) (seq \(done.seq)); "
                                  + "lệnh này là \(now). Chưa ghi gì: dùng khóa khác cho lệnh khác")
    }

    func ensureWritable() throws {
        if let poisoned { throw StoreError.poisoned(poisoned) }
        if !readOnlyDamage.isEmpty { throw StoreError.readOnly(readOnlyDamage) }
    }

    /// Reads what others wrote, and cuts a torn last line a crashed writer left (only the lock holder may).
    func catchUpUnderLock() throws {
        do {
            let segments = try journal.segments()
            if let last = segments.last {
                let cut = try journal.truncateTornTail(last)
                if cut > 0, last == cursor.segment, cursor.offset > (try fs.stat(journal.path(last))?.size ?? 0) {
                    try reloadFromScratch()
                }
            }
        } catch let error as SystemError {
            throw StoreError.io(error)
        }
        try refresh()
        try ensureWritable()
    }

    /// Encodes, appends and applies one record; seals the previous month's segment on a month change.
    /// A month recorded in SEALED is never appended to, even when the line's date is in it (a
    /// back-dated receive after a rollover that failed part way): the line goes to the next month.
    func appendRecord(_ record: JournalRecord) throws {
        var segment = max(cursor.segment, SegmentName(record.at.date))
        let sealed = sealedSegments()
        while sealed.contains(segment) { segment = segment.next }
        let startsSegment = segment != cursor.segment || cursor.offset == 0
        let (line, hash) = JournalCodec.encode(record, previousHash: cursor.lastHash, carryPrevious: startsSegment)
        if segment != cursor.segment && cursor.offset > 0 { try seal(cursor.segment, alreadyRecorded: sealed.contains(cursor.segment)) }
        let position: JournalPosition
        do {
            position = try journal.append(line, to: segment)
        } catch let error as StoreError {
            if case .syncFailed(let e) = error { poisoned = e }
            throw error
        }
        cursor = JournalCursor(segment: segment, offset: position.offset + Int64(line.count),
                               line: startsSegment ? 1 : cursor.line + 1, lastSeq: record.seq, lastHash: hash)
        applyLine(ReadLine(record: record, position: position, fileName: journal.path(segment), lineNumber: cursor.line))
    }

    func appendAdmin(_ event: AdminEvent, by login: String, at: Instant, actingAdmin: String? = nil, terminal: String? = nil) throws {
        let record = JournalRecord(seq: cursor.lastSeq + 1, at: at, by: login, actingAdmin: actingAdmin, terminal: terminal,
                                   op: nil, body: .admin(event))
        try appendRecord(record)
    }

    /// The months SEALED records, from its complete lines (a torn last line records nothing).
    func sealedSegments() -> Set<SegmentName> {
        guard let bytes = try? fs.readFile(files.sealed) else { return [] }
        struct Entry: Decodable { let segment: String }
        let complete = bytes.last == 10 ? bytes[...] : bytes[..<(bytes.lastIndex(of: 10).map { $0 + 1 } ?? 0)]
        return Set(complete.split(separator: 10).compactMap { line in
            (try? JSONDecoder().decode(Entry.self, from: Data(line))).flatMap { SegmentName(fileName: $0.segment) }
        })
    }

    /// Records a finished month in `journal/SEALED` (bytes, lines, last seq, SHA-256) and makes
    /// the file read-only, so a backup can copy it once and verify it. A torn last line of SEALED
    /// (a seal that failed part way) is cut first; a month already recorded is not recorded twice.
    func seal(_ segment: SegmentName, alreadyRecorded: Bool = false) throws {
        let path = journal.path(segment)
        do {
            guard let bytes = try fs.readFile(path) else { return }
            if alreadyRecorded {
                try makeReadOnly(path)
                return
            }
            let entry = JSONText.object([
                ("segment", .string(segment.fileName)), ("bytes", .int(Int64(bytes.count))),
                ("lines", .int(Int64(cursor.line))), ("lastSeq", .int(cursor.lastSeq)),
                ("sha256", .string(SHA256.hex(SHA256.hash(bytes)))),
            ]).compact + "\n"
            let fd = try fs.open(files.sealed, flags: O_RDWR | O_CREAT | O_APPEND, mode: config.fileModeBits)
            defer { fs.close(fd) }
            // Past the umask: the next month may be sealed by another clerk's process.
            try? fs.fchmod(fd, mode: config.fileModeBits, path: files.sealed)
            if let groupID { try? fs.fchown(fd, group: groupID, path: files.sealed) }
            var end = try fs.fstat(fd, path: files.sealed).size
            if end > 0, let last = try fs.pread(fd, count: 1, at: end - 1, path: files.sealed).first, last != 10 {
                let tail = try fs.pread(fd, count: Int(min(end, 4_096)), at: max(0, end - 4_096), path: files.sealed)
                end = max(0, end - 4_096) + Int64(tail.lastIndex(of: 10).map { $0 + 1 } ?? 0)
                try fs.ftruncate(fd, to: end, path: files.sealed)
            }
            try fs.writeAll(fd, Array(entry.utf8), at: end, path: files.sealed)
            try fs.fdatasync(fd, path: files.sealed)
            try makeReadOnly(path)
        } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
    }

    private func makeReadOnly(_ path: String) throws(SystemError) {
        let segmentFD = try fs.open(path, flags: O_RDONLY, mode: 0)
        defer { fs.close(segmentFD) }
        try? fs.fchmod(segmentFD, mode: config.fileModeBits & 0o444, path: path)
    }

    // MARK: - The writer lock

    /// Runs `body` holding `flock(store.lock)`; waits up to `lockTimeoutSeconds` for other writers.
    func withWriteLock<T>(_ body: () throws -> T) throws -> T {
        let fd: Int32
        do { fd = try fs.open(files.lock, flags: O_RDWR | O_CREAT, mode: config.fileModeBits) } catch {
            throw StoreError.io(error)
        }
        defer { fs.close(fd) }
        try? fs.fchmod(fd, mode: config.fileModeBits, path: files.lock)
        let deadline = Date().addingTimeInterval(Double(Self.lockTimeoutSeconds))
        while true {
            let locked: Bool
            do { locked = try fs.tryLock(fd, exclusive: true, path: files.lock) } catch { throw StoreError.io(error) }
            if locked { break }
            if Date() > deadline { throw StoreError.lockTimeout(seconds: Self.lockTimeoutSeconds) }
            usleep(UInt32.random(in: 1_000...5_000))
        }
        defer { fs.unlock(fd) }
        return try body()
    }
}
