import Foundation

/// One running dossier on the supervisors' overdue list (or due today / by tomorrow).
public struct OverdueRow: Hashable, Sendable {
    public let id: UUID
    public let code: String
    public let applicant: String
    public let procedureCode: String
    public let procedureShortName: String
    public let field: String
    /// Who holds the dossier now.
    public let holder: Holder
    public let holderDepartmentName: String
    /// Nil when the holder's login has no known name (or no official is named).
    public let holderOfficialName: String?
    /// The step lateness is attributed to (`DossierSummary.responsibleStep(at:)`).
    public let responsibleStep: Holder?
    /// Started working days past the appointment; 0 for rows not yet overdue.
    public let workingDaysLate: Int
    /// The citizen's current appointment.
    public let due: Instant
    /// An apology with a new appointment was issued (Mẫu 04).
    public let extended: Bool
    public let receivedAt: Instant
}

/// What is overdue right now and who holds it: the supervisors' list, refreshed by a cron job
/// every few minutes over every dossier in memory.
public struct OverdueReport: Sendable {
    public enum Grouping: String, CaseIterable, Sendable {
        case department, official, field

        public var vietnamese: String {
            switch self {
            case .department: return "Phòng ban đang giữ"
            case .official: return "Cán bộ đang giữ"
            case .field: return "Lĩnh vực"
            }
        }
    }

    /// Overdue rows sharing a holder department, holder official or field.
    public struct Group: Hashable, Sendable {
        /// The department code, the official's login ("" when unassigned) or the field.
        public let key: String
        /// What a screen shows: the department's or official's name (the login only when the
        /// users file names nobody), or the field.
        public let name: String
        public let rows: [OverdueRow]
        public var count: Int { rows.count }
    }

    /// The name shown for dossiers no official has been assigned to.
    public static let unassigned = "(chưa giao)"

    public let now: Instant
    /// Running dossiers past their appointment: most late first, then earliest appointment.
    public let overdue: [OverdueRow]
    /// Running, due later today.
    public let dueToday: [OverdueRow]
    /// Running, due by the end of the next working day.
    public let dueWithin1: [OverdueRow]

    /// Scans every summary once. Most rows fail the first two comparisons (a state and an
    /// instant read in place through a pointer), so no copy, allocation or calendar work is spent on them.
    public static func make(summaries: [DossierSummary], clock: DeadlineClock, catalogue: Catalogue,
                            officialNames: [String: String]) -> OverdueReport {
        let departmentNames = Dictionary(catalogue.departments.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Later than this a running dossier is neither overdue nor due soon.
        let horizon = clock.endOfNextWorkingDay
        var overdue: [(row: OverdueRow, late: Int)] = []
        var dueToday: [OverdueRow] = []
        var dueWithin1: [OverdueRow] = []
        var lateness = LatenessCounter(clock: clock)
        summaries.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices {
                let d = base + index
                let state = d.pointee.state
                guard state == .received || state == .inProgress else { continue }
                let due = d.pointee.due
                guard due <= horizon else { continue }
                // The thresholds of `DeadlineClock.runningStatus(due:)`, with lateness counted by the shared walk.
                let late = due < clock.now ? lateness.workingDaysLate(due: due) : 0
                let row = makeRow(d, late: late, now: clock.now, departmentNames: departmentNames,
                                  officialNames: officialNames)
                if due < clock.now {
                    overdue.append((row, late))
                } else if due <= clock.endOfToday {
                    dueToday.append(row)
                } else {
                    dueWithin1.append(row)
                }
            }
        }
        overdue.sort { a, b in
            if a.late != b.late { return a.late > b.late }
            if a.row.due != b.row.due { return a.row.due < b.row.due }
            return a.row.code < b.row.code
        }
        let byDue: (OverdueRow, OverdueRow) -> Bool = { ($0.due, $0.code) < ($1.due, $1.code) }
        return OverdueReport(now: clock.now, overdue: overdue.map(\.row), dueToday: dueToday.sorted(by: byDue),
                             dueWithin1: dueWithin1.sorted(by: byDue))
    }

    /// Through a pointer: passing the summary itself would copy every field of it.
    private static func makeRow(_ summary: UnsafePointer<DossierSummary>, late: Int, now: Instant,
                                departmentNames: [String: String], officialNames: [String: String]) -> OverdueRow {
        let holder = summary.pointee.holder
        return OverdueRow(id: summary.pointee.id, code: summary.pointee.code, applicant: summary.pointee.applicantName,
                          procedureCode: summary.pointee.procedure.code, procedureShortName: summary.pointee.procedure.shortName,
                          field: summary.pointee.procedure.field, holder: holder,
                          holderDepartmentName: departmentNames[holder.department] ?? holder.department,
                          holderOfficialName: holder.official.flatMap { officialNames[$0] },
                          responsibleStep: summary.pointee.responsibleStep(at: now), workingDaysLate: late,
                          due: summary.pointee.due, extended: summary.pointee.extended, receivedAt: summary.pointee.receivedAt)
    }

    /// The overdue rows in groups: the largest group first, then by name, "(chưa giao)" last among equals;
    /// rows keep the list's order.
    public func groups(by grouping: Grouping) -> [Group] {
        var order: [String] = []
        var rowsByKey: [String: [OverdueRow]] = [:]
        var names: [String: String] = [:]
        for row in overdue {
            let key: String, name: String
            switch grouping {
            case .department:
                key = row.holder.department
                name = row.holderDepartmentName
            case .official:
                key = row.holder.official ?? ""
                name = row.holder.official.map { row.holderOfficialName ?? $0 } ?? OverdueReport.unassigned
            case .field:
                key = row.field
                name = row.field
            }
            if rowsByKey[key] == nil { order.append(key); names[key] = name }
            rowsByKey[key, default: []].append(row)
        }
        return order.map { Group(key: $0, name: names[$0] ?? $0, rows: rowsByKey[$0] ?? []) }
            .sorted { a, b in
                if a.count != b.count { return a.count > b.count }
                if a.key.isEmpty != b.key.isEmpty { return b.key.isEmpty }
                let (fa, fb) = (SearchFolding.fold(a.name), SearchFolding.fold(b.name))
                return fa != fb ? fa < fb : a.key < b.key
            }
    }
}

/// `DeadlineClock.workingDaysLate(due:)` for many rows: the working time from the start of each
/// due day's next day to now is walked once per date and shared by every row due that day.
struct LatenessCounter {
    let clock: DeadlineClock
    private var fromDayStart: [CivilDate: Int64] = [:]

    init(clock: DeadlineClock) { self.clock = clock }

    mutating func workingDaysLate(due: Instant) -> Int {
        let calendar = clock.calendar
        let nextDay = due.date.adding(days: 1)
        var late = calendar.workingSeconds(from: due, to: min(clock.now, Instant(date: nextDay)))
        if nextDay <= clock.now.date {
            if let known = fromDayStart[nextDay] {
                late += known
            } else {
                let rest = calendar.workingSeconds(from: Instant(date: nextDay), to: clock.now)
                fromDayStart[nextDay] = rest
                late += rest
            }
        }
        let day = calendar.hours.dayLength
        return max(1, Int((late + day - 1) / day))
    }
}
