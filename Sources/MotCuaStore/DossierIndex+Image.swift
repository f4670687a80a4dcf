#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

extension DossierIndex {
    /// Every column of the index, the table's first (see `ColumnVisitor`).
    mutating func visitColumns<V: ColumnVisitor>(_ visitor: inout V) throws {
        try table.visitColumns(&visitor)
        try visitor.visit(&events)
        try visitor.visit(&firstEvent)
        try visitor.visit(&eventCount)
        try visitor.visit(&imageRowOfID.keys)
        try visitor.visit(&imageRowOfID.rows)
        try visitor.visit(&imageRowOfCode.keys)
        try visitor.visit(&imageRowOfCode.rows)
        try visitor.visit(&imageOrder)
    }
}

extension HistoryImage {
    /// Writes the image of `index`, every row of it (built from the older years' rows files
    /// alone), as `path`; returns the stamp HEAD records.
    static func write(_ index: DossierIndex, sources: [String: String], to path: String,
                      fs: any FileSystem, mode: UInt32, group: UInt32?) throws -> FileStamp {
        guard !index.hasLaterEvents else { throw SnapshotInvalid() }    // each row's positions must be one block
        var image = index
        image.imageRowOfID = SortedRows(image.rowOfID.map { (IdentityKey($0.key), $0.value) } + image.imageRowOfID.pairs)
        image.imageRowOfCode = SortedRows(image.rowOfCode.map { ($0.key, $0.value) } + image.imageRowOfCode.pairs)
        image.imageOrder = Column(QueueOrder(table: image.table).rows)
        let table = image.table
        // Larger than a header should be to decode at every open: binary sections after the columns.
        var pauseWords = Column(RowsFile.pauseWords(table, rows: Array(0..<table.count)))
        var dayCounters = Column(image.dayCounters.sorted { $0.key < $1.key }.flatMap { [$0.key, Int64($0.value)] })
        var crc: UInt32 = 0
        try fs.atomicReplace(path, mode: mode, group: group) { (fd, tmp) throws(SystemError) in
            var writer = SectionWriter(fs: fs, fd: fd, path: tmp)
            do {
                try image.visitColumns(&writer)
                try writer.visit(&pauseWords)
                try writer.visit(&dayCounters)
            } catch let error as SystemError { throw error } catch { throw SystemError("write", tmp, EIO) }
            let header = Header(
                format: format, sources: sources, rows: table.count, sections: writer.sections,
                states: DossierState.allCases.map(\.rawValue), channels: Channel.allCases.map(\.rawValue),
                kinds: DossierEvent.Kind.allCases.map(\.rawValue), names: table.names.strings, agencies: image.agencies.strings,
                procedures: table.procedures, oddCodes: image.oddCodes, maxYear: image.maxYear,
                outside: DossierTable.timeColumns.map { table[keyPath: $0].outside.sorted { $0.key < $1.key }.flatMap { [Int64($0.key), $0.value] } })
            let headerOffset = writer.offset
            guard let json = try? JSONEncoder().encode(header) else { throw SystemError("write", tmp, EINVAL) }
            try writer.put(Array(json))
            var trailer = ByteWriter()
            trailer.put(UInt64(headerOffset))
            try writer.put(trailer.bytes)
            crc = writer.crc
            var end = ByteWriter()
            end.put(crc)
            try writer.put(end.bytes + magic, checksummed: false)
        }
        guard let status = try fs.stat(path) else { throw SystemError("stat", path, ENOENT) }
        return FileStamp(status, crc: CRC32.hex(crc))
    }

    /// Writes each column at the next multiple of `alignment`, the padding as zeros.
    private struct SectionWriter: ColumnVisitor {
        let fs: any FileSystem
        let fd: Int32
        let path: String
        var offset = 0
        var crc: UInt32 = 0
        var sections: [Section] = []

        mutating func visit<T>(_ column: inout Column<T>) throws {
            let start = offset
            try column.withUnsafeBytes { try put($0) }
            sections.append(Section(offset: start, count: column.count, stride: MemoryLayout<T>.stride))
            let padding = (alignment - offset % alignment) % alignment
            try put([UInt8](repeating: 0, count: padding))
        }

        mutating func put(_ bytes: [UInt8], checksummed: Bool = true) throws(SystemError) {
            let result: Result<Void, SystemError> = bytes.withUnsafeBytes { raw in Result { () throws(SystemError) in try put(raw, checksummed: checksummed) } }
            try result.get()
        }

        mutating func put(_ raw: UnsafeRawBufferPointer, checksummed: Bool = true) throws(SystemError) {
            var done = 0
            while done < raw.count {
                let n = try fs.pwrite(fd, UnsafeRawBufferPointer(rebasing: raw[done...]), at: Int64(offset + done), path: path)
                if n == 0 { throw SystemError("write", path, ENOSPC) }
                done += n
            }
            if checksummed { crc = CRC32.checksum(raw, seed: crc) }
            offset += raw.count
        }
    }
}

extension HistoryImage {
    /// This process may not reserve the addresses (`ulimit -v`): the image is sound, only not for it.
    struct NoAddressSpace: Error {}

    /// The index of the image `path`, its columns mapped. Its CRC is computed unless `stamp` (from
    /// HEAD) says this is the very file the writer checked; then its values are checked too, as a
    /// rows file's are. Throws when the image is not the one `reference` names or cannot be used.
    /// `checked`: the stamp of the file when this call computed its CRC (nil when trusted).
    static func load(_ path: String, reference: Reference, stamp: FileStamp?, fs: any FileSystem) throws
        -> (index: DossierIndex, checked: FileStamp?) {
        let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
        defer { fs.close(fd) }
        let (status, header, headerOffset, crc) = try readHeader(fd, path: path, reference: reference, fs: fs)
        let size = Int(status.size)
        if let stamp, stamp.crc != CRC32.hex(crc) { throw SnapshotInvalid() }
        let trusted = stamp?.matches(status) == true
        if !trusted { guard try checksum(fd, bytes: size - trailerSize + 8) == crc else { throw SnapshotInvalid() } }
        var index = DossierIndex()
        var mapper = SectionMapper(fd: fd, sections: header.sections, end: headerOffset)
        var pauseWords: Column<Int64> = [], dayCounters: Column<Int64> = []
        try index.visitColumns(&mapper)
        try mapper.visit(&pauseWords)
        try mapper.visit(&dayCounters)
        guard mapper.next == header.sections.count else { throw SnapshotInvalid() }
        try restore(&index, header, pauseWords: Array(pauseWords), dayCounters: Array(dayCounters))
        if !trusted { try check(index, header) }
        return (index, trusted ? nil : FileStamp(status, crc: CRC32.hex(crc)))
    }

    /// Whether `path` is an image of `reference`'s sources this build can read (its header only:
    /// a snapshot keeps such an image instead of writing it again).
    static func isReadable(_ path: String, reference: Reference, fs: any FileSystem) -> Bool {
        guard let fd = try? fs.open(path, flags: O_RDONLY, mode: 0) else { return false }
        defer { fs.close(fd) }
        return (try? readHeader(fd, path: path, reference: reference, fs: fs)) != nil
    }

    /// The trailer and header, checked against this build's layout and `reference`'s sources.
    private static func readHeader(_ fd: Int32, path: String, reference: Reference, fs: any FileSystem) throws
        -> (status: FileStatus, header: Header, headerOffset: Int, crc: UInt32) {
        let status = try fs.fstat(fd, path: path)
        let size = Int(status.size)
        guard size >= trailerSize else { throw SnapshotInvalid() }
        let trailer = try fs.pread(fd, count: trailerSize, at: Int64(size - trailerSize), path: path)
        guard trailer.count == trailerSize, Array(trailer[12...]) == magic else { throw SnapshotInvalid() }
        let headerOffset = Int(trailer[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        let crc = trailer[8..<12].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard headerOffset >= 0, headerOffset <= size - trailerSize,
              let header = try? JSONDecoder().decode(Header.self, from: Data(try fs.pread(fd, count: size - trailerSize - headerOffset, at: Int64(headerOffset), path: path))),
              header.format == format, header.sources == reference.sources,
              header.states == DossierState.allCases.map(\.rawValue), header.channels == Channel.allCases.map(\.rawValue),
              header.kinds == DossierEvent.Kind.allCases.map(\.rawValue),
              header.outside.count == DossierTable.timeColumns.count else { throw SnapshotInvalid() }
        return (status, header, headerOffset, crc)
    }

    /// The CRC of the file's first `bytes`, read through a temporary read-only mapping.
    private static func checksum(_ fd: Int32, bytes: Int) throws -> UInt32 {
        guard let map = mmap(nil, bytes, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else { throw SnapshotInvalid() }
        defer { munmap(map, bytes) }
        return CRC32.checksum(UnsafeRawBufferPointer(start: map, count: bytes))
    }

    /// Maps each column over its section, with room after it for the rows this process appends.
    private struct SectionMapper: ColumnVisitor {
        let fd: Int32
        let sections: [Section]
        let end: Int
        var next = 0

        mutating func visit<T>(_ column: inout Column<T>) throws {
            guard next < sections.count else { throw SnapshotInvalid() }
            let section = sections[next]
            next += 1
            let stride = MemoryLayout<T>.stride
            guard section.stride == stride, section.count >= 0, section.offset % alignment == 0,
                  section.offset + section.count * stride <= end else { throw SnapshotInvalid() }
            // Addresses are only reserved: twice the image's rows and 64 MB more cost no memory until written.
            let capacity = section.count * 2 + (64 << 20) / stride
            guard let region = MappedRegion(fd: fd, offset: section.offset, fileBytes: section.count * stride, reserve: capacity * stride) else {
                throw NoAddressSpace()
            }
            column = Column(region: region, count: section.count, capacity: capacity)
        }
    }

    /// The index's small parts, kept in the header.
    private static func restore(_ index: inout DossierIndex, _ header: Header, pauseWords: [Int64], dayCounters: [Int64]) throws {
        guard dayCounters.count % 2 == 0, header.outside.allSatisfy({ $0.count % 2 == 0 }) else { throw SnapshotInvalid() }
        index.table.names = Interner(strings: header.names)
        index.table.procedures = header.procedures
        index.table.procedureIDs = Dictionary(grouping: header.procedures.indices.map(UInt16.init)) { header.procedures[Int($0)].code }
        for (column, pairs) in zip(DossierTable.timeColumns, header.outside) {
            for k in Swift.stride(from: 0, to: pairs.count, by: 2) { index.table[keyPath: column].outside[Int(pairs[k])] = pairs[k + 1] }
        }
        for pause in try RowsFile.decodePauses(pauseWords, rows: header.rows, states: header.states) {
            index.table.pauseData[Int32(pause.row)] = (pause.pauses, pause.history)
        }
        index.agencies = Interner(strings: header.agencies)
        index.oddCodes = header.oddCodes
        for k in Swift.stride(from: 0, to: dayCounters.count, by: 2) { index.dayCounters[dayCounters[k]] = Int(dayCounters[k + 1]) }
        index.maxYear = header.maxYear
    }
}

extension HistoryImage {
    /// What decoding a rows file checks, for an image whose bytes were not trusted by their stamp:
    /// every count, enum byte, number and reference within range, so nothing read later can trap.
    private static func check(_ index: DossierIndex, _ header: Header) throws {
        var copy = index
        var counter = CountingVisitor()
        try copy.table.visitColumns(&counter)
        let t = index.table, n = header.rows
        guard counter.counts.dropLast().allSatisfy({ $0 == n }), index.firstEvent.count == n, index.eventCount.count == n,
              Self.bytes(t.state, below: DossierState.allCases.count), Self.bytes(t.channel, below: Channel.allCases.count),
              Self.bytes(t.lastKind, below: DossierEvent.Kind.allCases.count), Self.bytes(t.digitsOnly, below: 2),
              t.procedure.allSatisfy({ Int($0) < t.procedures.count }),
              DossierTable.nameColumns.allSatisfy({ t[keyPath: $0].allSatisfy { Int($0) < t.names.strings.count } }),
              DossierTable.stringColumns.allSatisfy({ t[keyPath: $0].allSatisfy { Int($0.offset) + Int($0.length) <= t.arena.count } }),
              zip(index.firstEvent, index.eventCount).allSatisfy({ $0 >= 0 && Int($0) + Int($1) <= index.events.count }) else {
            throw SnapshotInvalid()
        }
        guard index.imageOrder.count == n, index.imageOrder.allSatisfy({ $0 >= 0 && Int($0) < n }) else { throw SnapshotInvalid() }
        try checkKeys(index.imageRowOfID, rows: n)
        try checkKeys(index.imageRowOfCode, rows: n)
    }

    private static func checkKeys<Key>(_ sorted: SortedRows<Key>, rows n: Int) throws {
        guard sorted.keys.count == sorted.rows.count, sorted.rows.allSatisfy({ $0 >= 0 && Int($0) < n }),
              zip(sorted.keys, sorted.keys.dropFirst()).allSatisfy({ $0 < $1 }) else { throw SnapshotInvalid() }
    }

    /// Whether every byte of a one-byte column (an enum's case number, a Bool) is below `limit`.
    private static func bytes<T>(_ column: Column<T>, below limit: Int) -> Bool {
        MemoryLayout<T>.size == 1 && column.withUnsafeBytes { $0.allSatisfy { Int($0) < limit } }
    }

    private struct CountingVisitor: ColumnVisitor {
        var counts: [Int] = []
        mutating func visit<T>(_ column: inout Column<T>) throws { counts.append(column.count) }
    }
}
