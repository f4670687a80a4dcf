import Foundation
import MotCuaCore

/// A full check's decoding, on a thread of its own while the caller replays (Store+Check.swift):
/// each line up to the cut decoded without hashing (the chain pass hashes) and checked as the
/// line-by-line read would check it, handed over in batches through a short bounded queue, so
/// decoding, replaying and hashing share the two cores instead of decoding waiting on replay.
final class CheckDecodeJob: @unchecked Sendable {
    private let journal: Journal
    private let segments: [SegmentName]
    private let cut: JournalCursor
    private let condition = NSCondition()
    private var queue: [[ReadLine]] = []
    private var finished = false
    private var passedAll = false
    private var lastSeqSeen: Int64 = 0
    /// Lines per batch and batches queued: ~10 MB in flight at most.
    static let batchLines = 2_048, depth = 4

    init(fs: FileSystem, directory: String, segments: [SegmentName], cut: JournalCursor) {
        journal = Journal(fs: fs, directory: directory, fileMode: 0, group: nil)
        self.segments = segments
        self.cut = cut
    }

    /// Starts decoding on a new thread (not a dispatch worker: the chain pass holds the other).
    func start() {
        let thread = Thread { [self] in run() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The next batch in journal order; nil once every line was handed over or decoding stopped.
    func next() -> [ReadLine]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        condition.broadcast()
        return queue.removeFirst()
    }

    /// After `next` returned nil: whether every line passed, and the last seq.
    var result: (passed: Bool, lastSeq: Int64) {
        condition.lock()
        defer { condition.unlock() }
        return (passedAll, lastSeqSeen)
    }

    private func hand(_ batch: [ReadLine]) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.depth { condition.wait() }
        queue.append(batch)
        condition.broadcast()
    }

    private func run() {
        let passed = (try? decodeAll()) ?? false
        condition.lock()
        passedAll = passed
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Nil-free: false at anything the line-by-line read would report (an empty or unreadable
    /// line, a seq out of order, a month's first line whose `prev` is not the last `h` before it,
    /// a decoded `h` that is not the bytes the chain pass hashed).
    private func decodeAll() throws -> Bool {
        var lastSeq: Int64 = 0, lastHash = ""
        var batch: [ReadLine] = []
        batch.reserveCapacity(Self.batchLines)
        for segment in segments {
            let path = journal.path(segment)
            var offset: Int64 = 0, lineNumber = 0
            let passed = try journal.forEachCompleteLine(of: segment, from: 0, to: segment == cut.segment ? cut.offset : nil,
                                                         chunkBytes: 1 << 20, shrank: { _ in }) { line in
                lineNumber += 1
                defer { offset += Int64(line.count + 1) }
                guard !line.isEmpty, let stored = Journal.storedHash(in: line),
                      let decoded = try? JournalCodec.decode(line, previousHash: nil, checkingChain: false),
                      decoded.hash == stored, decoded.record.seq == lastSeq + 1,
                      lineNumber > 1 || decoded.carriedPrevious == lastHash else { return false }
                lastSeq = decoded.record.seq
                lastHash = decoded.hash
                batch.append(ReadLine(record: decoded.record, position: JournalPosition(segment: segment.id, offset: offset, length: Int32(line.count)),
                                      fileName: path, lineNumber: lineNumber))
                if batch.count == Self.batchLines {
                    hand(batch)
                    batch = []
                    batch.reserveCapacity(Self.batchLines)
                }
                return true
            }
            guard passed else { return false }
        }
        if !batch.isEmpty { hand(batch) }
        condition.lock()
        lastSeqSeen = lastSeq
        condition.unlock()
        return true
    }
}
