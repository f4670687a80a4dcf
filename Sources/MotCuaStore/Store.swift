#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// The multi-clerk JSON store: an append-only journal (the truth) plus derived index snapshots.
///
/// Many processes use one store directory at once. Writers serialise on `flock(store.lock)`,
/// catch up on the journal under the lock, validate, append one line, `fdatasync`, and only then
/// acknowledge. Readers take no lock: `refresh()` stats the journal and reads the new lines.
/// One `Store` value belongs to one thread (the CLI's, or the TUI's loop).
public final class Store {
    public let path: String
    let fs: FileSystem
    let files: StoreFiles
    public private(set) var config: StoreConfig
    public internal(set) var users: UserDirectory
    public internal(set) var catalogue: Catalogue
    public internal(set) var calendar: WorkCalendar
    var index = DossierIndex()
    let journal: Journal
    var cursor = JournalCursor(segment: SegmentName(year: 1970, month: 1), offset: 0, line: 0, lastSeq: 0, lastHash: "")
    /// Damage found while reading, never skipped silently.
    public private(set) var damage: [Damage] = []
    /// Set when the active journal segment is damaged: reading works, writing is refused.
    public private(set) var readOnlyDamage: [Damage] = []
    /// Set after a failed fsync: this process writes no more (fsyncgate).
    var poisoned: SystemError?
    /// Journal lines applied since the last snapshot.
    var linesSinceSnapshot = 0
    /// The snapshot this index was loaded from or last wrote.
    var baseHead: SnapshotHead?
    /// Rows files of older years still being read (deferred history).
    /// The deferred year being loaded, when a step ran out of time inside it.
    var historyLoader: RowsLoader?
    /// How this store was opened (`.onDemand` applies waiting lines before open-dossier queries).
    var historyMode = HistoryLoading.all
    /// The rows files mapped so far, by name, and the stamps of those whose CRC this process computed.
    var rowsMaps: [String: MappedRows] = [:]
    var verifiedStamps: [String: FileStamp] = [:]
    /// Set when HEAD's history image could not be used: the next snapshot writes it again.
    var historyImageRefused = false
    /// The rows-file schema snapshots write (tests write the older one to check it is still read).
    var rowsSchema = RowsFile.schema
    var reloadCount = 0
    /// Things worth telling an administrator that are not errors (an index rebuilt, …).
    public internal(set) var notices: [String] = []
    /// Set at open when the index snapshot had seen more of the journal than is there now.
    public internal(set) var journalBehindIndex: String?
    /// Rows of an older year's file a full check loads at once to compare (tests lower it).
    var checkRowsAtOnce = 25_000
    let groupID: UInt32?
    /// Store files another process changed (the journal said so): reloaded once the file is no
    /// longer the one last read (the journal line comes first, the file after).
    var changedFiles: Set<String> = []
    /// The inode of the users, catalogue and holiday files when this process last read them
    /// (taken before reading: a file replaced meanwhile is read again).
    var readInodes: [String: UInt64?] = [:]
    /// Off while opening: the lines replayed then are already in the files just read.
    var followsFileChanges = false
    /// The number queue's events of the days asked for, read from the journal itself (never from
    /// an index snapshot) and kept up to date by every line applied after (Store+Tickets.swift).
    var queueDays: [CivilDate: [QueueEntry]] = [:]

    init(path: String, fs: FileSystem, config: StoreConfig, users: UserDirectory, catalogue: Catalogue, schedule: HolidaySchedule) {
        self.path = path
        self.fs = fs
        files = StoreFiles(root: path)
        self.config = config
        self.users = users
        self.catalogue = catalogue
        groupID = config.group.flatMap(ProcessIdentity.groupID(named:))
        let hours = WorkingHours(validating: config.sessions) ?? .standard
        calendar = WorkCalendar(schedule: schedule, hours: hours, model: config.deadlineModel)
        journal = Journal(fs: fs, directory: files.journal, fileMode: config.fileModeBits, group: groupID)
    }

    // MARK: - Opening

    /// Opens an existing store: checks its format and permissions, loads the latest index snapshot
    /// and replays the journal after it.
    public static func open(at path: String, fs: FileSystem = PosixFileSystem(), history: HistoryLoading = .all) throws -> Store {
        let files = StoreFiles(root: path)
        let json = JSONFiles(fs: fs)
        guard let format = try json.read(FormatFile.self, at: files.format) else { throw StoreError.notAStore(path) }
        guard format.store == "motcua" else { throw StoreError.invalidFile(path: files.format, reason: "không phải kho motcua") }
        guard format.format <= StoreFiles.formatVersion else {
            throw StoreError.newerFormat(path: path, found: format.format, supported: StoreFiles.formatVersion)
        }
        try checkPermissions(files: files, fs: fs)
        let inodes = Dictionary(uniqueKeysWithValues: [files.users, files.catalogue, files.holidays].map { ($0, (try? fs.stat($0))??.inode) })
        guard let config = try json.read(StoreConfig.self, at: files.config) else {
            throw StoreError.invalidFile(path: files.config, reason: "tệp không tồn tại")
        }
        try checkSessions(config, files: files)
        let users = try json.read(UserDirectory.self, at: files.users) ?? UserDirectory(users: [])
        let catalogue = try readCatalogue(files: files, fs: fs)
        let schedule = try readSchedule(files: files, fs: fs)
        let store = Store(path: path, fs: fs, config: config, users: users, catalogue: catalogue, schedule: schedule)
        store.readInodes = inodes
        try store.loadSnapshotAndReplay(history: history)
        store.followsFileChanges = true
        return store
    }

    /// The shipped holiday schedules, overridden by the store's `calendar/holidays.json` if any.
    static func readSchedule(files: StoreFiles, fs: FileSystem) throws -> HolidaySchedule {
        guard let bytes = try readBytes(files.holidays, fs: fs) else { return .shipped }
        do { return HolidaySchedule.shipped.overridden(by: try HolidaySchedule(json: Data(bytes))) } catch {
            throw StoreError.invalidFile(path: files.holidays, reason: "\(error)")
        }
    }

    /// The store's working calendar (its holiday file, sessions and deadline model) without
    /// loading any dossier: what `motcua calendar` uses when given a store.
    public static func workCalendar(at path: String, fs: FileSystem = PosixFileSystem()) throws -> WorkCalendar {
        let files = StoreFiles(root: path)
        guard let config = try JSONFiles(fs: fs).read(StoreConfig.self, at: files.config) else { throw StoreError.notAStore(path) }
        try checkSessions(config, files: files)
        let hours = WorkingHours(validating: config.sessions) ?? .standard
        return WorkCalendar(schedule: try readSchedule(files: files, fs: fs), hours: hours, model: config.deadlineModel)
    }

    /// Working sessions that overlap or run backwards are refused, never replaced by the standard hours.
    static func checkSessions(_ config: StoreConfig, files: StoreFiles) throws {
        guard WorkingHours(validating: config.sessions) == nil else { return }
        let given = config.sessions.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")
        throw StoreError.invalidFile(path: files.config, reason: "\"sessions\" [\(given.isEmpty ? "trống" : given)]: các buổi làm việc trống, chồng nhau "
                                     + "hoặc giờ kết thúc không sau giờ bắt đầu; sửa, ví dụ: \"sessions\": [{\"start\":\"07:00\",\"end\":\"11:30\"},{\"start\":\"13:30\",\"end\":\"17:00\"}]")
    }

    static func readBytes(_ path: String, fs: FileSystem) throws -> [UInt8]? {
        do { return try fs.readFile(path) } catch { throw StoreError.io(error) }
    }

    static func readCatalogue(files: StoreFiles, fs: FileSystem) throws -> Catalogue {
        guard let bytes = try readBytes(files.catalogue, fs: fs) else {
            throw StoreError.invalidFile(path: files.catalogue, reason: "tệp không tồn tại")
        }
        do { return try Catalogue(json: Data(bytes)) } catch {
            throw StoreError.invalidFile(path: files.catalogue, reason: (error as? CatalogueError)?.description ?? JSONFiles.describe(error))
        }
    }

    /// A store any local user can write to can be forged: refuse it, and say how to fix it.
    static func checkPermissions(files: StoreFiles, fs: FileSystem) throws {
        var paths = [files.root, files.journal, files.format, files.config, files.users, files.catalogue]
        if let segments = try? fs.listDirectory(files.journal) { paths += segments.map { "\(files.journal)/\($0)" } }
        for p in paths {
            guard let st = try? fs.stat(p) else { continue }
            let stickyDir = st.isDirectory && (st.mode & 0o1000) != 0
            if st.mode & 0o002 != 0 && !stickyDir { throw StoreError.insecurePermissions(path: p, mode: st.mode) }
        }
    }

    // MARK: - Reading

    /// Picks up other processes' changes: a stat, and the new lines if any. True when something changed.
    @discardableResult
    public func refresh() throws -> Bool {
        let before = cursor
        do {
            try journal.read(from: &cursor, apply: applyLine, damaged: noteDamage)
        } catch is JournalShrank {
            try reloadFromScratch()
            return true
        }
        try reloadChangedFiles()
        return cursor != before
    }

    func applyLine(_ line: ReadLine) {
        if followsFileChanges, case .admin(let event) = line.record.body { noteFileChange(event.kind) }
        if let entry = line.record.queueEntry { noteQueue(entry) }
        if let problem = index.apply(line.record, at: line.position) {
            noteDamage(Damage(file: line.fileName, line: line.lineNumber, offset: line.position.offset, reason: problem), inActive: false)
        }
        linesSinceSnapshot += 1
    }

    func noteDamage(_ d: Damage, inActive: Bool) {
        if !damage.contains(d) { damage.append(d) }
        if inActive && !readOnlyDamage.contains(d) { readOnlyDamage.append(d) }
    }

    func reloadFromScratch() throws {
        reloadCount += 1
        index = DossierIndex()
        queueDays = [:]
        cursor = JournalCursor(segment: SegmentName(year: 1970, month: 1), offset: 0, line: 0, lastSeq: 0, lastHash: "")
        baseHead = nil
        historyLoader = nil
        linesSinceSnapshot = 0
        damage = []
        readOnlyDamage = []
        try journal.read(from: &cursor, apply: applyLine, damaged: noteDamage)
    }

    /// Every loaded dossier, in the order they were loaded (made from the table: costly at 500,000).
    public var summaries: [DossierSummary] { (0..<index.count).map(index.table.summary(at:)) }
    /// The dossiers still being worked on or waiting to be returned (cheap: only those are made).
    public var openSummaries: [DossierSummary] {
        settlePending()
        let table = index.table
        return table.state.indices.filter { !table.state[$0].isClosed }.map(table.summary(at:))
    }
    /// The dossiers whose row passes `predicate`, made into values (the test reads columns only).
    func summaries(where predicate: (DossierTable, Int) -> Bool) -> [DossierSummary] {
        let table = index.table
        return (0..<table.count).filter { predicate(table, $0) }.map(table.summary(at:))
    }

    /// The dossiers a report or register for the days `from`…`to` can count: received by its
    /// end and not closed before its start (with a day's margin each side; the report applies the
    /// exact rules). At 500,000 dossiers a quarter needs a few percent of them as values.
    public func summaries(overlapping from: CivilDate, _ to: CivilDate) -> [DossierSummary] {
        let start = Instant(date: from.adding(days: -1)).seconds, end = Instant(date: to.adding(days: 2)).seconds
        return summaries { table, row in
            table.receivedAt[row] < end && (table.closedAt[row] == DossierTable.none || table.closedAt[row] >= start)
        }
    }

    /// What the overdue scan needs: running dossiers due by the end of the next working day.
    public func runningDue(by clock: DeadlineClock) -> [DossierSummary] {
        let limit = clock.endOfNextWorkingDay.seconds
        settlePending()
        let table = index.table
        var rows: [Int] = []
        for row in table.due.indices where table.due[row] <= limit && table.state[row].isRunning { rows.append(row) }
        return rows.map(table.summary(at:))
    }

    /// The loaded dossiers as columns, for fast scans (the queue, the filter).
    var table: DossierTable { index.table }
    public var dossierCount: Int { index.count }

    /// The table row of a dossier, if loaded.
    func row(id: UUID) -> Int? { index.row(id: id) }
    func row(code: String) -> Int? { index.row(code: code) }

    /// Rows added or changed since the last call (a view keeping its own sort order updates from it).
    /// Empty after a full reload, which `generation` reports instead.
    func takeTouchedRows() -> [Int32] { index.takeTouched() }
    /// Changes when the index is rebuilt from scratch: every row may have moved.
    var generation: Int { reloadCount }
    public var lastSeq: Int64 { cursor.lastSeq }

    public func summary(code: String) -> DossierSummary? {
        ensureLoaded(code: code)
        return index.summary(code: code)
    }

    /// The full code a person typed: a full code as it is; the short `YYMMDD-XXXX` the screens and
    /// the receipt show, when exactly one dossier of the store has it (usually the store's own agency;
    /// an imported agency's dossier with the same short code makes it ambiguous, and both are named).
    public func resolveCode(_ code: String) throws -> String {
        guard DossierCode.isShort(code) else { return code }
        ensureLoaded(code: code)
        let matches = index.codes(endingWith: code)
        switch matches.count {
        case 0: throw StoreError.notFound(code)
        case 1: return matches[0]
        default:
            let ordered = matches.sorted { a, b in
                (DossierCode.agency(of: a) == config.agency ? 0 : 1, a) < (DossierCode.agency(of: b) == config.agency ? 0 : 1, b)
            }
            throw StoreError.badInput("Mã ngắn \(code) trùng với hồ sơ của \(matches.count) cơ quan: \(ordered.joined(separator: ", ")); hãy ghi mã đầy đủ")
        }
    }

    /// A dossier with its whole history, read back from the journal (`code` full or short, see
    /// `resolveCode`, or an online dossier's portal code, see `localCode`).
    public func dossier(code: String) throws -> Dossier {
        let code = try localCode(code)
        guard let row = index.row(code: code) else { throw StoreError.notFound(code) }
        let records = try index.positions(of: row).map { try journal.readLine($0) }
        let events = records.compactMap(\.recordedEvent)
        do { return try Dossier(events: events) } catch {
            throw StoreError.damagedDossier(code)
        }
    }

    public func isDamaged(_ summary: DossierSummary) -> Bool { index.damaged.contains(summary.id) }

    /// A dossier of a year whose history is deferred is loaded before anyone reads or changes it.
    /// Only the rows with that code are read from the year's mapped file: a full code found in its
    /// code order (a schema 2 file: every code scanned), a short code by a scan of those ending with it.
    func ensureLoaded(code: String) {
        guard index.row(code: code) == nil, let year = DossierCode.year(of: code), index.deferredYears.contains(year) else { return }
        let wanted = Array(code.utf8), short = DossierCode.isShort(code)
        preload(years: [year], lookup: short ? nil : { $0.rows(withCode: wanted) }) { file in { row in
            let c = file.string(0, at: row)
            guard short else { return c.count == wanted.count && c.elementsEqual(wanted) }
            return c.count > wanted.count && c[c.count - wanted.count - 1] == 45 && c[(c.count - wanted.count)...].elementsEqual(wanted)
        } }
    }

    func ensureLoaded(year: Int) { loadHistory(year: year) }

    /// The official behind `login`, or why they may not use the store.
    public func actor(login: String, actingAs: String? = nil, terminal: String?) throws -> Actor {
        guard let user = users.user(login) else { throw unknownUser(login) }
        guard let other = actingAs, other != login else { return Actor(user: user, terminal: terminal) }
        guard AccessPolicy.allows(user.role, .actAs) else {
            throw StoreError.forbidden(login: login, role: user.role, operation: .actAs)
        }
        guard let target = users.user(other) else { throw unknownUser(other) }
        return Actor(user: target, terminal: terminal, actingAdmin: login)
    }

    /// Not in the users file, or there with an entry that cannot be used (named, with the fix).
    private func unknownUser(_ login: String) -> StoreError {
        guard let rejected = users.rejection(login) else { return .unknownUser(login) }
        return .invalidFile(path: files.users, reason: rejected.reason)
    }

    /// The clock and login overrides exist for training and tests only.
    public func checkOverrides(clock: Bool, user: Bool) throws {
        if clock && !config.training { throw StoreError.clockOverrideRefused }
        if user && !config.training { throw StoreError.userOverrideRefused }
    }

    public func require(_ actor: Actor, may operation: Permission) throws {
        guard AccessPolicy.allows(actor.role, operation) else {
            throw StoreError.forbidden(login: actor.login, role: actor.role, operation: operation)
        }
    }
}
