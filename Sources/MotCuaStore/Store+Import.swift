#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

extension Store {
    /// Writes a planned history (demo and benchmark stores) in one locked batch: the same lifecycle
    /// decisions and code allocation as single commands, but one `fdatasync` per segment instead of
    /// one per line. Admins only; every step is recorded under its planned official's login.
    @discardableResult
    public func importPlan<Plan: Sequence>(_ plan: Plan, actor: Actor, progress: ((Int) -> Void)? = nil) throws -> Int
    where Plan.Element == PlannedStep {
        try require(actor, may: .manageUsers)
        try ensureWritable()
        return try withWriteLock {
            try catchUpUnderLock()
            loadHistory()
            var writer = BatchWriter(journal: journal, fs: fs)
            var codes: [Int: String] = [:]
            var written = 0
            let lifecycle = Lifecycle(calendar: calendar, catalogue: catalogue)
            do {
                for step in plan {
                    let id: UUID, code: String, base: Int, event: DossierEvent
                    switch step.action {
                    case .receive(let intake):
                        var received = try lifecycle.receive(intake, agency: config.agency, at: step.at)
                        received.reception?.office = users.user(step.by)?.office
                        event = received
                        id = UUID()
                        code = index.nextCode(agency: config.agency, date: step.at.date)
                        base = 0
                        codes[step.dossier] = code
                    case .command(let command):
                        guard let known = codes[step.dossier], let summary = index.summary(code: known) else { continue }
                        event = try lifecycle.decide(command, for: summary, at: step.at)
                        (id, code, base) = (summary.id, known, summary.version)
                    }
                    let record = JournalRecord(seq: cursor.lastSeq + 1, at: step.at, by: step.by, actingAdmin: nil,
                                               terminal: "import", op: nil, body: .dossier(id: id, code: code, base: base, event: event))
                    let segment = max(cursor.segment, SegmentName(step.at.date))
                    let startsSegment = segment != cursor.segment || cursor.offset == 0
                    if segment != cursor.segment {
                        try writer.flush(sync: true)
                        if cursor.offset > 0 { try seal(cursor.segment) }
                        writer.start(segment: segment, at: 0)
                    } else if !writer.isOpen {
                        writer.start(segment: segment, at: cursor.offset)
                    }
                    let (line, hash) = JournalCodec.encode(record, previousHash: cursor.lastHash, carryPrevious: startsSegment)
                    let position = JournalPosition(segment: segment.id, offset: writer.end, length: Int32(line.count - 1))
                    try writer.add(line)
                    cursor = JournalCursor(segment: segment, offset: writer.end, line: startsSegment ? 1 : cursor.line + 1,
                                           lastSeq: record.seq, lastHash: hash)
                    applyLine(ReadLine(record: record, position: position, fileName: journal.path(segment), lineNumber: cursor.line))
                    if case .command = step.action, index.summary(code: code)?.state.isClosed == true { codes[step.dossier] = nil }
                    written += 1
                    if written % 10_000 == 0 { progress?(written) }
                }
                try writer.flush(sync: true)
                try? checkpoint()
            } catch {
                // What was applied in memory may not be on disk: start again from what is.
                try? reloadFromScratch()
                if let lifecycleError = error as? LifecycleError { throw StoreError.lifecycle(lifecycleError) }
                throw error
            }
            return written
        }
    }
}

/// Buffers lines for one segment and writes them in large chunks.
struct BatchWriter {
    let journal: Journal
    let fs: FileSystem
    private var segment: SegmentName?
    private var fileEnd: Int64 = 0
    private var buffer: [UInt8] = []

    init(journal: Journal, fs: FileSystem) {
        self.journal = journal
        self.fs = fs
    }

    var isOpen: Bool { segment != nil }
    /// The segment's logical end, buffered bytes included.
    var end: Int64 { fileEnd + Int64(buffer.count) }

    mutating func start(segment: SegmentName, at offset: Int64) {
        self.segment = segment
        fileEnd = offset
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func add(_ line: [UInt8]) throws {
        buffer.append(contentsOf: line)
        if buffer.count >= 8 << 20 { try flush(sync: false) }
    }

    mutating func flush(sync: Bool) throws {
        guard let segment else { return }
        let path = journal.path(segment)
        let isNew = try fs.stat(path) == nil
        let fd = try fs.open(path, flags: O_RDWR | O_CREAT, mode: journal.fileMode)
        defer { fs.close(fd) }
        if isNew {
            try? fs.fchmod(fd, mode: journal.fileMode, path: path)      // past the umask, as Journal.append does
            if let group = journal.group { try? fs.fchown(fd, group: group, path: path) }
        }
        let size = try fs.fstat(fd, path: path).size
        guard size == fileEnd else {
            throw StoreError.invalidFile(path: path, reason: "kích thước \(size) khác vị trí ghi dự kiến \(fileEnd)")
        }
        if !buffer.isEmpty {
            do { try fs.writeAll(fd, buffer, at: fileEnd, path: path) } catch {
                try? fs.ftruncate(fd, to: fileEnd, path: path)
                throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
            }
            fileEnd += Int64(buffer.count)
            buffer.removeAll(keepingCapacity: true)
        }
        if sync {
            do {
                try fs.fdatasync(fd, path: path)
                if isNew { try fs.fsyncDirectory(journal.directory) }
            } catch { throw StoreError.syncFailed(error) }
        }
    }
}
