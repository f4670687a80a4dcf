#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import MotCuaCore

/// One journal line exactly as it is on disk, for a replica that keeps it byte for byte
/// (the province's PostgreSQL, Docs/PROVINCE.md). Whatever its body — a dossier event, an admin
/// change, or a kind this version does not know — the line travels unchanged.
public struct JournalLine: Sendable, Equatable {
    public let seq: Int64
    /// The hash of the line before it in the chain ("" before the first line of the store):
    /// only a segment's first line carries it as `prev`, so the reader computes it for every line.
    public let previousHash: String
    public let hash: String
    /// The line's exact UTF-8 text, without its newline.
    public let text: String
}

/// Why a replica cannot take the journal further: a line that does not continue the chain.
public struct JournalLineDamage: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let seq: Int64?
    public let reason: String

    public var description: String {
        "\(file) dòng \(line)\(seq.map { " (seq \($0))" } ?? ""): \(reason); chạy motcua check"
    }
}

extension Store {
    /// A cursor before the first line of the journal.
    public static var journalStart: JournalCursor {
        JournalCursor(segment: SegmentName(year: 1970, month: 1), offset: 0, line: 0, lastSeq: 0, lastHash: "")
    }

    /// Up to `limit` complete lines after `cursor`, in order, advancing it past them.
    ///
    /// Lines up to seq `trusting` are only stepped over (their seq and `h` taken as written:
    /// the replica already holds them and checks them itself); every later line must carry the
    /// next seq and a hash that chains to the one before, or `JournalLineDamage` is thrown and
    /// the cursor stays before it. An unfinished last line (a write in progress) is left for later.
    public func journalLines(after cursor: inout JournalCursor, trusting: Int64 = 0, limit: Int) throws -> [JournalLine] {
        var lines: [JournalLine] = []
        do {
            try journal.readRaw(from: &cursor, trusting: trusting) { line in
                lines.append(line)
                return lines.count < limit
            }
        } catch let error as SystemError {
            throw StoreError.io(error)
        }
        return lines
    }

    /// Decodes one journal line with the store's own decoder (the chain is not checked: the
    /// caller holds the line without its neighbours). What the index and `show` would read.
    public static func decodeJournalLine(_ text: String) throws -> JournalRecord {
        do {
            return try JournalCodec.decode(Array(text.utf8)[...], previousHash: nil).record
        } catch {
            throw StoreError.invalidFile(path: "journal", reason: error.vietnamese)
        }
    }
}

extension Journal {
    private static let seqPrefix = Array(#"{"seq":"#.utf8)

    /// Walks complete lines after `cursor` as raw bytes; `take` returns false to stop after a line.
    func readRaw(from cursor: inout JournalCursor, trusting: Int64, take: (JournalLine) -> Bool) throws {
        for segment in try segments() where segment >= cursor.segment {
            if segment > cursor.segment {
                cursor.segment = segment
                cursor.offset = 0
                cursor.line = 0
            }
            if try !readRawSegment(segment, cursor: &cursor, trusting: trusting, take: take) { return }
        }
    }

    /// False when `take` asked to stop.
    private func readRawSegment(_ segment: SegmentName, cursor: inout JournalCursor, trusting: Int64,
                                take: (JournalLine) -> Bool) throws -> Bool {
        let path = path(segment)
        return try forEachCompleteLine(of: segment, from: cursor.offset, chunkBytes: 4 << 20,
                                       shrank: { throw JournalShrank(path: path, size: $0, offset: cursor.offset) }) { bytes in
            let line = try checkedLine(bytes, cursor: cursor, trusting: trusting, file: path)
            cursor.offset += Int64(bytes.count + 1)
            cursor.line += 1
            cursor.lastSeq = line.seq
            cursor.lastHash = line.hash
            return line.seq <= trusting || take(line)
        }
    }

    /// Hands `body` each complete line of `segment` from byte `offset` on (without its newline),
    /// read in chunks of `chunkBytes`; a partial last line is left. False when `body` said stop.
    /// `shrank` is called with the file's size when it is shorter than `offset`. With `end`,
    /// nothing past that byte is read; `eachChunk` sees every chunk's bytes as read (a digest).
    func forEachCompleteLine(of segment: SegmentName, from offset: Int64, to end: Int64? = nil, chunkBytes: Int,
                             shrank: (Int64) throws -> Void, eachChunk: ([UInt8]) -> Void = { _ in },
                             _ body: (ArraySlice<UInt8>) throws -> Bool) throws -> Bool {
        let path = path(segment)
        let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
        defer { fs.close(fd) }
        let fileSize = try fs.fstat(fd, path: path).size
        let size = end.map { min($0, fileSize) } ?? fileSize
        if size < offset {
            try shrank(size)
            return false
        }
        var carry: [UInt8] = []
        var readOffset = offset
        while readOffset < size {
            let chunk = try fs.pread(fd, count: min(chunkBytes, Int(size - readOffset)), at: readOffset, path: path)
            if chunk.isEmpty { break }
            readOffset += Int64(chunk.count)
            eachChunk(chunk)
            var buffer = carry
            buffer.append(contentsOf: chunk)
            // Newlines found by memchr: a byte-at-a-time search was most of a full check's walk
            // over 1.2 GB (twice: the chain pass and the decoding each read every line).
            let (stopped, lineStart) = try buffer.withUnsafeBufferPointer { bytes -> (Bool, Int) in
                var lineStart = 0
                while lineStart < bytes.count, let found = memchr(bytes.baseAddress! + lineStart, 10, bytes.count - lineStart) {
                    let newline = UnsafeRawPointer(bytes.baseAddress!).distance(to: found)
                    if try !body(buffer[lineStart..<newline]) { return (true, lineStart) }
                    lineStart = newline + 1
                }
                return (false, lineStart)
            }
            if stopped { return false }
            carry = Array(buffer[lineStart...])
        }
        return true
    }

    /// The line as a `JournalLine`, or the reason it does not continue the chain at `cursor`.
    private func checkedLine(_ bytes: ArraySlice<UInt8>, cursor: JournalCursor, trusting: Int64, file: String) throws -> JournalLine {
        func damage(_ reason: String, seq: Int64? = nil) -> JournalLineDamage {
            JournalLineDamage(file: file, line: cursor.line + 1, seq: seq, reason: reason)
        }
        guard bytes.starts(with: Self.seqPrefix) else { throw damage("dòng không bắt đầu bằng {\"seq\":") }
        var seq: Int64 = 0
        var i = bytes.startIndex + Self.seqPrefix.count
        while i < bytes.endIndex, bytes[i] >= 48, bytes[i] <= 57 {
            seq = seq * 10 + Int64(bytes[i] - 48)
            i += 1
        }
        guard let hash = Journal.storedHash(in: bytes),
              let marker = JournalCodec.lastIndex(of: JournalCodec.hashMarker, in: bytes) else {
            throw damage("thiếu mã băm \"h\"", seq: seq)
        }
        if seq > trusting {
            guard seq == cursor.lastSeq + 1 else { throw damage("số thứ tự \(seq) không liền sau \(cursor.lastSeq)", seq: seq) }
            guard JournalCodec.chainHash(previous: cursor.lastHash, content: bytes[bytes.startIndex..<marker]) == hash else {
                throw damage("mã băm không nối tiếp dòng trước (dòng bị sửa hoặc chuỗi băm đứt)", seq: seq)
            }
        }
        // Kept byte for byte: a line that is not UTF-8 could not be stored as text unchanged.
        guard let text = String(validating: bytes, as: UTF8.self) else { throw damage("dòng không phải UTF-8", seq: seq) }
        return JournalLine(seq: seq, previousHash: cursor.lastHash, hash: hash, text: text)
    }
}
