/// The QĐ 766 scorecard ("Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ") of one
/// agency's dossiers for a month, quarter or year: the progress index, the other indices the
/// desk's data can count, and those it cannot, named as dichvucong.gov.vn publishes them.
/// Pure: dossiers, a period, a rule, a calendar and `now` in, values out — the province
/// reuses it per agency.
public struct Scorecard: Sendable {
    public enum Grouping: String, CaseIterable, Sendable {
        case none, procedure, field, department

        var report: PeriodReport.Grouping {
            switch self {
            case .none: return .none
            case .procedure: return .procedure
            case .field: return .field
            case .department: return .department
            }
        }

        public var vietnamese: String { report.vietnamese }
    }

    public struct Row: Hashable, Sendable {
        public let key: String
        public let name: String
        public internal(set) var progress: ProgressIndex
    }

    /// A running dossier that turns the progress index down if it is not resolved by its
    /// appointment ("what would raise it": resolve these first).
    public struct AtRisk: Hashable, Sendable {
        public let code: String
        public let procedureShortName: String
        public let due: Instant
        /// Points of the progress index lost if it goes late (20 / totalReceived).
        public let points: Double
    }

    public let period: ScorecardPeriod
    public let rule: ScorecardRule
    public let grouping: Grouping
    /// The instant the dossiers were judged at: the period's end, or `now` while it runs.
    public let asOf: Instant
    public let running: Bool
    public let progress: ProgressIndex
    /// The indices counted from the desk's data (some waiting for data not recorded yet).
    public let metrics: [ScorecardMetric]
    /// The indices that are not the desk's to count.
    public let notFromDesk: [ScorecardMetric]
    public let rows: [Row]
    /// Every dossier of the period and how it counted (the reconciliation with `report` reads it).
    public let entries: [ProgressEntry]
    /// Running dossiers within time now that will be late before the period closes, soonest first.
    public let atRisk: [AtRisk]
    /// Every counting rule, printed in each output's header.
    public var rules: [String] { Scorecard.rules(period: period, rule: rule, running: running, asOf: asOf) }

    public static func compute(dossiers: [DossierSummary], period: ScorecardPeriod, rule: ScorecardRule,
                               calendar: WorkCalendar, now: Instant, grouping: Grouping = .none,
                               catalogue: Catalogue, sync: SyncVerdicts? = nil, facts: RecordedFacts? = nil) -> Scorecard {
        let start = Instant(date: period.from), end = Instant(date: period.to.adding(days: 1))
        let cutoff = max(start, min(end, now))
        let namer = GroupNamer(grouping: grouping.report, catalogue: catalogue, officialNames: [:])
        var progress = ProgressIndex()
        var rows: [Row] = []
        var slots: [String: Int] = [:]
        var entries: [ProgressEntry] = []
        var handled: [DossierSummary] = [], received: [DossierSummary] = []
        var resolved: [(DossierSummary, late: Bool)] = []
        var running: [DossierSummary] = []
        // A period not begun has nothing handled yet (not today's dossiers projected into it).
        for d in now >= start ? dossiers : [] {
            guard let entry = ProgressEntry.classify(d, start: start, end: end, cutoff: cutoff, rule: rule,
                                                     calendar: calendar) else { continue }
            entries.append(entry)
            handled.append(d)
            if !entry.carriedOver { received.append(d) }
            if entry.outcome.isResolved { resolved.append((d, entry.outcome == .resolvedLate)) }
            if entry.outcome == .runningWithinTime { running.append(d) }
            progress.add(entry, rule: rule)
            guard grouping != .none else { continue }
            let key = withUnsafePointer(to: d) { namer.key(of: $0) }
            if let slot = slots[key] {
                rows[slot].progress.add(entry, rule: rule)
            } else {
                slots[key] = rows.count
                var row = Row(key: key, name: withUnsafePointer(to: d) { namer.name(of: key, $0) }, progress: ProgressIndex())
                row.progress.add(entry, rule: rule)
                rows.append(row)
            }
        }
        let ordered = namer.ordered(rows.map { PeriodReport.Row(key: $0.key, name: $0.name, counts: PeriodCounts()) })
        let byKey = Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let points = progress.pointsPerDossier
        // Within time at the cutoff but not when the period closes: each one late costs `points`.
        let atRisk = now < end
            ? running.filter { !ProgressEntry.runningWithinTime($0.statsDue, cutoff: end, rule: rule) }
                .sorted { ($0.statsDue, $0.code) < ($1.statsDue, $1.code) }
                .map { AtRisk(code: $0.code, procedureShortName: $0.procedure.shortName, due: $0.statsDue, points: points) }
            : []
        return Scorecard(period: period, rule: rule, grouping: grouping, asOf: cutoff, running: now < end,
                         progress: progress,
                         metrics: ScorecardMetric.desk(handled: handled, received: received, resolved: resolved, sync: sync,
                                                                catalogue: catalogue, facts: facts),
                         notFromDesk: ScorecardMetric.outsideTheDesk, rows: ordered.compactMap { byKey[$0.key] },
                         entries: entries, atRisk: atRisk)
    }

    /// The portal's `monthlyChart` for `year`: on-time and overdue percentages of each month's
    /// progress index; nil for months not begun at `now` or with nothing handled.
    public static func monthlyChart(dossiers: [DossierSummary], year: Int, rule: ScorecardRule, calendar: WorkCalendar,
                                    now: Instant, catalogue: Catalogue) -> [MonthPoint] {
        (1...12).map { month in
            let period = ScorecardPeriod.month(year: year, month: month)
            guard Instant(date: period.from) <= now else { return MonthPoint(month: month, onTimePct: nil, overduePct: nil) }
            let p = compute(dossiers: dossiers, period: period, rule: rule, calendar: calendar, now: now,
                            catalogue: catalogue).progress
            return MonthPoint(month: month, onTimePct: p.ratio, overduePct: p.ratio.map { ScorecardNumber.round(100 - $0) })
        }
    }

    public struct MonthPoint: Hashable, Sendable {
        public let month: Int
        public let onTimePct: Double?
        public let overduePct: Double?
    }

    /// The total of the scores the desk computed, against the maximum of those indices.
    public var deskScore: (score: Double, maxScore: Double) {
        let scored = metrics.filter { $0.score != nil && $0.maxScore != nil }
        return (ScorecardNumber.round(progress.score + scored.reduce(0) { $0 + $1.score! }),
                ProgressIndex.maxScore + scored.reduce(0) { $0 + $1.maxScore! })
    }
}
