#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// `motcua check --quick`, for cron: what can be checked in about a second on any store size.
/// It verifies the active month's chain line by line (hash, link, seq), that it links to the
/// last line of the month before, and that every sealed month is recorded in SEALED with its
/// recorded size. It does not hash the sealed months nor replay them: an edit inside a sealed
/// month that keeps its size is found by the full `check` (SHA-256 of each month, full replay),
/// as is an active-month line whose chain holds but whose JSON does not decode (only the lines
/// after the index snapshot are decoded, at open).
extension Store {
    public func verifyQuick() throws -> CheckReport {
        let segments: [SegmentName]
        do { segments = try journal.segments() } catch { throw StoreError.io(error) }
        var problems = try sealedDigestProblems(hashing: false)
        guard let active = segments.last else {
            return CheckReport(lines: 0, dossiers: index.count, lastSeq: 0, problems: problems)
        }
        var cursor = JournalCursor(segment: active, offset: 0, line: 0, lastSeq: 0, lastHash: "")
        if segments.count >= 2 {
            let previous = segments[segments.count - 2]
            if let line = try lastLine(of: previous), let decoded = try? JournalCodec.decode(line, previousHash: nil) {
                cursor.lastSeq = decoded.record.seq
                cursor.lastHash = decoded.hash
            } else {
                problems.append("\(journal.path(previous)): không đọc được dòng cuối")
            }
        }
        var lines: Int64 = 0
        // The chain over raw bytes first; only a month that fails it is decoded, for the exact findings.
        var chained = cursor
        if let count = try? journal.chainOnly(active, cursor: &chained) {
            lines = count
            cursor = chained
        } else {
            try journal.read(from: &cursor, apply: { _ in lines += 1 }, damaged: { damage, _ in problems.append(damage.description) })
        }
        // What opening met in the lines after the snapshot (older months' lines among them).
        for found in damage where !problems.contains(found.description) { problems.append(found.description) }
        if let journalBehindIndex { problems.append(journalBehindIndex) }
        var report = CheckReport(lines: lines, dossiers: index.count, lastSeq: cursor.lastSeq, problems: problems)
        report.cutUnderLock = false
        return report
    }

    /// The last complete line of a month's file (without its newline).
    private func lastLine(of segment: SegmentName) throws -> ArraySlice<UInt8>? {
        let path = journal.path(segment)
        do {
            let fd = try fs.open(path, flags: O_RDONLY, mode: 0)
            defer { fs.close(fd) }
            let size = try fs.fstat(fd, path: path).size
            let start = max(0, size - 262_144)
            let bytes = try fs.pread(fd, count: Int(size - start), at: start, path: path)
            guard let end = bytes.lastIndex(of: 10) else { return nil }
            let body = bytes[..<end]
            guard let before = body.lastIndex(of: 10) else { return start == 0 ? body : nil }
            return body[(before + 1)...]
        } catch { throw StoreError.io(error) }
    }
}
