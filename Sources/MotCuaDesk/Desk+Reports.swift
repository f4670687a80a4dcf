import MotCuaCore
import MotCuaStore

/// A report with the office scope it was counted in (a report restricted to one office says so).
public struct Scoped<Report: Sendable>: Sendable {
    public let report: Report
    public let scope: ReportScope
}

/// What a period report needs, taken from the store in one go: the computation itself is pure
/// and may run off the terminal's loop.
public struct PeriodReportInput: Sendable {
    public let summaries: [DossierSummary]
    public let from: CivilDate
    public let to: CivilDate
    public let calendar: WorkCalendar
    public let catalogue: Catalogue
    public let officials: Officials
    public let scope: ReportScope

    public func make(by grouping: PeriodReport.Grouping) throws(ReportError) -> Scoped<PeriodReport> {
        let report = try PeriodReport.make(summaries: summaries, from: from, to: to, by: grouping, calendar: calendar,
                                           catalogue: catalogue, officialNames: officials.names)
        return Scoped(report: report, scope: scope)
    }
}

extension Desk {
    /// The offices this official's reports count (`office` asks for one; other offices need the right).
    public func reportScope(office: String? = nil) throws -> ReportScope {
        try store.reportScope(for: actor, office: office)
    }

    /// Late dossiers, and those due today and by the end of the next working day.
    public func overdue(at now: Instant, office: String? = nil) throws -> Scoped<OverdueReport> {
        try store.require(actor, may: .viewReports)
        let scope = try reportScope(office: office)
        let clock = self.clock(at: now)
        let report = OverdueReport.make(summaries: scope.filter(store.runningDue(by: clock)), clock: clock,
                                        catalogue: store.catalogue, officialNames: officials.names)
        return Scoped(report: report, scope: scope)
    }

    /// Everything a period report counts. The older years it can count are loaded here (a store
    /// opened with deferred history loads those not closed entirely before the period; the
    /// terminal app has loaded them all in the background).
    public func periodReportInput(from: CivilDate, to: CivilDate, office: String? = nil) throws -> PeriodReportInput {
        try store.require(actor, may: .viewReports)
        let scope = try reportScope(office: office)
        store.loadHistory(overlapping: from, to)
        return PeriodReportInput(summaries: scope.filter(store.summaries(overlapping: from, to)), from: from, to: to,
                                 calendar: store.calendar, catalogue: store.catalogue, officials: officials, scope: scope)
    }

    public func periodReport(from: CivilDate, to: CivilDate, by grouping: PeriodReport.Grouping,
                             office: String? = nil) throws -> Scoped<PeriodReport> {
        try periodReportInput(from: from, to: to, office: office).make(by: grouping)
    }
}
