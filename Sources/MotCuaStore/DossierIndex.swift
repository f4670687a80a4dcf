import Foundation
import MotCuaCore

/// What an idempotency key already produced, so a retried command is a no-op.
public struct OpOutcome: Hashable, Sendable {
    public let seq: Int64
    public let dossier: UUID
    public let code: String
    public let version: Int
    public let at: Instant
}

/// The in-memory state of every loaded dossier: summaries, their journal positions, the
/// per-day code counters and the recent idempotency keys. Folded from the journal.
struct DossierIndex {
    private(set) var rows: [DossierSummary] = []
    private(set) var positions: [[JournalPosition]] = []
    private var rowOfID: [UUID: Int] = [:]
    private var rowOfCode: [String: Int] = [:]
    /// `agency|yymmdd` → the last number issued that day.
    private(set) var dayCounters: [String: Int] = [:]
    private(set) var ops: [String: OpOutcome] = [:]
    /// Dossiers whose history has a gap (a damaged line): read-only.
    private(set) var damaged: Set<UUID> = []
    /// Receipt years whose rows changed since the snapshot this index was loaded from.
    var dirtyYears: Set<Int> = []

    var count: Int { rows.count }

    func row(id: UUID) -> Int? { rowOfID[id] }
    func row(code: String) -> Int? { rowOfCode[code] }
    func summary(code: String) -> DossierSummary? { rowOfCode[code].map { rows[$0] } }

    /// Folds one journal line in. Returns a problem to report, or nil.
    @discardableResult
    mutating func apply(_ record: JournalRecord, at position: JournalPosition) -> String? {
        guard let rec = record.recordedEvent else { return nil }
        if let op = record.op {
            ops[op] = OpOutcome(seq: rec.seq, dossier: rec.dossier, code: rec.code, version: rec.version, at: rec.at)
        }
        if rec.event.kind == .received {
            guard rowOfID[rec.dossier] == nil, rowOfCode[rec.code] == nil else {
                damaged.insert(rec.dossier)
                return "hồ sơ \(rec.code) được tiếp nhận hai lần"
            }
            do {
                let summary = try DossierSummary(received: rec)
                insert(summary, positions: [position])
                dirtyYears.insert(DossierCode.year(of: rec.code) ?? 0)
                return nil
            } catch {
                damaged.insert(rec.dossier)
                return "\(error)"
            }
        }
        guard let row = rowOfID[rec.dossier] else {
            damaged.insert(rec.dossier)
            return "sự kiện cho hồ sơ \(rec.code) chưa từng được tiếp nhận"
        }
        guard !damaged.contains(rec.dossier) else { return nil }
        guard rec.version == rows[row].version + 1 else {
            damaged.insert(rec.dossier)
            return "hồ sơ \(rec.code): phiên bản \(rec.version) không liền sau \(rows[row].version)"
        }
        rows[row].apply(rec)
        positions[row].append(position)
        dirtyYears.insert(DossierCode.year(of: rec.code) ?? 0)
        return nil
    }

    mutating func insert(_ summary: DossierSummary, positions list: [JournalPosition]) {
        rowOfID[summary.id] = rows.count
        rowOfCode[summary.code] = rows.count
        rows.append(summary)
        positions.append(list)
        if let (day, number) = DossierCode.dayAndNumber(summary.code) {
            let key = DossierCode.counterKey(agency: DossierCode.agency(of: summary.code), day: day)
            dayCounters[key] = max(dayCounters[key] ?? 0, number)
        }
    }

    mutating func markDamaged(_ id: UUID) { damaged.insert(id) }

    /// Forgets idempotency keys older than `cutoff` (retries come within minutes, not months).
    mutating func pruneOps(olderThan cutoff: Instant) {
        ops = ops.filter { $0.value.at >= cutoff }
    }

    mutating func restoreOps(_ list: [String: OpOutcome]) { ops.merge(list) { current, _ in current } }

    /// The next dossier code for `agency` on `date`: numbers run from 0001 per agency per day,
    /// never reused or skipped.
    func nextCode(agency: String, date: CivilDate) -> String {
        let key = DossierCode.counterKey(agency: agency, day: DossierCode.dayStamp(date))
        return DossierCode.make(agency: agency, date: date, number: (dayCounters[key] ?? 0) + 1)
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
        let parts = code.split(separator: "-")
        guard parts.count >= 3, let number = Int(parts[parts.count - 1]), parts[parts.count - 2].count == 6 else { return nil }
        return (String(parts[parts.count - 2]), number)
    }

    static func agency(of code: String) -> String {
        let parts = code.split(separator: "-")
        return parts.dropLast(2).joined(separator: "-")
    }

    /// The receipt year written in a code (20YY).
    public static func year(of code: String) -> Int? {
        guard let (day, _) = dayAndNumber(code), let yy = Int(day.prefix(2)) else { return nil }
        return 2000 + yy
    }
}
