import Foundation
import Testing
@testable import MotCuaCore

/// The scorecard and `report` classify the same dossiers: on generated desks, each one's
/// counts are derived from the other's, so the two cannot drift apart.
@Suite("Scorecard reconciles with the period report")
struct ScorecardReconciliationTests {
    static let desks: [GeneratedDesk] = [
        try! GeneratedDesk.shared.get(),
        try! GeneratedDesk(count: 600, days: 150, seed: 7),
        try! GeneratedDesk(count: 900, days: 120, seed: 2_026),
    ]

    static let months = [(2026, 8), (2026, 9), (2026, 10)]

    @Test(arguments: 0..<3) func eachMonthDerivesTheReportFromTheScorecard(_ desk: Int) throws {
        let desk = Self.desks[desk]
        for (year, month) in Self.months {
            let period = ScorecardPeriod.month(year: year, month: month)
            let report = try PeriodReport.make(summaries: desk.summaries, from: period.from, to: period.to, by: .none,
                                               calendar: desk.calendar, catalogue: .sample)
            let c = report.total
            #expect(c.resolved > 20 && c.late > 0 && c.carriedOver > 0, "a month with something to reconcile")
            for rule in ScorecardRule.allCases {
                let card = Scorecard.compute(dossiers: desk.summaries, period: period, rule: rule, calendar: desk.calendar,
                                             now: desk.now, catalogue: .sample)
                func n(_ outcomes: ProgressOutcome...) -> Int { card.entries.filter { outcomes.contains($0.outcome) }.count }
                // Scorecard → report.
                #expect(card.entries.count == c.carriedOver + c.received)
                #expect(card.entries.filter(\.carriedOver).count == c.carriedOver)
                #expect(n(.resolvedOnTime, .resolvedLate) == c.resolved)
                #expect(n(.resolvedOnTime) == (rule == .national ? c.early + c.onTime : c.earlyByDate + c.onTimeByDate))
                #expect(n(.resolvedLate) == (rule == .national ? c.late : c.lateByDate))
                #expect((n(.refused), n(.withdrawn)) == (c.refused, c.withdrawn))
                #expect(n(.pausedWithinTime, .pausedOverdue) == c.pausedSupplement + c.pausedSuspension)
                #expect(n(.runningWithinTime, .runningOverdue) == c.pendingWithinTime + c.pendingOverdue)
                if rule == .national { #expect(n(.runningWithinTime) == c.pendingWithinTime) }
                // Report → scorecard: the progress index from the report's columns, the differences
                // (carry-over and what is still in progress in the numerator) named.
                let p = card.progress
                let paused = c.pausedSupplement + c.pausedSuspension
                switch rule {
                case .national:
                    #expect(p.totalReceived == c.carriedOver + c.received - c.closedOther)
                    #expect(p.totalOnTime == c.early + c.onTime + c.pendingWithinTime + n(.pausedWithinTime))
                case .dateOnly:
                    #expect(p.totalReceived == c.carriedOver + c.received)
                    #expect(p.totalOnTime == c.earlyByDate + c.onTimeByDate + c.closedOther + paused + n(.runningWithinTime))
                }
                #expect(p.totalCompleted == c.resolved)
                // The report's own on-time rate is the scorecard's resolved part.
                #expect(Double(n(.resolvedOnTime)) / Double(c.resolved) == (rule == .national ? c.onTimeRate : c.onTimeRateByDate))
                let channels = card.metrics.filter { $0.code.hasPrefix("channel") }.map { $0.numerator ?? -1 }
                #expect(channels == [c.receivedDirect, c.receivedPostal, c.receivedOnline])
            }
        }
    }

    @Test(arguments: Scorecard.Grouping.allCases) func theGroupsAddUpToTheTotal(_ grouping: Scorecard.Grouping) throws {
        let desk = Self.desks[0]
        let card = Scorecard.compute(dossiers: desk.summaries, period: .quarter(year: 2026, quarter: 3), rule: .dateOnly,
                                     calendar: desk.calendar, now: desk.now, grouping: grouping, catalogue: .sample)
        let received = card.rows.reduce(0) { $0 + $1.progress.totalReceived }
        let onTime = card.rows.reduce(0) { $0 + $1.progress.totalOnTime }
        if grouping == .none { #expect(card.rows.isEmpty) } else {
            #expect(card.rows.count > 1)
            #expect((received, onTime) == (card.progress.totalReceived, card.progress.totalOnTime))
        }
        // The report's groups are the scorecard's groups.
        let report = try PeriodReport.make(summaries: desk.summaries, from: CivilDate(2026, 7, 1), to: CivilDate(2026, 9, 30),
                                           by: grouping.report, calendar: desk.calendar, catalogue: .sample)
        #expect(report.rows.map(\.key) == card.rows.map(\.key))
        #expect(report.rows.map { $0.counts.carriedOver + $0.counts.received } == card.rows.map(\.progress.totalReceived))
    }
}
