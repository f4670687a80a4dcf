import Foundation
import MotCuaCore

/// The outcome of `motcua check`.
public struct CheckReport: Sendable {
    public let lines: Int64
    public let dossiers: Int
    public let lastSeq: Int64
    public let problems: [String]
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
        loadHistory()
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
        var problems: [String] = []
        var fresh = DossierIndex()
        var replayCursor = JournalCursor(segment: SegmentName(year: 1970, month: 1), offset: 0, line: 0, lastSeq: 0, lastHash: "")
        var lines: Int64 = 0
        var queueLines: [CivilDate: [QueueEntry]] = [:]
        try journal.read(from: &replayCursor, upTo: cut, apply: { line in
            lines += 1
            if let entry = line.record.queueEntry { queueLines[entry.at.date, default: []].append(entry) }
            if let problem = fresh.apply(line.record, at: line.position) {
                problems.append("\(line.fileName), dòng \(line.lineNumber), byte \(line.position.offset): \(problem)")
            }
        }, damaged: { damage, _ in problems.append(damage.description) })

        // Row by row, one pair of values at a time: at 500,000 dossiers dictionaries of both
        // indexes' values cost more than a gigabyte.
        if index.count != fresh.count {
            problems.append("chỉ mục có \(index.count) hồ sơ, phát lại nhật ký có \(fresh.count)")
        }
        for row in 0..<fresh.count {
            let summary = fresh.table.summary(at: row)
            if index.row(id: summary.id).map(index.table.summary(at:)) != summary {
                problems.append("hồ sơ \(summary.code): chỉ mục khác với kết quả phát lại nhật ký")
            }
        }
        problems += codeGaps(in: (0..<fresh.count).lazy.map(fresh.table.code(at:)))
        // Each day's queue folds without a call of a ticket never issued or a number issued twice.
        for (day, entries) in queueLines.sorted(by: { $0.key < $1.key }) {
            problems += CounterQueueDay(day: day, entries: entries).problems.map { "hàng đợi ngày \(day.vietnamese): \($0)" }
        }
        problems += try sealedDigestProblems()
        if let journalBehindIndex { problems.append(journalBehindIndex) }
        if replayCursor.lastSeq != cut.lastSeq {
            problems.append("phát lại nhật ký dừng ở seq \(replayCursor.lastSeq), chỉ mục ở seq \(cut.lastSeq)")
        }
        var report = CheckReport(lines: lines, dossiers: fresh.count, lastSeq: cut.lastSeq, problems: problems)
        report.cutUnderLock = cutUnderLock
        if cutUnderLock, tornBytes > 0 {
            report.notes.append("\(journal.path(cut.segment)): dòng cuối chưa ghi xong (\(tornBytes) byte từ byte \(cut.offset), "
                                + "một lần ghi bị ngắt); không được tính, lần ghi tới sẽ cắt bỏ")
        }
        return report
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
    /// Without `hashing` (`check --quick`) only the sizes are compared, from `stat`.
    func sealedDigestProblems(hashing: Bool = true) throws -> [String] {
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
            guard let content = try Store.readBytes(path, fs: fs) else {
                problems.append("\(path): tệp đã đóng bị mất")
                continue
            }
            if Int64(content.count) != entry.bytes || SHA256.hex(SHA256.hash(content)) != entry.sha256 {
                problems.append("\(path): nội dung khác với bản ghi trong SEALED (tệp đã đóng bị sửa)")
            }
        }
        return problems
    }
}
