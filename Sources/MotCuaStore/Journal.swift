#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import MotCuaCore

/// A monthly journal file, `2026-11.jsonl`.
public struct SegmentName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public init(_ date: CivilDate) { self.init(year: date.year, month: date.month) }

    public init?(fileName: String) {
        guard fileName.hasSuffix(".jsonl"), fileName.count == 13 else { return nil }
        let parts = fileName.dropLast(6).split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }

    /// The month after.
    public var next: SegmentName { month == 12 ? SegmentName(year: year + 1, month: 1) : SegmentName(year: year, month: month + 1) }

    public var fileName: String { "\(year)-\(month < 10 ? "0" : "")\(month).jsonl" }
    public var description: String { fileName }
    /// A compact number for index positions.
    public var id: Int { year * 12 + month - 1 }
    public init(id: Int) { self.init(year: id / 12, month: id % 12 + 1) }

    public static func < (a: SegmentName, b: SegmentName) -> Bool { a.id < b.id }
}

/// Where a journal line is: segment, byte offset, length (without the newline).
public struct JournalPosition: Hashable, Sendable {
    public let segment: Int
    public let offset: Int64
    public let length: Int32
}

/// How far a reader has read, and what the chain looked like there.
public struct JournalCursor: Equatable, Sendable {
    public var segment: SegmentName
    public var offset: Int64
    /// Lines read in `segment` so far.
    public var line: Int
    public var lastSeq: Int64
    public var lastHash: String
}

/// One complete line as read back.
struct ReadLine {
    let record: JournalRecord
    let position: JournalPosition
    let fileName: String
    let lineNumber: Int
}

/// The append-only journal: monthly segments of JSON lines, hash-chained.
final class Journal {
    let fs: FileSystem
    let directory: String
    let fileMode: UInt32
    let group: UInt32?

    init(fs: FileSystem, directory: String, fileMode: UInt32, group: UInt32?) {
        self.fs = fs
        self.directory = directory
        self.fileMode = fileMode
        self.group = group
    }

    func path(_ segment: SegmentName) -> String { "\(directory)/\(segment.fileName)" }

    func segments() throws(SystemError) -> [SegmentName] {
        try fs.listDirectory(directory).compactMap(SegmentName.init(fileName:)).sorted()
    }

    /// Reads every complete line after `cursor`, in order across segments, advancing it.
    /// An unfinished last line (a write in progress or torn by a crash) is left for later.
    /// Damaged lines are reported through `damaged` and skipped, never silently.
    /// With `limit`, nothing past that point is read (a check verifies the cut it took).
    func read(from cursor: inout JournalCursor, upTo limit: JournalCursor? = nil, apply: (ReadLine) throws -> Void,
              damaged: (Damage, _ inActiveSegment: Bool) -> Void) throws {
        let all = try segments().filter { limit == nil || $0 <= limit!.segment }
        guard let last = all.last else { return }
        for segment in all where segment >= cursor.segment {
            if segment > cursor.segment {
                cursor.segment = segment
                cursor.offset = 0
                cursor.line = 0
            }
            let end = limit.flatMap { $0.segment == segment ? $0.offset : nil }
            try readSegment(segment, cursor: &cursor, end: end, isActive: segment == last, apply: apply, damaged: damaged)
        }
    }

    private func readSegment(_ segment: SegmentName, cursor: inout JournalCursor, end: Int64?, isActive: Bool,
                             apply: (ReadLine) throws -> Void, damaged: (Damage, Bool) -> Void) throws {
        let path = path(segment)
        let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
        defer { fs.close(fd) }
        let fileSize = try fs.fstat(fd, path: path).size
        let size = end.map { min($0, fileSize) } ?? fileSize
        if size < cursor.offset {
            throw JournalShrank(path: path, size: size, offset: cursor.offset)
        }
        let chunkSize = 8 << 20
        var carry: [UInt8] = []
        var readOffset = cursor.offset
        while readOffset < size {
            let chunk = try fs.pread(fd, count: min(chunkSize, Int(size - readOffset)), at: readOffset, path: path)
            if chunk.isEmpty { break }
            readOffset += Int64(chunk.count)
            var buffer = carry
            buffer.append(contentsOf: chunk)
            var lineStart = 0
            while let newline = buffer[lineStart...].firstIndex(of: 10) {
                let line = buffer[lineStart..<newline]
                let lineOffset = cursor.offset
                cursor.offset += Int64(line.count + 1)
                cursor.line += 1
                lineStart = newline + 1
                if line.isEmpty {
                    damaged(Damage(file: path, line: cursor.line, offset: lineOffset, reason: "dòng trống"), isActive)
                    continue
                }
                let chainFrom: String? = cursor.line == 1 ? nil : cursor.lastHash
                do {
                    let decoded = try JournalCodec.decode(line, previousHash: chainFrom)
                    if cursor.line == 1, let carried = decoded.carriedPrevious, carried != cursor.lastHash, cursor.lastSeq > 0 {
                        damaged(Damage(file: path, line: 1, offset: lineOffset,
                                       reason: "chuỗi băm đứt giữa hai tệp nhật ký (prev \(carried) ≠ \(cursor.lastHash))"), isActive)
                    }
                    if !decoded.chainValid {
                        damaged(Damage(file: path, line: cursor.line, offset: lineOffset,
                                       reason: "mã băm không khớp (dòng bị sửa hoặc hỏng; liên kết đầu tiên bị đứt)"), isActive)
                    }
                    if decoded.record.seq != cursor.lastSeq + 1 {
                        damaged(Damage(file: path, line: cursor.line, offset: lineOffset,
                                       reason: "số thứ tự \(decoded.record.seq) không liền sau \(cursor.lastSeq)"), isActive)
                    }
                    cursor.lastSeq = decoded.record.seq
                    cursor.lastHash = decoded.hash
                    if decoded.chainValid {
                        try apply(ReadLine(record: decoded.record,
                                           position: JournalPosition(segment: segment.id, offset: lineOffset, length: Int32(line.count)),
                                           fileName: path, lineNumber: cursor.line))
                    }
                } catch let failure as JournalCodec.DecodeFailure {
                    damaged(Damage(file: path, line: cursor.line, offset: lineOffset, reason: failure.vietnamese), isActive)
                    // The chain cannot continue through an unreadable line: take the next line's hash on trust.
                    cursor.lastHash = Self.storedHash(in: line) ?? cursor.lastHash
                }
            }
            carry = Array(buffer[lineStart...])
        }
    }

    /// The `h` of a line whose body is unreadable, if it can still be found.
    static func storedHash(in line: ArraySlice<UInt8>) -> String? {
        guard let marker = JournalCodec.lastIndex(of: JournalCodec.hashMarker, in: line) else { return nil }
        let start = marker + JournalCodec.hashMarker.count
        guard let end = line[start...].firstIndex(of: 34) else { return nil }
        return String(decoding: line[start..<end], as: UTF8.self)
    }

    /// Reads one line back by its position (for a dossier's history).
    func readLine(_ position: JournalPosition) throws -> JournalRecord {
        let segment = SegmentName(id: position.segment)
        let path = path(segment)
        let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
        defer { fs.close(fd) }
        let bytes = try fs.pread(fd, count: Int(position.length), at: position.offset, path: path)
        do {
            return try JournalCodec.decode(bytes[...], previousHash: nil).record
        } catch {
            throw StoreError.invalidFile(path: path, reason: "byte \(position.offset): \(error.vietnamese)")
        }
    }

    // MARK: - Writing (only under the store lock)

    /// Cuts an unfinished last line left by a writer that died mid-write. Returns the bytes removed.
    func truncateTornTail(_ segment: SegmentName) throws(SystemError) -> Int64 {
        let path = path(segment)
        guard try fs.stat(path) != nil else { return 0 }
        let fd = try fs.open(path, flags: O_RDWR, mode: 0)
        defer { fs.close(fd) }
        let size = try fs.fstat(fd, path: path).size
        guard size > 0 else { return 0 }
        var end = size
        let window: Int64 = 64 << 10
        while end > 0 {
            let start = max(0, end - window)
            let bytes = try fs.pread(fd, count: Int(end - start), at: start, path: path)
            if let lastNewline = bytes.lastIndex(of: 10) {
                let keep = start + Int64(lastNewline) + 1
                guard keep < size else { return 0 }
                try fs.ftruncate(fd, to: keep, path: path)
                try fs.fdatasync(fd, path: path)
                return size - keep
            }
            end = start
        }
        try fs.ftruncate(fd, to: 0, path: path)
        try fs.fdatasync(fd, path: path)
        return size
    }

    /// Appends one encoded line to `segment` and makes it durable. On any failure the file is cut
    /// back to its previous end, so nothing partial stays on disk.
    func append(_ line: [UInt8], to segment: SegmentName) throws -> JournalPosition {
        let path = path(segment)
        let isNew = try fs.stat(path) == nil
        let fd = try fs.open(path, flags: O_RDWR | O_CREAT, mode: fileMode)
        defer { fs.close(fd) }
        if isNew {
            try? fs.fchmod(fd, mode: fileMode, path: path)
            if let group { try? fs.fchown(fd, group: group, path: path) }
        }
        let end = try fs.fstat(fd, path: path).size
        do {
            try fs.writeAll(fd, line, at: end, path: path)
        } catch {
            try? fs.ftruncate(fd, to: end, path: path)
            try? fs.fdatasync(fd, path: path)
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
        do {
            try fs.fdatasync(fd, path: path)
            if isNew { try fs.fsyncDirectory(directory) }
        } catch {
            // fsyncgate: a failed sync may have dropped the data; never retry, cut back, stop writing.
            try? fs.ftruncate(fd, to: end, path: path)
            throw StoreError.syncFailed(error)
        }
        return JournalPosition(segment: segment.id, offset: end, length: Int32(line.count - 1))
    }
}

/// The active segment is shorter than what was already read: a writer rolled back a failed write.
struct JournalShrank: Error {
    let path: String
    let size: Int64
    let offset: Int64
}

extension JournalCodec.DecodeFailure {
    var vietnamese: String {
        switch self {
        case .notJSON(let detail): return "không phải JSON hợp lệ (\(detail))"
        case .missingHash: return "thiếu mã băm \"h\""
        case .unknownSchema(let v): return "phiên bản sự kiện \(v) mới hơn bản motcua này"
        case .incomplete(let why): return "thiếu dữ liệu: \(why)"
        }
    }
}

extension Error {
    /// For messages: a DecodeFailure in Vietnamese, anything else as described.
    var vietnamese: String {
        (self as? JournalCodec.DecodeFailure)?.vietnamese ?? String(describing: self)
    }
}
