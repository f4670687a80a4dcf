import Foundation
import MotCuaCore

/// What an idempotency key already produced, so a retried command is a no-op, and what it was
/// used for, so another command under the same key is refused.
public struct OpOutcome: Hashable, Sendable {
    public let seq: Int64
    public let dossier: UUID
    public let code: String
    public let version: Int
    public let at: Instant
    /// The event kind written (older snapshots: nil, taken as unknown).
    public var kind: DossierEvent.Kind? = nil
    /// The command's digest (`OperationFingerprint`); nil for keys of older journals.
    public var digest: String? = nil
    /// When the line was written (nil in older snapshots: `at`).
    public var written: Instant? = nil

    var writtenAt: Instant { written ?? at }
}

/// The in-memory state of every loaded dossier: the summary table, each dossier's journal
/// positions, the per-day code counters and the recent idempotency keys. Folded from the journal.
struct DossierIndex {
    var table = DossierTable()
    /// Journal positions: each row's in one block of `events` (rows from a snapshot arrive with
    /// all theirs), no array object per dossier. Lines read later for a row whose block is no
    /// longer at the end go to `laterEvents`.
    /// (Internal, not private, for the history image: DossierIndex+Image.swift.)
    var events: Column<PackedPosition> = []
    var firstEvent: Column<Int32> = []
    var eventCount: Column<UInt16> = []
    private var laterEvents: [Int32: [PackedPosition]] = [:]
    var rowOfID: [UUID: Int32] = [:]
    /// Codes packed as agency#, YYMMDD and number in one Int64: a String key per dossier would cost ~50 MB at 500,000.
    var rowOfCode: [Int64: Int32] = [:]
    /// The rows mapped from the history image, found by binary search instead of the maps above.
    var imageRowOfID = SortedRows<IdentityKey>()
    var imageRowOfCode = SortedRows<Int64>()
    /// The image's rows in display order as the image was written (`QueueOrder(table:presorted:)`).
    var imageOrder: Column<Int32> = []
    var oddCodes: [String: Int32] = [:]
    var agencies = Interner()
    /// Agency# and YYMMDD packed (as in `rowOfCode`, without the number) → the last number issued that day.
    var dayCounters: [Int64: Int] = [:]
    private(set) var ops: [String: OpOutcome] = [:]
    /// The receipt books (biên lai), per agency and year: kept for every line, loaded or deferred.
    var receipts = ReceiptBooks()
    /// The dossier an idempotency key of the number queue names: none.
    static let queueDossier = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    /// Dossiers whose history has a gap (a damaged line): read-only.
    private(set) var damaged: Set<UUID> = []
    /// Receipt years whose rows changed since the snapshot this index was loaded from.
    var dirtyYears: Set<Int> = []
    /// Receipt years whose rows are not loaded yet (history deferred at open), with the journal
    /// lines read meanwhile for their dossiers, applied when the year arrives.
    var deferredYears: Set<Int> = []
    private(set) var pending: [Int: [(JournalRecord, JournalPosition)]] = [:]
    /// Rows of a deferred year's file already in the table (Store+Preload.swift): its full load
    /// appends only the others.
    var preloadedRows: [Int: Set<Int>] = [:]
    /// Rows added or changed since the last `takeTouched()`, for views that keep their own order.
    private(set) var touched: [Int32] = []
    /// The newest receipt year loaded.
    var maxYear = 0
    /// A check's replay, compared row by row and thrown away: it keeps no idempotency keys, no
    /// touched rows and no journal positions (one of each per journal line, ~40 MB of positions
    /// at 500,000 dossiers; keys where lines carry them).
    var isCheckReplay = false

    mutating func takeTouched() -> [Int32] {
        defer { touched = [] }
        return touched
    }

    var count: Int { table.count }

    func row(id: UUID) -> Int? { rowNumber(id: id).map(Int.init) }
    func row(code: String) -> Int? {
        let row = codeKey(code).flatMap(rowNumber(codeKey:)) ?? oddCodes[code]
        return row.map(Int.init)
    }

    private func rowNumber(id: UUID) -> Int32? {
        rowOfID[id] ?? (imageRowOfID.keys.isEmpty ? nil : imageRowOfID.row(IdentityKey(id)))
    }

    private func rowNumber(codeKey key: Int64) -> Int32? {
        rowOfCode[key] ?? (imageRowOfCode.keys.isEmpty ? nil : imageRowOfCode.row(key))
    }

    /// The packed key of a code, or nil when it does not have the standard shape.
    private func codeKey(_ code: String) -> Int64? {
        guard let (day, number, agencyEnd) = DossierCode.parse(code), number < (1 << 20) else { return nil }
        guard let id = agencies.existingID(String(decoding: code.utf8.prefix(agencyEnd), as: UTF8.self)), id > 0 else { return nil }
        return Self.pack(agency: id, day: day, number: number)
    }

    static func pack(agency: UInt32, day: Int, number: Int) -> Int64 {
        Int64(agency) << 44 | Int64(day) << 20 | Int64(number)
    }

    func summary(code: String) -> DossierSummary? { row(code: code).map(table.summary(at:)) }

    /// The full codes of the loaded dossiers whose code ends with the short code `YYMMDD-XXXX`
    /// the screens show, one per agency that has such a dossier.
    func codes(endingWith short: String) -> [String] {
        guard let (day, number, _) = DossierCode.parse("-" + short), number < (1 << 20) else { return [] }
        return agencies.strings.indices.dropFirst().compactMap { id -> String? in
            guard let row = rowNumber(codeKey: Self.pack(agency: UInt32(id), day: day, number: number)) else { return nil }
            return table.code(at: Int(row))
        }
    }

    /// Whether a line was read for a row whose block of positions was no longer at the end.
    var hasLaterEvents: Bool { !laterEvents.isEmpty }

    func positions(of row: Int) -> [JournalPosition] {
        let first = Int(firstEvent[row])
        return (events[first..<(first + Int(eventCount[row]))] + (laterEvents[Int32(row)] ?? [])).map(\.position)
    }

    /// Folds one journal line in. Returns a problem to report, or nil.
    @discardableResult
    mutating func apply(_ record: JournalRecord, at position: JournalPosition) -> String? {
        // A queue line's key is kept with the others, so no dossier command can reuse it.
        if case .queue(let event) = record.body, let op = record.op, !isCheckReplay {
            ops[op] = OpOutcome(seq: record.seq, dossier: Self.queueDossier, code: event.number, version: 0, at: record.at,
                                kind: nil, digest: record.opDigest, written: record.writtenAt)
        }
        guard let rec = record.recordedEvent else { return nil }
        if let op = record.op, !isCheckReplay {
            ops[op] = OpOutcome(seq: rec.seq, dossier: rec.dossier, code: rec.code, version: rec.version, at: rec.at,
                                kind: rec.event.kind, digest: record.opDigest, written: record.writtenAt)
        }
        if rec.event.kind == .feePaid, let receipt = rec.event.receipt {
            receipts.note(receipt, agency: DossierCode.agency(of: rec.code), year: rec.at.date.year, code: rec.code)
        }
        // The receipt year matters for deferred years and the snapshot's dirty years: not to a check's replay.
        let year = isCheckReplay && deferredYears.isEmpty ? 0 : DossierCode.year(of: rec.code) ?? 0
        if !deferredYears.isEmpty, deferredYears.contains(year), rowNumber(id: rec.dossier) == nil {
            pending[year, default: []].append((record, position))
            return nil
        }
        if rec.event.kind.opensDossier {
            guard rowNumber(id: rec.dossier) == nil, row(code: rec.code) == nil else {
                damaged.insert(rec.dossier)
                return "hồ sơ \(rec.code) được tiếp nhận hai lần"
            }
            do {
                insert(try DossierSummary(received: rec), positions: [position])
                if !isCheckReplay { dirtyYears.insert(year) }
                return nil
            } catch {
                damaged.insert(rec.dossier)
                return "\(error)"
            }
        }
        guard let row = row(id: rec.dossier) else {
            damaged.insert(rec.dossier)
            return "sự kiện cho hồ sơ \(rec.code) chưa từng được tiếp nhận"
        }
        guard !damaged.contains(rec.dossier) else { return nil }
        var summary = table.summaryToUpdate(at: row)
        guard rec.version == summary.version + 1 else {
            damaged.insert(rec.dossier)
            return "hồ sơ \(rec.code): phiên bản \(rec.version) không liền sau \(summary.version)"
        }
        summary.apply(rec)
        table.set(summary, at: row)
        if !isCheckReplay { touched.append(Int32(row)) }
        appendPosition(position, to: row)
        if !isCheckReplay { dirtyYears.insert(year) }
        return nil
    }

    mutating func procedureNumber(_ p: ProcedureSnapshot) -> UInt16 { table.procedureID(p) }
    mutating func nameNumber(_ name: String) -> UInt32 { table.nameID(name) }

    /// Room for `more` rows (a snapshot file says how many it holds).
    mutating func reserve(_ more: Int) {
        table.reserve(more)
        rowOfID.reserveCapacity(rowOfID.count + more)
        rowOfCode.reserveCapacity(rowOfCode.count + more)
        firstEvent.reserveCapacity(firstEvent.count + more)
        eventCount.reserveCapacity(eventCount.count + more)
        events.reserveCapacity(events.count + more * 6)
    }

    /// `procedure`: the summary's procedure's number in the table, when the caller already knows it.
    mutating func insert(_ summary: DossierSummary, positions list: [JournalPosition], procedure: UInt16? = nil) {
        let row = table.append(summary, procedure: procedure)
        indexRow(row, id: summary.id, code: summary.code.utf8)
        for p in list { appendPosition(p, to: row) }
    }

    /// Appends rows `range` of a rows file (see `DossierTable.append(_:rows:procedures:names:)`).
    mutating func append(_ file: RowsColumns, rows range: Range<Int>, procedures: [UInt16], names: [UInt32]) {
        let first = table.count
        table.append(file, rows: range, procedures: procedures, names: names)
        file.arena.withUnsafeBufferPointer { arena in
            for (k, fileRow) in range.enumerated() {
                let start = file.arenaStart[fileRow]
                indexRow(first + k, id: file.ids[fileRow], code: UnsafeBufferPointer(rebasing: arena[start..<(start + Int(file.stringLengths[0][fileRow]))]))
                for e in file.eventStart[fileRow]..<file.eventStart[fileRow + 1] {
                    appendPosition(PackedPosition(segment: file.eventSegment[e], length: file.eventLength[e], offset: file.eventOffset[e]), to: first + k)
                }
            }
        }
    }

    /// Makes a new row findable by identity and code, and counts its code's number for that day.
    private mutating func indexRow<Code: BidirectionalCollection<UInt8>>(_ row: Int, id: UUID, code: Code) {
        if !isCheckReplay { touched.append(Int32(row)) }
        rowOfID[id] = Int32(row)
        if let (day, number, agencyEnd) = DossierCode.parse(code), number < (1 << 20) {
            let agency = agencies.id(String(decoding: code.prefix(agencyEnd), as: UTF8.self))
            rowOfCode[Self.pack(agency: agency, day: day, number: number)] = Int32(row)
            let dayKey = Self.pack(agency: agency, day: day, number: 0)
            dayCounters[dayKey] = max(dayCounters[dayKey] ?? 0, number)
            maxYear = max(maxYear, 2000 + day / 10_000)
        } else {
            oddCodes[String(decoding: code, as: UTF8.self)] = Int32(row)
        }
        firstEvent.append(Int32(events.count))
        eventCount.append(0)
    }

    private mutating func appendPosition(_ p: JournalPosition, to row: Int) { appendPosition(PackedPosition(p), to: row) }

    private mutating func appendPosition(_ p: PackedPosition, to row: Int) {
        guard !isCheckReplay else { return }
        let count = eventCount[row]
        if count == 0 { firstEvent[row] = Int32(events.count) }
        if (count == 0 || Int(firstEvent[row]) + Int(count) == events.count) && count < UInt16.max {
            events.append(p)
            eventCount[row] = count + 1
        } else {
            laterEvents[Int32(row), default: []].append(p)
        }
    }

    /// The lines read for `year` while it was deferred; the year counts as loaded afterwards.
    func hasPending(year: Int) -> Bool { pending[year] != nil }

    /// The dossiers with lines waiting for `year`.
    func waitingDossiers(year: Int) -> Set<UUID> { Set(pending[year]?.compactMap { $0.0.recordedEvent?.dossier } ?? []) }

    mutating func takePending(year: Int) -> [(JournalRecord, JournalPosition)] {
        deferredYears.remove(year)
        return pending.removeValue(forKey: year) ?? []
    }

    mutating func markDamaged(_ id: UUID) { damaged.insert(id) }

    mutating func restoreOps(_ list: [String: OpOutcome]) { ops.merge(list) { current, _ in current } }

    /// The next dossier code for `agency` on `date`: numbers run from 0001 per agency per day,
    /// never reused or skipped.
    func nextCode(agency: String, date: CivilDate) -> String {
        let day = (date.year % 100) * 10_000 + date.month * 100 + date.day
        let last = agencies.existingID(agency).flatMap { dayCounters[Self.pack(agency: $0, day: day, number: 0)] } ?? 0
        return DossierCode.make(agency: agency, date: date, number: last + 1)
    }
}

/// `<agency>-<YYMMDD>-<XXXX>`.
public enum DossierCode {
    public static func make(agency: String, date: CivilDate, number: Int) -> String {
        let n = String(number)
        return "\(agency)-\(dayStamp(date))-\(n.count >= 4 ? n : String(repeating: "0", count: 4 - n.count) + n)"
    }

    static func dayStamp(_ date: CivilDate) -> String {
        let yy = date.year % 100, mm = date.month, dd = date.day
        return [yy, mm, dd].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
    }

    static func counterKey(agency: String, day: String) -> String { "\(agency)|\(day)" }

    /// The `YYMMDD` part and the number.
    static func dayAndNumber(_ code: String) -> (String, Int)? {
        guard let (day, number, _) = parse(code) else { return nil }
        let d = String(day)
        return (String(repeating: "0", count: 6 - d.count) + d, number)
    }

    /// YYMMDD, the number and where the agency ends, read from the end of the code without
    /// splitting it (this runs for every journal line).
    static func parse(_ code: String) -> (day: Int, number: Int, agencyEnd: Int)? { parse(code.utf8) }

    static func parse<Code: BidirectionalCollection<UInt8>>(_ code: Code) -> (day: Int, number: Int, agencyEnd: Int)? {
        var number = 0, day = 0, digits = 0, scale = 1
        var part = 0
        var index = code.count
        for c in code.reversed() {
            index -= 1
            if c == 45 {                                    // '-'
                if part == 0 { guard digits > 0 else { return nil } } else { guard digits == 6 else { return nil } }
                part += 1
                if part == 2 { return (day, number, index) }
                digits = 0
                scale = 1
                continue
            }
            guard c >= 48 && c <= 57 else { return nil }
            if part == 0 { number += Int(c - 48) * scale } else { day += Int(c - 48) * scale }
            scale *= 10
            digits += 1
        }
        return nil
    }

    static func agency(of code: String) -> String {
        guard let (_, _, end) = parse(code) else { return "" }
        return String(decoding: code.utf8.prefix(end), as: UTF8.self)
    }

    /// `YYMMDD-XXXX` without the agency: what the screens and the receipt show in short.
    public static func isShort(_ code: String) -> Bool {
        guard let (_, _, end) = parse("-" + code) else { return false }
        return end == 0
    }

    /// The receipt year written in a code (20YY).
    public static func year(of code: String) -> Int? {
        (parse(code) ?? (isShort(code) ? parse("-" + code) : nil)).map { 2000 + $0.day / 10_000 }
    }
}
