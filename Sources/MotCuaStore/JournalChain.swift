import Dispatch
import MotCuaCore

extension Journal {
    private static let prevMarker = Array(#","prev":""#.utf8)
    private static let seqPrefix = Array(#"{"seq":"#.utf8)

    /// The chain alone over one month's raw bytes, from `cursor` to its last complete line: each
    /// line's seq follows the one before and its `h` is SHA-256 of the previous `h` and its bytes;
    /// the first line's `prev` names the previous month's last `h`. No JSON is decoded (a quick
    /// check's 50,000 lines cost ~2 s decoded, ~0.1 s hashed). Nil at the first line that does
    /// not pass, so the caller can read the month the slow way and report exactly what is wrong;
    /// else the number of lines, with `cursor` after the last.
    func chainOnly(_ segment: SegmentName, cursor: inout JournalCursor) throws -> Int64? {
        var lines: Int64 = 0
        let passed = try forEachCompleteLine(of: segment, from: cursor.offset, chunkBytes: 8 << 20, shrank: { _ in }) { line in
            guard let (seq, hash) = Self.chainStep(line, after: cursor) else { return false }
            cursor.offset += Int64(line.count + 1)
            cursor.line += 1
            cursor.lastSeq = seq
            cursor.lastHash = hash
            lines += 1
            return true
        }
        guard passed else { return nil }
        return lines
    }

    /// The line's seq and `h` when it continues the chain at `cursor`.
    static func chainStep(_ line: ArraySlice<UInt8>, after cursor: JournalCursor) -> (Int64, String)? {
        let seqPrefix = Self.seqPrefix
        guard line.starts(with: seqPrefix) else { return nil }
        var seq: Int64 = 0
        var i = line.startIndex + seqPrefix.count
        while i < line.endIndex, line[i] >= 48, line[i] <= 57, seq < Int64.max / 10 {
            seq = seq * 10 + Int64(line[i] - 48)
            i += 1
        }
        guard i < line.endIndex, line[i] == 44, seq == cursor.lastSeq + 1,       // ','
              let marker = JournalCodec.lastIndex(of: JournalCodec.hashMarker, in: line),
              let hash = storedHash(in: line) else { return nil }
        let content = line[line.startIndex..<marker]
        if cursor.line == 0 {
            // The month's first line carries the link: `,"prev":"<h>"` just before `"h"`.
            let link = prevMarker + Array(cursor.lastHash.utf8) + [34]
            guard content.count >= link.count, content.suffix(link.count).elementsEqual(link) else { return nil }
        }
        guard JournalCodec.chainHash(previous: cursor.lastHash, content: content) == hash else { return nil }
        return (seq, hash)
    }
}

/// A full check's raw pass, on another core while the replay decodes (Store+Check.swift): the
/// chain of every month up to the cut (seq, hash, the link to the month before), and the size and
/// SHA-256 of each whole month before the cut's, from the same reads (no second pass for SEALED).
final class ChainPassJob: @unchecked Sendable {
    private let fs: FileSystem
    private let directory: String
    private let segments: [SegmentName]
    private let cut: JournalCursor
    let done = DispatchSemaphore(value: 0)
    /// Whether every line up to the cut continues the chain; set before `done` is signalled.
    private(set) var passed = false
    /// By file name: the months read whole.
    private(set) var digests: [String: SealedDigest] = [:]

    init(fs: FileSystem, directory: String, segments: [SegmentName], cut: JournalCursor) {
        self.fs = fs
        self.directory = directory
        self.segments = segments
        self.cut = cut
    }

    func run() {
        passed = (try? walk()) ?? false
        done.signal()
    }

    private func walk() throws -> Bool {
        let journal = Journal(fs: fs, directory: directory, fileMode: 0, group: nil)
        var cursor = Store.journalStart
        for segment in segments {
            cursor.segment = segment
            cursor.offset = 0
            cursor.line = 0
            let whole = segment != cut.segment
            var sha = MachineSHA256()
            var bytes: Int64 = 0
            let passed = try journal.forEachCompleteLine(
                of: segment, from: 0, to: whole ? nil : cut.offset, chunkBytes: 1 << 20, shrank: { _ in },
                eachChunk: { chunk in
                    guard whole else { return }
                    bytes += Int64(chunk.count)
                    chunk.withUnsafeBytes { sha.update($0) }
                }) { line in
                    guard let (seq, hash) = Journal.chainStep(line, after: cursor) else { return false }
                    cursor.offset += Int64(line.count + 1)
                    cursor.line += 1
                    cursor.lastSeq = seq
                    cursor.lastHash = hash
                    return true
                }
            guard passed else { return false }
            if whole { digests[segment.fileName] = SealedDigest(bytes: bytes, sha256: sha.hex()) }
        }
        return cursor.lastSeq == cut.lastSeq
    }
}

/// A month file's size and SHA-256 (hex), as SEALED records them.
struct SealedDigest: Sendable {
    let bytes: Int64
    let sha256: String
}
