#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// What identifies the rows file a snapshot wrote: recorded in HEAD beside its name, so a
/// reader can tell the file is the one whose CRC the writer computed (Snapshot.swift), and a
/// valid file put in its place (another year's, an older generation's) is refused by its CRC.
struct FileStamp: Codable, Equatable, Sendable {
    let size: Int64
    let inode: UInt64
    let modified: Int64
    /// The trailer's CRC (hex).
    let crc: String

    init(_ status: FileStatus, crc: String) {
        size = status.size
        inode = status.inode
        modified = status.modified
        self.crc = crc
    }

    func matches(_ status: FileStatus) -> Bool { size == status.size && inode == status.inode && modified == status.modified }
}

/// One rows file mapped read-only (`PROT_READ`, `MAP_SHARED`): its pages are the page cache's,
/// shared by every process that maps it, and only the pages a query reads are touched. Rows
/// files are never changed in place: a snapshot writes a new file and renames it into place
/// (`atomicReplace`) and old ones are only unlinked, so a mapping stays valid while it is held
/// (a truncate under a mapping would be SIGBUS). Values are read where they lie; `gather`
/// copies the rows a query needs into columns the table appends, checking each value.
final class MappedRows {
    let header: RowsHeader
    let rows: Int
    let status: FileStatus
    /// Whether this process computed the trailer's CRC (false: trusted by the stamp in HEAD).
    let checksummed: Bool
    let crc: String
    private let mapping: UnsafeMutableRawPointer
    private let mappedSize: Int
    /// The columns' bytes, between the header line and the trailer line.
    private let body: UnsafeRawBufferPointer
    private let lengthsAt, procedureAt, stateAt, channelAt, kindAt, flagsAt, supplementAt: Int
    private let namesAt, timesAt, versionAt, countsAt, segmentAt, eventLengthAt, eventOffsetAt, pausesAt, arenaAt: Int
    /// Where each row's strings and journal positions start (one more entry than rows): read in
    /// place from a schema 3 file (`storedStartsAt`), computed at map time for a schema 2 one.
    private let computedArenaStart: [Int]
    private let computedEventStart: [Int]
    /// Schema 3: the arena offsets, then the event offsets, then the code order (-1: schema 2).
    private let storedStartsAt: Int
    private let states: [DossierState?]

    /// Maps `path` and checks its header, trailer and section sizes; the CRC of the whole file
    /// is computed unless `stamp` (from HEAD) says this is the very file the writer checked.
    init(path: String, seq: Int64, fs: FileSystem, stamp: FileStamp?) throws {
        let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
        defer { fs.close(fd) }
        let status = try fs.fstat(fd, path: path)
        guard status.size > 0, status.size < Int64(Int32.max),
              let map = mmap(nil, Int(status.size), PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else { throw SnapshotInvalid() }
        let size = Int(status.size)
        var ok = false
        defer { if !ok { munmap(map, size) } }      // every throw below comes before the object exists
        let all = UnsafeRawBufferPointer(start: map, count: size)
        guard let firstNewline = all.firstIndex(of: 10), all.last == 10,
              let trailerStart = all[..<(all.count - 1)].lastIndex(of: 10).map({ $0 + 1 }), trailerStart > firstNewline + 1,
              let trailer = try? JSONDecoder().decode(RowsTrailer.self, from: Data(all[trailerStart..<(all.count - 1)])),
              let header = try? JSONDecoder().decode(RowsHeader.self, from: Data(all[0..<firstNewline])),
              RowsFile.readableSchemas.contains(header.schema), header.seq <= seq, header.rows == trailer.rows,
              header.rows >= 0, header.rows < Int(Int32.max) else {
            throw SnapshotInvalid()
        }
        if let stamp, stamp.crc != trailer.crc { throw SnapshotInvalid() }
        let checksummed = stamp?.matches(status) != true
        if checksummed {
            guard CRC32.hex(CRC32.checksum(UnsafeRawBufferPointer(rebasing: all[0..<trailerStart]))) == trailer.crc else { throw SnapshotInvalid() }
        }
        let body = UnsafeRawBufferPointer(rebasing: all[(firstNewline + 1)..<(trailerStart - 1)])
        let n = header.rows, e = header.events
        // The writer's order (RowsFile.encode): ids, 5 string lengths, procedure, 5 byte columns,
        // 7 name columns, 11 time columns, version, event counts, the 3 event columns, pauses, arena,
        // and in schema 3 the arena and event offsets and the code order.
        let lengthsAt = 16 * n
        let procedureAt = lengthsAt + DossierTable.stringColumns.count * 4 * n
        let stateAt = procedureAt + 2 * n
        let supplementAt = stateAt + 4 * n
        let namesAt = supplementAt + n
        let timesAt = namesAt + DossierTable.nameColumns.count * 4 * n
        let versionAt = timesAt + DossierTable.timeColumns.count * 8 * n
        let countsAt = versionAt + 4 * n
        let segmentAt = countsAt + 4 * n
        let pausesAt = segmentAt + 10 * max(0, e)
        let arenaAt = pausesAt + 8 * max(0, header.pauseWords)
        let storedStartsAt = header.schema >= 3 ? arenaAt + header.arenaBytes : -1
        let extra = header.schema >= 3 ? 4 * (3 * n + 2) : 0
        guard e >= 0, header.pauseWords >= 0, header.arenaBytes >= 0, arenaAt + header.arenaBytes + extra == body.count else { throw SnapshotInvalid() }
        func word(_ at: Int) -> Int { Int(UInt32(littleEndian: body.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        var arenaStart: [Int] = [], eventStart: [Int] = []
        if storedStartsAt >= 0 {
            // Each row's offsets are checked where they are read (`string`, `gather`); here the ends.
            guard word(storedStartsAt) == 0, word(storedStartsAt + 4 * n) == header.arenaBytes,
                  word(storedStartsAt + 4 * (n + 1)) == 0, word(storedStartsAt + 4 * (2 * n + 1)) == e else { throw SnapshotInvalid() }
        } else {
            arenaStart = [Int](repeating: 0, count: n + 1)
            eventStart = [Int](repeating: 0, count: n + 1)
            for row in 0..<n {
                var length = 0
                for k in 0..<DossierTable.stringColumns.count { length += word(lengthsAt + (k * n + row) * 4) }
                arenaStart[row + 1] = arenaStart[row] + length
                eventStart[row + 1] = eventStart[row] + word(countsAt + row * 4)
            }
            guard arenaStart[n] == header.arenaBytes, eventStart[n] == e else { throw SnapshotInvalid() }
        }
        ok = true
        mapping = map
        mappedSize = size
        self.status = status
        self.checksummed = checksummed
        crc = trailer.crc
        self.header = header
        self.body = body
        rows = n
        self.lengthsAt = lengthsAt
        self.procedureAt = procedureAt
        self.stateAt = stateAt
        channelAt = stateAt + n
        kindAt = stateAt + 2 * n
        flagsAt = stateAt + 3 * n
        self.supplementAt = supplementAt
        self.namesAt = namesAt
        self.timesAt = timesAt
        self.versionAt = versionAt
        self.countsAt = countsAt
        self.segmentAt = segmentAt
        eventLengthAt = segmentAt + 2 * e
        eventOffsetAt = segmentAt + 6 * e
        self.pausesAt = pausesAt
        self.arenaAt = arenaAt
        computedArenaStart = arenaStart
        computedEventStart = eventStart
        self.storedStartsAt = storedStartsAt
        states = header.states.map(DossierState.init(rawValue:))
    }

    deinit { munmap(mapping, mappedSize) }

    /// Gives back the pages this process touched (a scan reads most of a file): they stay in the
    /// page cache, and a later read faults them in again. What the rows taken need was copied
    /// out (`gather`), so a search over five years peaks at about one file's pages, not five.
    func releasePages() { _ = madvise(mapping, mappedSize, MADV_DONTNEED) }

    // MARK: - Values in place (unaligned: the header line has any length)

    private func u8(_ at: Int) -> UInt8 { body[at] }
    private func u16(_ at: Int) -> UInt16 { UInt16(littleEndian: body.loadUnaligned(fromByteOffset: at, as: UInt16.self)) }
    private func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: body.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    private func i64(_ at: Int) -> Int64 { Int64(littleEndian: body.loadUnaligned(fromByteOffset: at, as: Int64.self)) }

    func id(at row: Int) -> UUID { UUID(uuid: body.loadUnaligned(fromByteOffset: row * 16, as: uuid_t.self)) }
    /// Nil for a number the header does not name (the row is then gathered, and refused there).
    func state(at row: Int) -> DossierState? {
        let k = Int(u8(stateAt + row))
        return k < states.count ? states[k] : nil
    }
    /// The header's name number in column `k` of `DossierTable.nameColumns` (0: none).
    func name(_ k: Int, at row: Int) -> UInt32 { u32(namesAt + (k * rows + row) * 4) }
    /// Column `k` of `DossierTable.timeColumns`.
    func time(_ k: Int, at row: Int) -> Int64 { i64(timesAt + (k * rows + row) * 8) }
    /// String `k` of the row (code, name, ID number, phone, search key), in place; empty when a
    /// stored offset points outside the arena (the row is refused when gathered).
    func string(_ k: Int, at row: Int) -> UnsafeRawBufferPointer {
        var start = arenaAt + arenaStart(row)
        for j in 0..<k { start += Int(u32(lengthsAt + (j * rows + row) * 4)) }
        let end = start + Int(u32(lengthsAt + (k * rows + row) * 4))
        guard end <= arenaAt + header.arenaBytes else { return UnsafeRawBufferPointer(rebasing: body[0..<0]) }
        return UnsafeRawBufferPointer(rebasing: body[start..<end])
    }

    private func arenaStart(_ row: Int) -> Int { storedStartsAt < 0 ? computedArenaStart[row] : Int(u32(storedStartsAt + 4 * row)) }
    private func eventStart(_ row: Int) -> Int {
        storedStartsAt < 0 ? computedEventStart[row] : Int(u32(storedStartsAt + 4 * (rows + 1 + row)))
    }

    /// The rows whose code is `code`, by a binary search of the code order (a few pages read);
    /// nil for a schema 2 file, which has none (the caller scans the codes).
    func rows(withCode code: [UInt8]) -> [Int]? {
        guard storedStartsAt >= 0 else { return nil }
        let orderAt = storedStartsAt + 8 * (rows + 1)
        func row(_ k: Int) -> Int { Int(u32(orderAt + 4 * k)) }
        var low = 0, high = rows
        while low < high {
            let mid = (low + high) / 2, r = row(mid)
            guard r < rows else { return nil }                   // a damaged order: scan instead
            if string(0, at: r).lexicographicallyPrecedes(code) { low = mid + 1 } else { high = mid }
        }
        var found: [Int] = []
        while low < rows, row(low) < rows, string(0, at: row(low)).elementsEqual(code) {
            found.append(row(low))
            low += 1
        }
        return found.sorted()
    }

    /// The file's number for a name, or nil when it names no row here.
    func nameNumber(_ name: String) -> UInt32? { header.names.firstIndex(of: name).map(UInt32.init) }

    // MARK: - Copying rows out

    /// Every row, decoded in bulk (the whole year is wanted).
    func decodeAll() throws -> RowsColumns {
        var reader = ByteReader(raw: body)
        return try RowsFile.decodeColumns(&reader, header)
    }

    /// Rows `list` (ascending) as columns of their own, each value checked as `decodeAll` checks it.
    func gather(_ list: [Int]) throws -> RowsColumns {
        let n = rows
        var c = RowsColumns()
        c.ids = list.map(id(at:))
        c.stringLengths = DossierTable.stringColumns.indices.map { k in list.map { u32(lengthsAt + (k * n + $0) * 4) } }
        c.procedure = list.map { u16(procedureAt + $0 * 2) }
        guard c.procedure.allSatisfy({ Int($0) < header.procedures.count }) else { throw SnapshotInvalid() }
        c.state = try Self.enums(list.map { u8(stateAt + $0) }, names: header.states)
        c.channel = try Self.enums(list.map { u8(channelAt + $0) }, names: header.channels)
        c.lastKind = try Self.enums(list.map { u8(kindAt + $0) }, names: header.kinds)
        c.flagBits = try RowsFile.remapFlags(list.map { u8(flagsAt + $0) }, names: header.flags)
        c.supplementCount = list.map { u8(supplementAt + $0) }
        c.names = DossierTable.nameColumns.indices.map { k in list.map { name(k, at: $0) } }
        guard c.names.allSatisfy({ $0.allSatisfy { Int($0) < header.names.count } }) else { throw SnapshotInvalid() }
        c.times = DossierTable.timeColumns.indices.map { k in list.map { time(k, at: $0) } }
        c.version = list.map { Int32(bitPattern: u32(versionAt + $0 * 4)) }
        c.eventCounts = list.map { u32(countsAt + $0 * 4) }
        var position = [Int: Int]()
        for (k, row) in list.enumerated() {
            position[row] = k
            let arena = (arenaStart(row), arenaStart(row + 1)), events = (eventStart(row), eventStart(row + 1))
            // Stored offsets (schema 3) must agree with the row's lengths and counts and stay inside.
            guard arena.0 <= arena.1, arena.1 <= header.arenaBytes, events.0 <= events.1, events.1 <= header.events,
                  arena.1 - arena.0 == c.stringLengths.reduce(0, { $0 + Int($1[k]) }),
                  events.1 - events.0 == Int(c.eventCounts[k]) else { throw SnapshotInvalid() }
            for e in events.0..<events.1 {
                c.eventSegment.append(u16(segmentAt + e * 2))
                c.eventLength.append(u32(eventLengthAt + e * 4))
                c.eventOffset.append(u32(eventOffsetAt + e * 4))
            }
            c.arena.append(contentsOf: body[(arenaAt + arena.0)..<(arenaAt + arena.1)])
        }
        c.pauses = try pauses(of: position)
        c.arenaStart = [0]
        c.eventStart = [0]
        for k in list.indices {
            c.arenaStart.append(c.arenaStart[k] + arenaStart(list[k] + 1) - arenaStart(list[k]))
            c.eventStart.append(c.eventStart[k] + Int(c.eventCounts[k]))
        }
        return c
    }

    /// The pause records of the rows in `position` (file row → gathered row), renumbered. The
    /// records are walked in place and only those decoded (decoding a year's all cost ~3 ms);
    /// each record's shape is checked as `RowsFile.decodePauses` checks it.
    private func pauses(of position: [Int: Int]) throws -> [RowsColumns.PauseRow] {
        let words = header.pauseWords
        var result: [RowsColumns.PauseRow] = []
        var i = 0, last = -1
        while i < words {
            guard words - i >= 3 else { throw SnapshotInvalid() }
            let row = Int(i64(pausesAt + 8 * i)), pauseCount = i64(pausesAt + 8 * i + 8), historyCount = i64(pausesAt + 8 * i + 16)
            guard row > last, row < rows, (0...Int64(words)).contains(pauseCount), (0...Int64(words)).contains(historyCount),
                  Int(pauseCount) * 2 + Int(historyCount) * 3 <= words - i - 3 else { throw SnapshotInvalid() }
            last = row
            let next = i + 3 + Int(pauseCount) * 2 + Int(historyCount) * 3
            if let k = position[row] {
                var reader = ByteReader(raw: UnsafeRawBufferPointer(rebasing: body[(pausesAt + 8 * i)..<(pausesAt + 8 * next)]))
                guard let record = try RowsFile.decodePauses(try reader.array(next - i), rows: rows, states: header.states).first else { throw SnapshotInvalid() }
                result.append(RowsColumns.PauseRow(row: k, pauses: record.pauses, history: record.history))
            }
            i = next
        }
        return result
    }

    private static func enums<E: RawRepresentable>(_ numbers: [UInt8], names: [String]) throws -> [E] where E.RawValue == String {
        let lookup = names.map(E.init(rawValue:))
        return try numbers.map { number in
            guard Int(number) < lookup.count, let value = lookup[Int(number)] else { throw SnapshotInvalid() }
            return value
        }
    }
}

/// Reads one rows file into an index, all at once or a time budget at a time.
struct RowsLoader {
    let year: Int?
    let header: RowsHeader
    let columns: RowsColumns
    var loaded = 0
    /// The table's numbers for the file's procedures and names.
    var procedureNumbers: [UInt16] = []
    var nameNumbers: [UInt32] = []

    /// The rows of `file` not in `except` (those a preload already took).
    init(file: MappedRows, except: Set<Int>, year: Int?) throws {
        header = file.header
        columns = except.isEmpty ? try file.decodeAll() : try file.gather((0..<file.rows).filter { !except.contains($0) })
        self.year = year
    }

    init(file: MappedRows, columns: RowsColumns, year: Int?) {
        header = file.header
        self.columns = columns
        self.year = year
    }

    /// Inserts rows until done (true) or past `budget`.
    mutating func load(into index: inout DossierIndex, budget deadline: Date?) -> Bool {
        let rows = columns.count
        if loaded == 0 {
            index.reserve(rows)
            procedureNumbers = header.procedures.map { index.procedureNumber($0) }
            nameNumbers = header.names.map { index.nameNumber($0) }
        }
        while loaded < rows {
            let chunk = deadline == nil ? rows - loaded : min(5_000, rows - loaded)
            index.append(columns, rows: loaded..<(loaded + chunk), procedures: procedureNumbers, names: nameNumbers)
            loaded += chunk
            if let deadline, Date() > deadline { break }
        }
        return loaded == rows
    }
}
