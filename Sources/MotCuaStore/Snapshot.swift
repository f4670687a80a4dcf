#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// Which snapshot is current: two slots (`HEAD.a`, `HEAD.b`) written alternately, each a JSON line
/// followed by its CRC, so a torn write of one slot leaves the other valid.
struct SnapshotHead: Codable, Equatable {
    var gen: Int
    var seq: Int64
    var hash: String
    var segment: String
    var offset: Int64
    var line: Int
    /// File per key: each receipt year ("2026"), and "open" for the open dossiers of earlier years.
    var years: [String: String]
    var ops: String
    /// The newest receipt year: its file holds all its dossiers; older years' files only closed ones.
    var recentYear: Int?
    /// The receipt books' file; absent in heads written before fees were kept (no receipts then).
    var receipts: String? = nil
    /// Per file key, the latest closing time (seconds) of its rows: a period report skips an
    /// older year closed entirely before the period. Absent (older snapshots, a year never
    /// rewritten since): the year is loaded.
    var closedThrough: [String: Int64]?
    /// Per rows file name, the size, inode and modification time it had when this snapshot wrote
    /// (or checked) it: a reader finding the same trusts the CRC the writer computed instead of
    /// reading the whole file again. Absent (older heads, a copied store): the CRC is computed.
    var stamps: [String: FileStamp]? = nil
    /// The older years' rows as one image the terminal apps map (HistoryImage.swift); absent in
    /// heads written before it, or with no older year.
    var image: HistoryImage.Reference? = nil

    /// The rows files the image must be built from: every year before the newest.
    var olderYears: [String: String] { recentYear.map { Self.olderYears(of: years, before: $0) } ?? [:] }

    /// The files of `years` for the years before `recent` (not the open dossiers' file).
    static func olderYears(of years: [String: String], before recent: Int) -> [String: String] {
        years.filter { key, _ in Int(key).map { $0 < recent } ?? false }
    }
}

/// How much of the history to load when opening.
public enum HistoryLoading: Sendable {
    /// Everything, before `open` returns (commands that scan all dossiers).
    case all
    /// The newest year and every open dossier now; older closed dossiers later
    /// (`loadHistoryStep`), so the first screen depends on this year's volume, not on history.
    case deferred
    /// As `.deferred`, but every older year at once from the history image when HEAD names a
    /// usable one (HistoryImage.swift): its pages mapped, shared by every process that maps them.
    /// The terminal app and the other long-running screens.
    case mapped
    /// Every open dossier now (the open file and the newest year's open rows); every other row
    /// when a query asks for it, read in place from the mapped rows files (Store+Preload.swift):
    /// the command line's `show`, `list`, `overdue` and `report`.
    case onDemand
    /// As `.onDemand`, but not even the newest year's open rows at open: `show` takes its one row
    /// (a binary search of its year's file). The first query over open dossiers takes them then
    /// and the store is `.onDemand` from there on (`settlePending`).
    case byCode
}

/// Derived index snapshots: one rows file per receipt year, plus the open dossiers of earlier years
/// and the recent idempotency keys. Always rebuildable from the journal: a missing, stale or
/// damaged snapshot is rebuilt, never trusted.
extension Store {
    /// Take a snapshot once this many lines were applied since the last one.
    static let snapshotEvery = 1_000
    /// An idempotency key is honoured this long after the line that used it was written (its
    /// `entered` time, not a back-dated paper time); later the same key is a new command. The
    /// window is applied when a key is looked up, so the answer is the same whether the keys came
    /// from a snapshot or from a replay of the whole journal.
    static let opsRetention: Int64 = 30 * 86_400
    static let openKey = "open"

    /// Opens from the newest valid snapshot and replays the journal after it; rebuilds otherwise.
    func loadSnapshotAndReplay(history: HistoryLoading) throws {
        let head = bestHead()
        historyMode = history == .mapped ? .deferred : history       // without an image, it is `.deferred`
        defer {
            // The index had read lines the journal no longer holds: cut, emptied or replaced.
            if let head, head.seq > cursor.lastSeq {
                journalBehindIndex = "journal/\(head.segment): chỉ mục đã đọc tới seq \(head.seq) (byte \(head.offset)), "
                    + "nhật ký chỉ còn tới seq \(cursor.lastSeq): các dòng sau đã bị cắt, xoá hoặc thay (khôi phục bản sao lưu cũ, sửa tay?)"
                notices.append(journalBehindIndex!)
            }
        }
        if let head, (try? load(head, history: history)) != nil {
            do {
                try journal.read(from: &cursor, apply: applyLine, damaged: noteDamage)
                if history == .onDemand { preloadOpenRows(recent: head.recentYear) }      // `.byCode`: when asked
                checkpointIfDue()
                return
            } catch is JournalShrank {
                notices.append("Chỉ mục không khớp nhật ký (nhật ký ngắn hơn): dựng lại từ nhật ký")
            }
        }
        try reloadFromScratch()
        // Replace the unusable snapshot even when it claims this very seq, or every open would rebuild.
        if linesSinceSnapshot > 0 { try? checkpoint(replacingSameSeq: true) }
    }

    /// After a write or a long replay: snapshot when enough lines have accumulated.
    func checkpointIfDue() {
        if linesSinceSnapshot >= Store.snapshotEvery { try? checkpoint() }
    }

    private var headPaths: [String] { ["\(files.index)/HEAD.a", "\(files.index)/HEAD.b"] }

    func readHead(_ path: String) -> SnapshotHead? {
        guard let bytes = try? fs.readFile(path) else { return nil }
        let lines = bytes.split(separator: 10)
        guard lines.count == 2, CRC32.hex(CRC32.checksum(Array(lines[0]))) == String(decoding: lines[1], as: UTF8.self) else {
            return nil
        }
        return try? JSONDecoder().decode(SnapshotHead.self, from: Data(lines[0]))
    }

    func bestHead() -> SnapshotHead? {
        headPaths.compactMap(readHead).max { $0.gen < $1.gen }
    }

    private func load(_ head: SnapshotHead, history: HistoryLoading) throws {
        var fresh = DossierIndex()
        let recent = head.recentYear ?? Int.max
        // The terminal app maps the older years from the image: shared, and all of history at once.
        var imaged: [String: String] = [:]
        if history == .mapped, let image = loadHistoryImage(head) {
            fresh = image
            imaged = head.olderYears
        }
        for (key, file) in head.years.sorted(by: { $0.key < $1.key }) where imaged[key] == nil {
            if history != .all, let year = Int(key), year < recent || (history != .deferred && history != .mapped && year == recent) {
                fresh.deferredYears.insert(year)
                continue
            }
            var loader = try RowsLoader(file: mappedRows(file, head: head), except: [], year: nil)
            _ = loader.load(into: &fresh, budget: nil)
        }
        if let bytes = try fs.readFile("\(files.index)/\(head.ops)") {
            let entries = try JSONDecoder().decode([OpEntry].self, from: Data(bytes))
            fresh.restoreOps(Dictionary(entries.map { ($0.op, $0.outcome) }, uniquingKeysWith: { a, _ in a }))
        }
        if let name = head.receipts {
            guard let bytes = try fs.readFile("\(files.index)/\(name)") else { throw SnapshotInvalid() }
            fresh.receipts = try JSONDecoder().decode(ReceiptBooks.self, from: Data(bytes))
        }
        guard let segment = SegmentName(fileName: head.segment) else { throw SnapshotInvalid() }
        try verifyAnchor(head, segment: segment)
        fresh.dirtyYears = []
        _ = fresh.takeTouched()
        reloadCount += 1
        index = fresh
        historyLoader = nil
        cursor = JournalCursor(segment: segment, offset: head.offset, line: head.line, lastSeq: head.seq, lastHash: head.hash)
        baseHead = head
        linesSinceSnapshot = 0
    }

    /// The journal line just before the snapshot's offset must be the one the snapshot covered.
    private func verifyAnchor(_ head: SnapshotHead, segment: SegmentName) throws {
        guard head.seq > 0 else { return }
        let path = journal.path(segment)
        let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
        defer { fs.close(fd) }
        guard try fs.fstat(fd, path: path).size >= head.offset, head.offset > 0 else { throw SnapshotInvalid() }
        let start = max(0, head.offset - 65_536)
        let bytes = try fs.pread(fd, count: Int(head.offset - start), at: start, path: path)
        guard bytes.last == 10 else { throw SnapshotInvalid() }
        let body = bytes.dropLast()
        let lineStart = (body.lastIndex(of: 10).map { $0 + 1 }) ?? body.startIndex
        guard Journal.storedHash(in: body[lineStart...]) == head.hash else { throw SnapshotInvalid() }
    }

    // MARK: - Deferred history

    /// Whether older closed dossiers are still to be loaded.
    public var isHistoryComplete: Bool { index.deferredYears.isEmpty }

    /// Loads older years for at most `budget` seconds (nil: all of it). Returns true when complete.
    /// A damaged rows file is not trusted: the whole index is rebuilt from the journal instead.
    @discardableResult
    public func loadHistoryStep(budget: Double? = nil) -> Bool {
        guard !index.deferredYears.isEmpty else { return true }
        let deadline = budget.map { Date().addingTimeInterval($0) }
        do {
            // One year's file at a time, newest first: opening a file reads and checks all of it,
            // so opening every year at once would spend the first step's budget many times over.
            while let year = historyLoader?.year ?? index.deferredYears.max() {
                if historyLoader == nil {
                    guard let file = baseHead?.years[String(year)] else {
                        replayPending(year: year)                       // a year with no rows file
                        continue
                    }
                    historyLoader = try RowsLoader(file: mappedRows(file), except: index.preloadedRows[year] ?? [], year: year)
                }
                guard var loader = historyLoader else { break }
                let done = loader.load(into: &index, budget: deadline)
                historyLoader = done ? nil : loader
                guard done else { return false }
                replayPending(year: year)
                if let deadline, Date() > deadline, !index.deferredYears.isEmpty { return false }
            }
            Self.returnFreedMemory()
            return true
        } catch {
            notices.append("Chỉ mục năm cũ hỏng, dựng lại từ nhật ký: \(error)")
            historyLoader = nil
            try? reloadFromScratch()
            return true
        }
    }

    /// Applies the journal lines that touched a deferred year before its rows were loaded.
    func replayPending(year: Int) {
        for (record, position) in index.takePending(year: year) {
            applyLine(ReadLine(record: record, position: position, fileName: journal.path(SegmentName(id: position.segment)), lineNumber: 0))
        }
    }

    /// Hands the pages freed by loading (each year's decoded file, the columns' old buffers) back
    /// to the system: glibc keeps them otherwise, ~100 MB per clerk process at 500,000 dossiers.
    static func returnFreedMemory() {
        typealias Trim = @convention(c) (Int) -> Int32
        _ = callSystemFunction("malloc_trim", as: Trim.self) { $0(0) }
    }

    /// Every year, now (reports, checks, a snapshot that must rewrite an old year).
    public func loadHistory() { loadHistoryStep(budget: nil) }

    /// The deferred years a report of `from`…`to` can count (same margins as
    /// `summaries(overlapping:)`): all but those whose every dossier closed before the period.
    /// A year with journal lines waiting (changed since the snapshot) is always loaded.
    /// Only their rows that overlap the period are read from the files (`preload`).
    public func loadHistory(overlapping from: CivilDate, _ to: CivilDate) {
        let start = Instant(date: from.adding(days: -1)).seconds, end = Instant(date: to.adding(days: 2)).seconds
        let years = index.deferredYears.filter { year in
            guard let closed = baseHead?.closedThrough?[String(year)] else { return true }
            return closed >= start || index.hasPending(year: year)
        }
        preload(years: Array(years)) { file in { row in
            let closed = file.time(DossierTable.closedAtColumn, at: row)
            return file.time(DossierTable.receivedAtColumn, at: row) < end && (closed == DossierTable.none || closed >= start)
        } }
        settlePending()
    }

    /// One deferred year, now, the others left deferred: `show` of a 2023 dossier reads 2023's
    /// rows file, not five years of them. A year half loaded by a budgeted step finishes all.
    func loadHistory(year: Int) {
        guard index.deferredYears.contains(year) else { return }
        guard historyLoader == nil else { return loadHistory() }
        guard let file = baseHead?.years[String(year)] else { return replayPending(year: year) }
        do {
            var loader = try RowsLoader(file: mappedRows(file), except: index.preloadedRows[year] ?? [], year: year)
            _ = loader.load(into: &index, budget: nil)
            replayPending(year: year)
        } catch {
            notices.append("Chỉ mục năm cũ hỏng, dựng lại từ nhật ký: \(error)")
            try? reloadFromScratch()
        }
    }

    // MARK: - Writing

    /// Writes a snapshot of the loaded index: the rows files changed since the base snapshot, the
    /// idempotency keys, then the other HEAD slot. Skipped if another process is already at it or
    /// has written a newer one (`replacingSameSeq`: or one at the same point, found unusable).
    public func checkpoint(replacingSameSeq: Bool = false) throws {
        let lockFD = try fs.open(files.snapshotLock, flags: O_RDWR | O_CREAT, mode: config.fileModeBits)
        defer { fs.close(lockFD) }
        try? fs.fchmod(lockFD, mode: config.fileModeBits, path: files.snapshotLock)
        guard try fs.tryLock(lockFD, exclusive: true, path: files.snapshotLock) else { return }
        defer { fs.unlock(lockFD) }
        removeInterruptedTemporaryFiles()
        let heads = headPaths.map(readHead)
        let newest = heads.compactMap { $0 }.max { $0.gen < $1.gen }
        if let newest, cursor.lastSeq < newest.seq || (cursor.lastSeq == newest.seq && !replacingSameSeq) { return }
        let recent = max(index.maxYear, baseHead?.recentYear ?? 0)
        // Rewriting an old year needs all its rows; loading the history is the price of a change there.
        if index.dirtyYears.contains(where: { index.deferredYears.contains($0) }) || (baseHead?.recentYear ?? recent) != recent {
            loadHistory()
        }
        let table = index.table                 // after loading: a copy taken before lacks the rows just loaded
        let gen = (newest?.gen ?? 0) + 1
        var groups: [String: [Int]] = [:]
        for row in 0..<table.count {
            let year = DossierCode.year(of: table.code(at: row)) ?? 0
            let key = year < recent && !table.state[row].isClosed ? Store.openKey : String(year)
            groups[key, default: []].append(row)
        }
        let olderDirty = index.dirtyYears.contains { $0 < recent }
        var files: [String: String] = [:]
        var closedThrough: [String: Int64] = [:]
        var stamps: [String: FileStamp] = [:]
        for key in Set(groups.keys).union(index.deferredYears.map(String.init)) {
            // A file of an older schema is rewritten once its rows are here (a deferred year's stays).
            let outdated = baseHead?.years[key].flatMap { rowsMaps[$0] }.map { $0.header.schema != rowsSchema } ?? false
            let dirty = outdated || (key == Store.openKey ? olderDirty : (Int(key).map(index.dirtyYears.contains) ?? true))
            if !dirty || index.deferredYears.contains(Int(key) ?? -1), baseHead?.recentYear == recent,
               let reused = baseHead?.years[key], (try? fs.stat("\(self.files.index)/\(reused)")) != nil {
                files[key] = reused
                stamps[reused] = verifiedStamps[reused] ?? baseHead?.stamps?[reused]
                // A snapshot of an older version has no figure: computed when the rows are here.
                closedThrough[key] = baseHead?.closedThrough?[key]
                    ?? (index.deferredYears.contains(Int(key) ?? -1) ? nil : Self.latestClosing(groups[key] ?? [], table))
                continue
            }
            let name = "\(key).\(gen).rows"
            let bytes = try RowsFile.encode(index, rows: groups[key] ?? [], seq: cursor.lastSeq, schema: rowsSchema)
            try writeFile("\(self.files.index)/\(name)", bytes, mode: config.fileModeBits)
            files[key] = name
            // What a reader compares before trusting the CRC computed here (MappedRows).
            if let status = try? fs.stat("\(self.files.index)/\(name)"), let crc = RowsFile.trailerCRC(bytes) {
                stamps[name] = FileStamp(status, crc: crc)
            }
            closedThrough[key] = Self.latestClosing(groups[key] ?? [], table)
        }
        let image = currentHistoryImage(files: files, recent: recent, gen: gen, stamps: &stamps)
        let ops = index.ops.filter { $0.value.writtenAt >= opsSnapshotCutoff }.map { OpEntry(op: $0.key, outcome: $0.value) }.sorted { $0.op < $1.op }
        let opsName = "ops.\(gen).json"
        try writeFile("\(self.files.index)/\(opsName)", Array(try JSONEncoder().encode(ops)), mode: config.fileModeBits)
        let receiptsName = "receipts.\(gen).json"
        try writeFile("\(self.files.index)/\(receiptsName)", Array(try JSONEncoder().encode(index.receipts)), mode: config.fileModeBits)
        let head = SnapshotHead(gen: gen, seq: cursor.lastSeq, hash: cursor.lastHash, segment: cursor.segment.fileName,
                                offset: cursor.offset, line: cursor.line, years: files, ops: opsName, recentYear: recent,
                                receipts: receiptsName, closedThrough: closedThrough, stamps: stamps, image: image)
        let json = Array(try JSONEncoder().encode(head))
        try writeFile(headPaths[gen % 2], json + [10] + Array(CRC32.hex(CRC32.checksum(json)).utf8) + [10], mode: config.fileModeBits)
        baseHead = head
        rowsMaps = rowsMaps.filter { head.years.values.contains($0.key) }
        index.dirtyYears = []
        linesSinceSnapshot = 0
        removeUnreferencedSnapshotFiles(keeping: [head, heads[(gen + 1) % 2]].compactMap { $0 })
    }

    static func latestClosing(_ rows: [Int], _ table: DossierTable) -> Int64 {
        rows.lazy.map { table.closedAt[$0] }.filter { $0 != DossierTable.none }.max() ?? 0
    }

    /// Keys written before this are not needed by any lookup at or after the newest write (or
    /// the real clock, whichever is earlier: one line dated in the future must not push the
    /// window past every other key).
    var opsSnapshotCutoff: Instant {
        let newest = index.ops.values.map(\.writtenAt).max() ?? Instant(seconds: 0)
        let wallClock = Instant(seconds: Int64(Date().timeIntervalSince1970))
        return min(newest, wallClock).adding(seconds: -Store.opsRetention - 86_400)
    }

    private func writeFile(_ path: String, _ bytes: [UInt8], mode: UInt32) throws {
        do { try fs.atomicReplace(path, with: bytes, mode: mode, group: groupID) } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
    }

    /// Only the holder of the snapshot lock writes in index/: a `.tmp` file found there by the
    /// holder is what a snapshot killed mid-write left, never a write in progress.
    private func removeInterruptedTemporaryFiles() {
        guard let names = try? fs.listDirectory(files.index) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") { try? fs.unlink("\(files.index)/\(name)") }
    }

    private func removeUnreferencedSnapshotFiles(keeping heads: [SnapshotHead]) {
        let referenced = Set(heads.flatMap { Array($0.years.values) + [$0.ops] + [$0.receipts, $0.image?.name].compactMap { $0 } })
        guard let names = try? fs.listDirectory(files.index) else { return }
        for name in names where (name.hasSuffix(".rows") || name.hasPrefix("ops.") || name.hasPrefix("receipts.") || name.hasPrefix("image."))
            && !referenced.contains(name) {
            try? fs.unlink("\(files.index)/\(name)")
        }
    }
}

struct OpEntry: Codable {
    let op: String
    let seq: Int64
    let dossier: UUID
    let code: String
    let version: Int
    let at: Instant
    /// Absent in snapshots written before keys were bound to their command.
    let kind: DossierEvent.Kind?
    let digest: String?
    let written: Instant?

    init(op: String, outcome: OpOutcome) {
        self.op = op
        seq = outcome.seq
        dossier = outcome.dossier
        code = outcome.code
        version = outcome.version
        at = outcome.at
        kind = outcome.kind
        digest = outcome.digest
        written = outcome.written
    }

    var outcome: OpOutcome {
        OpOutcome(seq: seq, dossier: dossier, code: code, version: version, at: at, kind: kind, digest: digest, written: written)
    }
}
