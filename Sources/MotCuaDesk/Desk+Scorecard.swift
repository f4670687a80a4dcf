import MotCuaCore
import MotCuaStore
import MotCuaSync

/// What a scorecard needs, taken from the store in one go (the computation is pure and may run
/// off the terminal's loop): the year's dossiers up to the period's end, for the monthly chart too.
public struct ScorecardInput: Sendable {
    public let summaries: [DossierSummary]
    public let period: ScorecardPeriod
    public let rule: ScorecardRule
    public let now: Instant
    public let calendar: WorkCalendar
    public let catalogue: Catalogue
    public let sync: SyncVerdicts?
    /// Fees, papers, results and ratings as the journal recorded them (nil: not readable).
    public let facts: RecordedFacts?
    public let scope: ReportScope

    public func make(by grouping: Scorecard.Grouping = .none) -> Scoped<Scorecard> {
        Scoped(report: Scorecard.compute(dossiers: summaries, period: period, rule: rule, calendar: calendar, now: now,
                                         grouping: grouping, catalogue: catalogue, sync: sync, facts: facts),
               scope: scope)
    }

    /// The portal's `monthlyChart` for the period's year.
    public func monthlyChart() -> [Scorecard.MonthPoint] {
        Scorecard.monthlyChart(dossiers: summaries, year: period.year, rule: rule, calendar: calendar, now: now,
                               catalogue: catalogue)
    }
}

extension Desk {
    /// Everything the scorecard of `period` counts, as this official may see it. Needs every year
    /// loaded, as `periodReportInput` does.
    public func scorecardInput(period: ScorecardPeriod, rule: ScorecardRule, now: Instant,
                               office: String? = nil) throws -> ScorecardInput {
        try store.require(actor, may: .viewReports)
        let scope = try reportScope(office: office)
        let from = min(period.from, CivilDate(period.year, 1, 1))
        // Sync not configured (or its files unreadable): DOSSIER_SYNC is "not recorded", not 0.
        let settings = (try? SyncSettings.load(from: store)) ?? nil
        let sync = settings.flatMap { try? SyncVerdicts(store: store, settings: $0, now: now) }
        // The facts of the dossiers the year's scorecard can count: from the previous year's first
        // segment on (a carry-over received earlier falls back to the catalogue for its fees).
        let facts = try? RecordedFacts(events: store.dossierEvents(after: 0, from: SegmentName(year: period.year - 1, month: 1)))
        return ScorecardInput(summaries: scope.filter(store.summaries(overlapping: from, period.to)), period: period,
                              rule: rule, now: now, calendar: store.calendar, catalogue: store.catalogue, sync: sync,
                              facts: facts, scope: scope)
    }
}
