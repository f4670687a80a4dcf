import Foundation
import MotCuaCore

/// The outcome of `motcua check`.
public struct CheckReport: Sendable {
    public let lines: Int64
    public let dossiers: Int
    public let lastSeq: Int64
    public internal(set) var problems: [String]
    /// Whether the cut (`lastSeq`) was taken under the writer lock: no write was half done there.
    public var cutUnderLock = true
    /// Worth knowing, not damage (a torn last line a crashed write left, cut by the next write).
    public var notes: [String] = []
    public var ok: Bool { problems.isEmpty }
}

extension Store {
    /// Full verification: every line's hash and chain, seq continuity, the sealed months' digests,
    /// codes unique and gap-free per agency and day, and a full replay equal to the loaded index.
    ///
    /// Clerks may write meanwhile: the index is caught up under the writer lock and that point
    /// (a seq) is the cut; the replay stops there, so lines written after it are left for the
    /// next check instead of showing as false differences.
    public func verify() throws -> CheckReport {
        var cutUnderLock = true
        var tornBytes: Int64 = 0
        do {
            try withWriteLock {
                try refresh()
                let size = (try? fs.stat(journal.path(cursor.segment)))??.size ?? 0
                tornBytes = max(0, size - cursor.offset)
            }
        } catch StoreError.io, StoreError.lockTimeout {
            // A read-only administrator, or a writer stuck: the cut is where this read ended.
            cutUnderLock = false
            try refresh()
        }
        let cut = cursor
        var report = try verifyOnTwoCores(upTo: cut) ?? verifyLineByLine(upTo: cut)
        report.problems += historyImageProblems()       // after the replay's memory is given back
        report.cutUnderLock = cutUnderLock
        if cutUnderLock, tornBytes > 0 {
            report.notes.append("\(journal.path(cut.segment)): dòng cuối chưa ghi xong (\(tornBytes) byte từ byte \(cut.offset), "
                                + "một lần ghi bị ngắt); không được tính, lần ghi tới sẽ cắt bỏ")
        }
        return report
    }

    /// The replay of a check: a fresh index folded from the journal, and what the fold found.
    struct CheckReplay {
        var fresh: DossierIndex = {
            var index = DossierIndex()
            index.isCheckReplay = true
            return index
        }()
        var lines: Int64 = 0
        var lastSeq: Int64 = 0
        var queueLines: [CivilDate: [QueueEntry]] = [:]
        var problems: [String] = []

        /// `inout` only so that a batch's line is read in place, not copied out (it is not changed).
        mutating func apply(_ line: inout ReadLine) {
            lines += 1
            if let entry = line.record.queueEntry { queueLines[entry.at.date, default: []].append(entry) }
            if let problem = fresh.apply(line.record, at: line.position) {
                problems.append("\(line.fileName), dòng \(line.lineNumber), byte \(line.position.offset): \(problem)")
            }
        }
    }

    /// The check as it always ran: each line decoded with its hash checked, every damage named,
    /// then the sealed months read again for their digests. What a store with damage gets.
    func verifyLineByLine(upTo cut: JournalCursor) throws -> CheckReport {
        var replay = CheckReplay()
        var replayCursor = Store.journalStart
        try journal.read(from: &replayCursor, upTo: cut, apply: { line in
            var line = line
            replay.apply(&line)
        }, damaged: { damage, _ in replay.problems.append(damage.description) })
        replay.lastSeq = replayCursor.lastSeq
        return try finishCheck(replay, cut: cut, digests: [:])
    }

    /// The same check on a store without damage, in about half the time: the chain and the
    /// sealed months' digests over raw bytes on another core (ChainPassJob) while this one decodes
    /// and replays without hashing. Nil when either meets anything a line-by-line check would
    /// name as damage: that check then runs and says exactly what and where.
    func verifyOnTwoCores(upTo cut: JournalCursor) throws -> CheckReport? {
        let segments: [SegmentName]
        do { segments = try journal.segments().filter { $0 <= cut.segment } } catch { return nil }
        let job = ChainPassJob(fs: fs, directory: journal.directory, segments: segments, cut: cut)
        DispatchQueue.global().async { job.run() }
        let replayed = try? replayTrustingChain(segments, upTo: cut)
        job.done.wait()
        guard job.passed, let replayed else { return nil }
        return try finishCheck(replayed, cut: cut, digests: job.digests)
    }

    /// Replays every line up to the cut as another thread decodes them without computing hashes
    /// (the chain pass does; CheckDecodeJob). Nil at anything the line-by-line read would report.
    private func replayTrustingChain(_ segments: [SegmentName], upTo cut: JournalCursor) throws -> CheckReplay? {
        let decoder = CheckDecodeJob(fs: fs, directory: journal.directory, segments: segments, cut: cut)
        decoder.start()
        var replay = CheckReplay()
        while var batch = decoder.next() {
            // Each line read where it lies in the batch: a copy would retain every string in it,
            // and moving one moves the whole record.
            batch.withUnsafeMutableBufferPointer { lines in
                for i in lines.indices { replay.apply(&lines[i]) }
            }
        }
        let (passed, lastSeq) = decoder.result
        guard passed else { return nil }
        replay.lastSeq = lastSeq
        return replay
    }

    /// What both ways find the same way once the replay is done: the replay against the loaded
    /// index row by row, code gaps, the counter queue's days, SEALED, the cut.
    private func finishCheck(_ replay: CheckReplay, cut: JournalCursor, digests: [String: SealedDigest]) throws -> CheckReport {
        var problems = replay.problems
        let fresh = replay.fresh
        problems += try rowDifferences(fresh)
        problems += codeGaps(in: (0..<fresh.count).lazy.map(fresh.table.code(at:)))
        // Each day's queue folds without a call of a ticket never issued or a number issued twice.
        for (day, entries) in replay.queueLines.sorted(by: { $0.key < $1.key }) {
            problems += CounterQueueDay(day: day, entries: entries).problems.map { "hàng đợi ngày \(day.vietnamese): \($0)" }
        }
        problems += try sealedDigestProblems(known: digests)
        if let journalBehindIndex { problems.append(journalBehindIndex) }
        if replay.lastSeq != cut.lastSeq {
            problems.append("phát lại nhật ký dừng ở seq \(replay.lastSeq), chỉ mục ở seq \(cut.lastSeq)")
        }
        return CheckReport(lines: replay.lines, dossiers: fresh.count, lastSeq: cut.lastSeq, problems: problems)
    }

    /// The index against the replay, row by row, one pair of values at a time (dictionaries of both
    /// indexes' values would cost more than a gigabyte at 500,000): first the rows the index holds,
    /// then each deferred year's rows as its file has them, one year at a time in a temporary
    /// index, so that five years are never held beside the replay. Exact because every line read
    /// since the snapshot for a deferred year was applied to its row (`settlePending`), so a row
    /// not loaded is as its file says. Problems in the replay's row order.
    func rowDifferences(_ fresh: DossierIndex) throws -> [String] {
        do {
            return try rowDifferencesYearByYear(fresh)
        } catch {
            // A damaged rows file: as any load does, the index is rebuilt from the journal (whole).
            notices.append("Chỉ mục năm cũ hỏng, dựng lại từ nhật ký: \(error)")
            try reloadFromScratch()
            return try rowDifferencesYearByYear(fresh)
        }
    }

    private func rowDifferencesYearByYear(_ fresh: DossierIndex) throws -> [String] {
        settlePending()
        let (loaded, notLoaded) = (0..<fresh.count).reduce(into: ([Int](), [Int]())) { lists, row in
            if index.row(id: fresh.table.ids[row]) != nil { lists.0.append(row) } else { lists.1.append(row) }
        }
        var differing = RowComparison(index: index, fresh: fresh, rows: loaded).differences()
        var total = index.count
        var compared = [Bool](repeating: false, count: fresh.count)
        for year in index.deferredYears.sorted() {
            guard let name = baseHead?.years[String(year)] else { continue }
            let file = try mappedRows(name)
            let taken = index.preloadedRows[year] ?? []
            let fileRows = (0..<file.rows).filter { !taken.contains($0) }
            // A part of the year at a time (~15 MB each at 500,000, where a whole year is ~70).
            for start in stride(from: 0, to: fileRows.count, by: checkRowsAtOnce) {
                var rest = DossierIndex()
                rest.isCheckReplay = true                // compared, then thrown away: no positions
                let part = Array(fileRows[start..<min(start + checkRowsAtOnce, fileRows.count)])
                var loader = RowsLoader(file: file, columns: try file.gather(part), year: year)
                _ = loader.load(into: &rest, budget: nil)
                total += rest.count
                let rows = (0..<rest.count).compactMap { fresh.row(id: rest.table.ids[$0]) }
                for row in rows { compared[row] = true }
                differing += RowComparison(index: rest, fresh: fresh, rows: rows).differences()
            }
            file.releasePages()
            rowsMaps[name] = nil
            Self.returnFreedMemory()
        }
        differing += notLoaded.filter { !compared[$0] }      // neither loaded nor in a file: the index lacks them
        let counts = total == fresh.count ? [] : ["chỉ mục có \(total) hồ sơ, phát lại nhật ký có \(fresh.count)"]
        return counts + differing.sorted().map { "hồ sơ \(fresh.table.code(at: $0)): chỉ mục khác với kết quả phát lại nhật ký" }
    }

    /// Numbers issued per agency and day must run 1…n with no gap and no repeat.
    func codeGaps<Codes: Sequence<String>>(in codes: Codes) -> [String] {
        var numbers: [String: [Int]] = [:]
        for code in codes {
            guard let (day, number) = DossierCode.dayAndNumber(code) else {
                continue
            }
            numbers[DossierCode.counterKey(agency: DossierCode.agency(of: code), day: day), default: []].append(number)
        }
        var problems: [String] = []
        for (key, list) in numbers.sorted(by: { $0.key < $1.key }) {
            let sorted = list.sorted()
            if sorted != Array(1...sorted.count) {
                problems.append("mã hồ sơ ngày \(key): số thứ tự không liên tục hoặc trùng (\(sorted.prefix(10).map(String.init).joined(separator: ","))…)")
            }
        }
        return problems
    }

    /// Every month before the newest must be recorded in SEALED (sealing happens before the next
    /// month's first line is written), and must still match its size and SHA-256 there.
    /// Without `hashing` (`check --quick`) only the sizes are compared, from `stat`. `known`: the
    /// months a full check's chain pass already read whole, not read again.
    func sealedDigestProblems(hashing: Bool = true, known: [String: SealedDigest] = [:]) throws -> [String] {
        let segments = ((try? fs.listDirectory(files.journal)) ?? []).compactMap(SegmentName.init(fileName:)).sorted()
        let bytes = try Store.readBytes(files.sealed, fs: fs) ?? []
        var problems: [String] = []
        let recorded = String(decoding: bytes, as: UTF8.self)
        for segment in segments.dropLast() where !recorded.contains("\"segment\":\"\(segment.fileName)\"") {
            problems.append("\(files.sealed): không có dòng cho tháng đã đóng \(segment.fileName) (tệp SEALED bị sửa, cắt hoặc mất)")
        }
        struct Entry: Decodable { let segment: String; let bytes: Int64; let sha256: String }
        for (n, line) in bytes.split(separator: 10).enumerated() {
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else {
                problems.append("\(files.sealed), dòng \(n + 1): không đọc được")
                continue
            }
            let path = "\(files.journal)/\(entry.segment)"
            if !hashing {
                guard let size = (try? fs.stat(path))??.size else {
                    problems.append("\(path): tệp đã đóng bị mất")
                    continue
                }
                if size != entry.bytes { problems.append("\(path): kích thước khác với bản ghi trong SEALED (tệp đã đóng bị sửa)") }
                continue
            }
            if let digest = known[entry.segment] {
                if digest.bytes != entry.bytes || digest.sha256 != entry.sha256 {
                    problems.append("\(path): nội dung khác với bản ghi trong SEALED (tệp đã đóng bị sửa)")
                }
                continue
            }
            guard let content = try Store.readBytes(path, fs: fs) else {
                problems.append("\(path): tệp đã đóng bị mất")
                continue
            }
            if Int64(content.count) != entry.bytes || MachineSHA256.hex(of: content) != entry.sha256 {
                problems.append("\(path): nội dung khác với bản ghi trong SEALED (tệp đã đóng bị sửa)")
            }
        }
        return problems
    }
}

/// `rows` of the replay against their rows in `index`, the halves on both cores (both indexes are
/// only read); returns the rows that differ or that `index` lacks.
private struct RowComparison {
    let index: DossierIndex
    let fresh: DossierIndex
    let rows: [Int]

    func differences() -> [Int] {
        let halves = rows.count >= 2 ? 2 : 1           // split from two rows: the tests take this path too
        return concurrentMap(halves) { half in
            differences(in: rows[(rows.count * half / halves)..<(rows.count * (half + 1) / halves)])
        }.flatMap { $0 }
    }

    private func differences(in part: ArraySlice<Int>) -> [Int] {
        // The tables taken once, and no method reference to one (each row would copy it: ~40
        // retains, contended by both cores).
        let freshTable = fresh.table, indexTable = index.table
        return part.filter { row in
            let summary = freshTable.summary(at: row)
            return index.row(id: summary.id).map { indexTable.summary(at: $0) } != summary
        }
    }
}
