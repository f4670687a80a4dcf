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
    /// Receipt year → its rows file.
    var years: [String: String]
    var ops: String
}

/// Derived index snapshots: one rows file per receipt year plus the recent idempotency keys.
/// Always rebuildable from the journal; a missing, stale or damaged snapshot is rebuilt, not trusted.
extension Store {
    static let snapshotSchema = 1
    /// Take a snapshot once this many lines were applied since the last one.
    static let snapshotEvery = 2_000
    /// Idempotency keys are remembered this long.
    static let opsRetention: Int64 = 30 * 86_400

    /// Opens from the newest valid snapshot and replays the journal after it; rebuilds otherwise.
    func loadSnapshotAndReplay() throws {
        if let head = bestHead(), (try? load(head)) != nil {
            do {
                try journal.read(from: &cursor, apply: applyLine, damaged: noteDamage)
                checkpointIfDue()
                return
            } catch is JournalShrank {
                notices.append("Chỉ mục không khớp nhật ký (nhật ký ngắn hơn): dựng lại từ nhật ký")
            }
        }
        try reloadFromScratch()
        if linesSinceSnapshot > 0 { try? checkpoint() }
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

    private func load(_ head: SnapshotHead) throws {
        var fresh = DossierIndex()
        for (_, file) in head.years.sorted(by: { $0.key < $1.key }) {
            try loadRows("\(files.index)/\(file)", seq: head.seq, into: &fresh)
        }
        if let bytes = try fs.readFile("\(files.index)/\(head.ops)") {
            let entries = try JSONDecoder().decode([OpEntry].self, from: Data(bytes))
            fresh.restoreOps(Dictionary(entries.map { ($0.op, $0.outcome) }, uniquingKeysWith: { a, _ in a }))
        }
        guard let segment = SegmentName(fileName: head.segment) else { throw SnapshotInvalid() }
        try verifyAnchor(head, segment: segment)
        fresh.dirtyYears = []
        index = fresh
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

    private func loadRows(_ path: String, seq: Int64, into index: inout DossierIndex) throws {
        guard let bytes = try fs.readFile(path), let firstNewline = bytes.firstIndex(of: 10) else { throw SnapshotInvalid() }
        guard let trailerStart = bytes.dropLast().lastIndex(of: 10).map({ $0 + 1 }) else { throw SnapshotInvalid() }
        let trailer = try JSONDecoder().decode(RowsTrailer.self, from: Data(bytes[trailerStart...]))
        guard CRC32.hex(bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<trailerStart])) }) == trailer.crc else {
            throw SnapshotInvalid()
        }
        let header = try JSONDecoder().decode(RowsHeader.self, from: Data(bytes[0..<firstNewline]))
        guard header.schema == Store.snapshotSchema, header.seq == seq, header.rows == trailer.rows else { throw SnapshotInvalid() }
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = RowScanner(UnsafeBufferPointer(rebasing: buffer[0..<trailerStart]), at: firstNewline + 1)
            for _ in 0..<header.rows {
                let (summary, positions) = try SnapshotRow.decode(&scanner, procedures: header.procedures)
                index.insert(summary, positions: positions)
                try scanner.expect(10)
            }
        }
    }

    /// Writes a snapshot of the loaded index: the rows files of years changed since the base snapshot,
    /// the idempotency keys, then the other HEAD slot. Skipped if another process is already at it
    /// or has written a newer one.
    public func checkpoint() throws {
        let lockFD = try fs.open(files.snapshotLock, flags: O_RDWR | O_CREAT, mode: config.fileModeBits)
        defer { fs.close(lockFD) }
        try? fs.fchmod(lockFD, mode: config.fileModeBits, path: files.snapshotLock)
        guard try fs.tryLock(lockFD, exclusive: true, path: files.snapshotLock) else { return }
        defer { fs.unlock(lockFD) }
        let heads = headPaths.map(readHead)
        let newest = heads.compactMap { $0 }.max { $0.gen < $1.gen }
        guard cursor.lastSeq > (newest?.seq ?? 0) || newest == nil else { return }
        let gen = (newest?.gen ?? 0) + 1
        let mode = config.fileModeBits
        var yearFiles: [String: String] = [:]
        var byYear: [Int: [Int]] = [:]
        for (row, summary) in index.rows.enumerated() { byYear[DossierCode.year(of: summary.code) ?? 0, default: []].append(row) }
        for (year, rows) in byYear {
            let key = String(year)
            if !index.dirtyYears.contains(year), let reused = baseHead?.years[key], (try? fs.stat("\(files.index)/\(reused)")) != nil {
                yearFiles[key] = reused
                continue
            }
            let name = "\(year).\(gen).rows"
            try writeFile("\(files.index)/\(name)", encodeRows(rows, year: year), mode: mode)
            yearFiles[key] = name
        }
        let cutoff = (index.rows.map(\.lastEventAt).max() ?? Instant(seconds: 0)).adding(seconds: -Store.opsRetention)
        let ops = index.ops.filter { $0.value.at >= cutoff }.map { OpEntry(op: $0.key, outcome: $0.value) }.sorted { $0.op < $1.op }
        let opsName = "ops.\(gen).json"
        try writeFile("\(files.index)/\(opsName)", Array(try JSONEncoder().encode(ops)), mode: mode)
        let head = SnapshotHead(gen: gen, seq: cursor.lastSeq, hash: cursor.lastHash, segment: cursor.segment.fileName,
                                offset: cursor.offset, line: cursor.line, years: yearFiles, ops: opsName)
        let json = Array(try JSONEncoder().encode(head))
        try writeFile(headPaths[gen % 2], json + [10] + Array(CRC32.hex(CRC32.checksum(json)).utf8) + [10], mode: mode)
        baseHead = head
        index.dirtyYears = []
        linesSinceSnapshot = 0
        removeUnreferencedSnapshotFiles(keeping: [head, heads[(gen + 1) % 2]].compactMap { $0 })
    }

    private func writeFile(_ path: String, _ bytes: [UInt8], mode: UInt32) throws {
        do { try fs.atomicReplace(path, with: bytes, mode: mode, group: groupID) } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
    }

    private func encodeRows(_ rows: [Int], year: Int) throws -> [UInt8] {
        var procedures: [ProcedureSnapshot] = []
        var procedureIndex: [ProcedureSnapshot: Int] = [:]
        var body = ""
        for row in rows {
            let summary = index.rows[row]
            let p: Int
            if let known = procedureIndex[summary.procedure] { p = known } else {
                p = procedures.count
                procedureIndex[summary.procedure] = p
                procedures.append(summary.procedure)
            }
            body += SnapshotRow.encode(summary, positions: index.positions[row], procedure: p)
            body += "\n"
        }
        let header = RowsHeader(schema: Store.snapshotSchema, year: year, seq: cursor.lastSeq, rows: rows.count, procedures: procedures)
        var bytes = Array(try JSONEncoder().encode(header)) + [10] + Array(body.utf8)
        let trailer = RowsTrailer(rows: rows.count, crc: CRC32.hex(CRC32.checksum(bytes)))
        bytes += Array(try JSONEncoder().encode(trailer)) + [10]
        return bytes
    }

    private func removeUnreferencedSnapshotFiles(keeping heads: [SnapshotHead]) {
        let referenced = Set(heads.flatMap { Array($0.years.values) + [$0.ops] })
        guard let names = try? fs.listDirectory(files.index) else { return }
        for name in names where (name.hasSuffix(".rows") || name.hasPrefix("ops.")) && !referenced.contains(name) {
            try? fs.unlink("\(files.index)/\(name)")
        }
    }
}

struct SnapshotInvalid: Error {}

struct RowsHeader: Codable {
    let schema: Int
    let year: Int
    let seq: Int64
    let rows: Int
    let procedures: [ProcedureSnapshot]
}

struct RowsTrailer: Codable {
    let rows: Int
    let crc: String
}

struct OpEntry: Codable {
    let op: String
    let seq: Int64
    let dossier: UUID
    let code: String
    let version: Int
    let at: Instant

    init(op: String, outcome: OpOutcome) {
        self.op = op
        seq = outcome.seq
        dossier = outcome.dossier
        code = outcome.code
        version = outcome.version
        at = outcome.at
    }

    var outcome: OpOutcome { OpOutcome(seq: seq, dossier: dossier, code: code, version: version, at: at) }
}
