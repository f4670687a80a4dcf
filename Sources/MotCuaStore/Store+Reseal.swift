import Foundation
import MotCuaCore

/// What `motcua reseal` did to one month.
public struct ResealedMonth: Sendable, Equatable {
    public let segment: String
    public let recordedBytes: Int64
    public let bytes: Int64
}

extension Store {
    /// The repair for a store where lines were appended to a month after it was sealed (older
    /// versions did so after a rollover failed part way): every month before the active one whose
    /// file only *grew* past what SEALED recorded (the recorded bytes are still its exact prefix)
    /// gets one fresh entry; a month whose recorded bytes changed is refused (that is an edit:
    /// restore a backup). SEALED is replaced whole, the old one kept beside it, and the repair is
    /// journaled. Returns the months resealed (none when nothing needed it).
    public func resealGrownMonths(actor: Actor, now: Instant) throws -> [ResealedMonth] {
        try require(actor, may: .manageCalendar)
        try ensureWritable()
        return try withWriteLock {
            try catchUpUnderLock()
            struct Entry: Decodable { let segment: String; let bytes: Int64; let sha256: String }
            let old = try Store.readBytes(files.sealed, fs: fs) ?? []
            var entries: [String: [(line: String, entry: Entry)]] = [:]
            for line in old.split(separator: 10) {
                guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { continue }
                entries[entry.segment, default: []].append((String(decoding: line, as: UTF8.self), entry))
            }
            let all = try journal.segments()
            // Every month before the active one, and the active one too when SEALED names it.
            let months = all.filter { $0 != all.last || entries[$0.fileName] != nil }
            var kept: [String] = [], resealed: [ResealedMonth] = []
            for month in months {
                let path = journal.path(month)
                guard let content = try Store.readBytes(path, fs: fs) else { continue }
                let list = entries[month.fileName] ?? []
                if list.count == 1, Int64(content.count) == list[0].entry.bytes, SHA256.hex(SHA256.hash(content)) == list[0].entry.sha256 {
                    kept.append(list[0].line)
                    continue
                }
                for (_, entry) in list where entry.bytes > content.count
                    || SHA256.hex(SHA256.hash(Array(content.prefix(Int(entry.bytes))))) != entry.sha256 {
                    throw StoreError.badInput("\(path): \(entry.bytes) byte đầu khác với bản ghi trong SEALED (tháng đã đóng bị sửa, "
                                              + "không chỉ ghi thêm); không sửa được bằng lệnh này: khôi phục bản sao lưu (Docs/DEPLOYMENT.md)")
                }
                let lines = content.split(separator: 10, omittingEmptySubsequences: false).dropLast()
                let lastSeq = lines.last.flatMap { try? JournalCodec.decode($0, previousHash: nil).record.seq } ?? 0
                kept.append(JSONText.object([
                    ("segment", .string(month.fileName)), ("bytes", .int(Int64(content.count))), ("lines", .int(Int64(lines.count))),
                    ("lastSeq", .int(lastSeq)), ("sha256", .string(SHA256.hex(SHA256.hash(content)))),
                ]).compact)
                resealed.append(ResealedMonth(segment: month.fileName, recordedBytes: list.map(\.entry.bytes).max() ?? 0, bytes: Int64(content.count)))
            }
            guard !resealed.isEmpty else { return [] }
            var event = AdminEvent(kind: .sealRepaired)
            event.detail = resealed.map { "\($0.segment): \($0.recordedBytes) → \($0.bytes) byte" }.joined(separator: "; ")
            try journalThenReplace(event, actor: actor, now: now, file: files.sealed, change: "đóng lại tháng \(event.detail ?? "")") {
                do throws(SystemError) {
                    try fs.atomicReplace("\(files.sealed).before-reseal-\(cursor.lastSeq)", with: old, mode: config.fileModeBits & 0o444, group: groupID)
                    try fs.atomicReplace(files.sealed, with: Array(kept.map { $0 + "\n" }.joined().utf8), mode: config.fileModeBits, group: groupID)
                } catch {
                    throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
                }
            }
            return resealed
        }
    }
}
