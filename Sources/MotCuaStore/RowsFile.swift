import Foundation
import MotCuaCore

/// Snapshot rows files, schema 3: a JSON header line, the dossier table's columns as little-endian
/// binary arrays, then a JSON trailer line with the CRC of everything before it. Schema 3 adds,
/// after the arena, where each row's strings and journal positions start and the rows in code
/// order, so a mapped file is read without a pass over its rows and one code is a binary search
/// (schema 2 files, without them, are still read: the offsets computed, codes scanned). Opening copies
/// columns instead of parsing text (JSON rows cost ~6 µs a dossier, ~600 ms for this year's
/// 100,000). Enum values and interned names are numbered by lists in the header, so reordering a
/// Swift enum or a different interning order never misreads a file.
struct RowsHeader: Codable {
    let schema: Int
    let seq: Int64
    let rows: Int
    let procedures: [ProcedureSnapshot]
    /// Departments, officials, logins and offices; number 0 stands for none.
    let names: [String]
    let states: [String]
    let channels: [String]
    let kinds: [String]
    let flags: [String]
    let events: Int
    let pauseWords: Int
    let arenaBytes: Int
}

struct RowsTrailer: Codable {
    let rows: Int
    let crc: String
}

struct SnapshotInvalid: Error {}

/// One rows file's columns, decoded and checked, ready to append to a table a range at a time.
struct RowsColumns {
    var ids: [UUID] = []
    /// Code, name, ID number, phone and search key lengths; the arena holds each row's five in turn.
    var stringLengths: [[UInt32]] = []
    var procedure: [UInt16] = []
    var state: [DossierState] = []
    var channel: [Channel] = []
    var lastKind: [DossierEvent.Kind] = []
    var flagBits: [UInt8] = []
    var supplementCount: [UInt8] = []
    /// In `DossierTable.nameColumns` order, numbered by the header's names.
    var names: [[UInt32]] = []
    /// In `DossierTable.timeColumns` order.
    var times: [[Int64]] = []
    var version: [Int32] = []
    var eventCounts: [UInt32] = []
    var eventSegment: [UInt16] = []
    var eventLength: [UInt32] = []
    var eventOffset: [UInt32] = []
    /// Rows with pauses, ascending.
    var pauses: [PauseRow] = []
    var arena: [UInt8] = []
    /// Where each row's strings and events start (one more entry than rows).
    var arenaStart: [Int] = []
    var eventStart: [Int] = []

    var count: Int { ids.count }

    struct PauseRow {
        let row: Int
        let pauses: [InstantRange]
        let history: [PausePeriod]
    }
}

enum RowsFile {
    static let schema = 3
    /// Schema 2 lacks the offsets and the code order; it is rewritten by the next snapshot that has its rows.
    static let readableSchemas = 2...3

    // MARK: - Writing

    /// `schema` 2 only to test that older files are still read.
    static func encode(_ index: DossierIndex, rows: [Int], seq: Int64, schema: Int = schema) throws -> [UInt8] {
        let table = index.table
        var procedures: [ProcedureSnapshot] = []
        var local: [UInt16: UInt16] = [:]
        var out = ByteWriter()
        for row in rows { out.put(uuid: table.ids[row]) }
        let strings = DossierTable.stringColumns.map { table[keyPath: $0] }
        for column in strings { for row in rows { out.put(column[row].length) } }
        for row in rows {
            let id = table.procedure[row]
            if local[id] == nil { local[id] = UInt16(procedures.count); procedures.append(table.procedures[Int(id)]) }
            out.put(local[id]!)
        }
        out.put(enums: rows.map { table.state[$0] })
        out.put(enums: rows.map { table.channel[$0] })
        out.put(enums: rows.map { table.lastKind[$0] })
        for row in rows { out.put(table.flagBits[row]) }
        for row in rows { out.put(table.supplementCount[row]) }
        for column in DossierTable.nameColumns.map({ table[keyPath: $0] }) { for row in rows { out.put(column[row]) } }
        for column in DossierTable.timeColumns.map({ table[keyPath: $0] }) { for row in rows { out.put(column[row]) } }
        for row in rows { out.put(table.version[row]) }
        let positions = rows.map(index.positions(of:))
        for list in positions { out.put(UInt32(list.count)) }
        let events = positions.joined().map(PackedPosition.init)
        for e in events { out.put(e.segment) }
        for e in events { out.put(e.length) }
        for e in events { out.put(e.offset) }
        let pauses = Self.pauseWords(table, rows: rows)
        for word in pauses { out.put(word) }
        let arenaStart = out.bytes.count
        table.arena.withUnsafeBufferPointer { arena in
            for row in rows {
                for column in strings {
                    let ref = column[row]
                    out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: arena[Int(ref.offset)..<Int(ref.offset + ref.length)]))
                }
            }
        }
        let arenaBytes = out.bytes.count - arenaStart
        if schema >= 3 { putStartsAndCodeOrder(&out, table: table, rows: rows, eventCounts: positions.map(\.count)) }
        let header = RowsHeader(
            schema: schema, seq: seq, rows: rows.count, procedures: procedures, names: table.names.strings,
            states: DossierState.allCases.map(\.rawValue), channels: Channel.allCases.map(\.rawValue),
            kinds: DossierEvent.Kind.allCases.map(\.rawValue), flags: DossierFlag.allCases.map(\.rawValue),
            events: events.count, pauseWords: pauses.count, arenaBytes: arenaBytes)
        var bytes = Array(try JSONEncoder().encode(header)) + [10] + out.bytes + [10]
        let trailer = RowsTrailer(rows: rows.count, crc: CRC32.hex(CRC32.checksum(bytes)))
        bytes += Array(try JSONEncoder().encode(trailer)) + [10]
        return bytes
    }

    /// Schema 3's sections after the arena: each row's first arena byte and first event (one more
    /// entry than rows, the last the totals), then the row numbers sorted by code bytes.
    private static func putStartsAndCodeOrder(_ out: inout ByteWriter, table: DossierTable, rows: [Int], eventCounts: [Int]) {
        let strings = DossierTable.stringColumns.map { table[keyPath: $0] }
        var start: UInt32 = 0
        out.put(start)
        for row in rows {
            for column in strings { start += column[row].length }
            out.put(start)
        }
        start = 0
        out.put(start)
        for count in eventCounts {
            start += UInt32(count)
            out.put(start)
        }
        let codes = rows.map { table.code[$0] }
        let order = table.arena.withUnsafeBufferPointer { arena in
            codes.indices.sorted { a, b in
                let x = UnsafeBufferPointer(rebasing: arena[Int(codes[a].offset)..<Int(codes[a].offset + codes[a].length)])
                let y = UnsafeBufferPointer(rebasing: arena[Int(codes[b].offset)..<Int(codes[b].offset + codes[b].length)])
                return x.lexicographicallyPrecedes(y) || (x.elementsEqual(y) && a < b)
            }
        }
        for k in order { out.put(UInt32(k)) }
    }

    /// The CRC an encoded file's trailer carries.
    static func trailerCRC(_ bytes: [UInt8]) -> String? {
        guard let start = bytes.dropLast().lastIndex(of: 10) else { return nil }
        return (try? JSONDecoder().decode(RowsTrailer.self, from: Data(bytes[(start + 1)...])))?.crc
    }

    // MARK: - Reading

    /// Checks the CRC and schema, then decodes every column; any inconsistency makes the file invalid.
    static func decode(_ bytes: [UInt8], seq: Int64) throws -> (RowsHeader, RowsColumns) {
        guard let firstNewline = bytes.firstIndex(of: 10), bytes.last == 10,
              let trailerStart = bytes.dropLast().lastIndex(of: 10).map({ $0 + 1 }), trailerStart > firstNewline + 1 else {
            throw SnapshotInvalid()
        }
        let trailer = try JSONDecoder().decode(RowsTrailer.self, from: Data(bytes[trailerStart...]))
        guard let header = try? JSONDecoder().decode(RowsHeader.self, from: Data(bytes[0..<firstNewline])) else { throw SnapshotInvalid() }
        // A file kept from an earlier snapshot (nothing in it changed since) carries that snapshot's seq.
        guard readableSchemas.contains(header.schema), header.seq <= seq, header.rows == trailer.rows else { throw SnapshotInvalid() }
        // The checksum and the columns read the same bytes independently: the checksum on
        // another core meanwhile (~20 ms of a 300 ms open). The columns are decoded on this thread
        // so their memory comes from its malloc arena, which is trimmed after loading. Decoding
        // checks every count, so a damaged file is safe to decode before its checksum refuses it.
        let (crc, columns) = try bytes.withUnsafeBytes { raw in
            let job = ChecksumJob(raw: UnsafeRawBufferPointer(rebasing: raw[0..<trailerStart]))
            DispatchQueue.global().async { job.run() }
            var reader = ByteReader(raw: UnsafeRawBufferPointer(rebasing: raw[(firstNewline + 1)..<(trailerStart - 1)]))
            let columns = Result { try decodeColumns(&reader, header) }
            job.done.wait()
            return (job.crc, try columns.get())
        }
        guard CRC32.hex(crc) == trailer.crc else { throw SnapshotInvalid() }
        return (header, columns)
    }

    /// The checksum of a buffer the caller keeps alive until `done` is signalled.
    private final class ChecksumJob: @unchecked Sendable {
        let raw: UnsafeRawBufferPointer
        let done = DispatchSemaphore(value: 0)
        var crc: UInt32 = 0

        init(raw: UnsafeRawBufferPointer) { self.raw = raw }

        func run() {
            crc = CRC32.checksum(raw)
            done.signal()
        }
    }

    static func decodeColumns(_ r: inout ByteReader, _ h: RowsHeader) throws -> RowsColumns {
        let n = h.rows
        var c = RowsColumns()
        c.ids = try r.uuids(n)
        c.stringLengths = try DossierTable.stringColumns.map { _ in try r.array(n) as [UInt32] }
        c.procedure = try r.array(n)
        guard c.procedure.allSatisfy({ Int($0) < h.procedures.count }) else { throw SnapshotInvalid() }
        c.state = try r.enums(n, names: h.states)
        c.channel = try r.enums(n, names: h.channels)
        c.lastKind = try r.enums(n, names: h.kinds)
        c.flagBits = try remapFlags(try r.array(n), names: h.flags)
        c.supplementCount = try r.array(n)
        c.names = try DossierTable.nameColumns.map { _ in try r.array(n) as [UInt32] }
        guard c.names.allSatisfy({ $0.allSatisfy { Int($0) < h.names.count } }) else { throw SnapshotInvalid() }
        c.times = try DossierTable.timeColumns.map { _ in try r.array(n) as [Int64] }
        c.version = try r.array(n)
        c.eventCounts = try r.array(n)
        c.eventSegment = try r.array(h.events)
        c.eventLength = try r.array(h.events)
        c.eventOffset = try r.array(h.events)
        c.pauses = try decodePauses(try r.array(h.pauseWords), rows: n, states: h.states)
        c.arena = try r.array(h.arenaBytes)
        c.arenaStart = prefixSums(n) { row in (0..<5).reduce(0) { $0 + Int(c.stringLengths[$1][row]) } }
        c.eventStart = prefixSums(n) { Int(c.eventCounts[$0]) }
        guard c.arenaStart[n] == h.arenaBytes, c.eventStart[n] == h.events else { throw SnapshotInvalid() }
        if h.schema >= 3 {       // the stored offsets must be the ones the lengths give
            let arenaStarts: [UInt32] = try r.array(n + 1), eventStarts: [UInt32] = try r.array(n + 1)
            guard arenaStarts.map(Int.init) == c.arenaStart, eventStarts.map(Int.init) == c.eventStart else { throw SnapshotInvalid() }
            let _: [UInt32] = try r.array(n)      // the code order, for mapped lookups only
        }
        guard r.atEnd else { throw SnapshotInvalid() }
        return c
    }

    private static func prefixSums(_ n: Int, _ size: (Int) -> Int) -> [Int] {
        var sums = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { sums[i + 1] = sums[i] + size(i) }
        return sums
    }

    /// Flag bits are positions in the header's flag list; renumbered when this build's order differs.
    static func remapFlags(_ bits: [UInt8], names: [String]) throws -> [UInt8] {
        let current = DossierFlag.allCases.map(\.rawValue)
        guard names != current else { return bits }
        let target = try names.map { name -> Int in
            guard let i = current.firstIndex(of: name) else { throw SnapshotInvalid() }
            return i
        }
        return bits.map { b in
            var out = b & 0x80
            for (i, t) in target.enumerated() where b & (1 << UInt8(i)) != 0 { out |= 1 << UInt8(t) }
            return out
        }
    }

    /// The pauses of `rows` as words (`decodePauses` reads them): per row with any, its position
    /// in `rows`, the counts, each pause's ends, each period's ends and kind.
    static func pauseWords(_ table: DossierTable, rows: [Int]) -> [Int64] {
        var words: [Int64] = []
        for (k, row) in rows.enumerated() {
            guard let (pauses, history) = table.pauseData[Int32(row)] else { continue }
            words += [Int64(k), Int64(pauses.count), Int64(history.count)]
            for p in pauses { words += [p.start.seconds, p.end.seconds] }
            for p in history { words += [p.start.seconds, DossierTable.time(p.end), Int64(DossierState.allCases.firstIndex(of: p.kind) ?? 0)] }
        }
        return words
    }

    static func decodePauses(_ words: [Int64], rows: Int, states: [String]) throws -> [RowsColumns.PauseRow] {
        var result: [RowsColumns.PauseRow] = []
        var i = 0
        func take() throws -> Int64 {
            guard i < words.count else { throw SnapshotInvalid() }
            defer { i += 1 }
            return words[i]
        }
        while i < words.count {
            let row = Int(try take()), pauseCount = try take(), historyCount = try take()
            guard row >= 0, (row < rows), row > (result.last?.row ?? -1), pauseCount >= 0, historyCount >= 0,
                  Int(pauseCount) * 2 + Int(historyCount) * 3 <= words.count - i else { throw SnapshotInvalid() }
            var pauses: [InstantRange] = []
            for _ in 0..<pauseCount { pauses.append(InstantRange(start: Instant(seconds: try take()), end: Instant(seconds: try take()))) }
            var history: [PausePeriod] = []
            for _ in 0..<historyCount {
                let start = try take(), end = try take(), kind = Int(try take())
                guard states.indices.contains(kind), let state = DossierState(rawValue: states[kind]) else { throw SnapshotInvalid() }
                history.append(PausePeriod(start: Instant(seconds: start), end: DossierTable.instant(end), kind: state))
            }
            result.append(RowsColumns.PauseRow(row: row, pauses: pauses, history: history))
        }
        return result
    }
}

/// Little-endian values appended to a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func put(uuid: UUID) {
        withUnsafeBytes(of: uuid.uuid) { bytes.append(contentsOf: $0) }
    }

    /// Each value as its position in `allCases` (the header lists them by raw value).
    mutating func put<E: CaseIterable & Hashable>(enums values: [E]) {
        let number = Dictionary(uniqueKeysWithValues: E.allCases.enumerated().map { ($0.element, UInt8($0.offset)) })
        for value in values { put(number[value] ?? 0) }
    }
}

/// Reads the arrays `ByteWriter` wrote, checking every length against what is left.
struct ByteReader {
    let raw: UnsafeRawBufferPointer
    var offset = 0

    var atEnd: Bool { offset == raw.count }

    mutating func array<T: FixedWidthInteger>(_ count: Int) throws -> [T] {
        let size = count * MemoryLayout<T>.size
        guard count >= 0, size <= raw.count - offset else { throw SnapshotInvalid() }
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + size)])) }
            initialized = count
        }
        offset += size
        #if _endian(little)
        return values
        #else
        return values.map { T(littleEndian: $0) }
        #endif
    }

    mutating func uuids(_ count: Int) throws -> [UUID] {
        guard count >= 0, count * 16 <= raw.count - offset else { throw SnapshotInvalid() }
        defer { offset += count * 16 }
        return (0..<count).map { UUID(uuid: raw.loadUnaligned(fromByteOffset: offset + $0 * 16, as: uuid_t.self)) }
    }

    /// Enum values numbered by `names` (raw values as the writer listed them).
    mutating func enums<E: RawRepresentable>(_ count: Int, names: [String]) throws -> [E] where E.RawValue == String {
        let lookup = names.map(E.init(rawValue:))
        return try (try array(count) as [UInt8]).map { number in
            guard Int(number) < lookup.count, let value = lookup[Int(number)] else { throw SnapshotInvalid() }
            return value
        }
    }
}

extension DossierTable {
    /// Appends rows `range` of a rows file. `procedures` and `names` renumber the file's
    /// procedure and name numbers into this table's.
    mutating func append(_ file: RowsColumns, rows range: Range<Int>, procedures: [UInt16], names: [UInt32]) {
        let first = count
        ids.append(contentsOf: file.ids[range])
        var offset = UInt32(arena.count)
        arena.append(contentsOf: file.arena[file.arenaStart[range.lowerBound]..<file.arenaStart[range.upperBound]])
        var refs = Self.stringColumns.map { _ in [StringRef]() }
        for k in refs.indices { refs[k].reserveCapacity(range.count) }
        for row in range {
            for k in refs.indices {
                let length = file.stringLengths[k][row]
                refs[k].append(StringRef(offset: offset, length: length))
                offset += length
            }
        }
        for (k, column) in Self.stringColumns.enumerated() { self[keyPath: column].append(contentsOf: refs[k]) }
        arena.withUnsafeBufferPointer { arena in
            for ref in refs[4] {
                let key = UnsafeBufferPointer(rebasing: arena[Int(ref.offset)..<Int(ref.offset + ref.length)])
                searchMask.append(SearchTerm.mask(of: key))
                searchPairs.append(SearchTerm.pairs(of: key))
            }
            for (id, phone) in zip(refs[2], refs[3]) {
                digitsOnly.append(Self.isDigits(arena[Int(id.offset)..<Int(id.offset + id.length)])
                                  && Self.isDigits(arena[Int(phone.offset)..<Int(phone.offset + phone.length)]))
            }
        }
        procedure.append(contentsOf: file.procedure[range].map { procedures[Int($0)] })
        state.append(contentsOf: file.state[range])
        channel.append(contentsOf: file.channel[range])
        lastKind.append(contentsOf: file.lastKind[range])
        flagBits.append(contentsOf: file.flagBits[range])
        supplementCount.append(contentsOf: file.supplementCount[range])
        for (k, column) in Self.nameColumns.enumerated() { self[keyPath: column].append(contentsOf: file.names[k][range].map { names[Int($0)] }) }
        for (k, column) in Self.timeColumns.enumerated() { self[keyPath: column].append(contentsOf: file.times[k][range]) }
        version.append(contentsOf: file.version[range])
        for pause in file.pauses where range.contains(pause.row) {
            pauseData[Int32(first + pause.row - range.lowerBound)] = (pause.pauses, pause.history)
        }
    }

    /// This table's number for an interned name (0 for none).
    mutating func nameID(_ name: String) -> UInt32 { name.isEmpty ? 0 : names.id(name) }
}
