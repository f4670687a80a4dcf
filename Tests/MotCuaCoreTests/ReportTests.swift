import Foundation
import Testing
@testable import MotCuaCore

/// The columns of a period report by name, for comparing with an independent count.
func columns(_ c: PeriodCounts) -> [String: Int] {
    ["carriedOver": c.carriedOver, "received": c.received, "direct": c.receivedDirect, "postal": c.receivedPostal,
     "online": c.receivedOnline, "resolved": c.resolved, "early": c.early, "onTime": c.onTime, "late": c.late,
     "earlyByDate": c.earlyByDate, "onTimeByDate": c.onTimeByDate, "lateByDate": c.lateByDate,
     "refused": c.refused, "withdrawn": c.withdrawn, "pendingWithinTime": c.pendingWithinTime,
     "pendingOverdue": c.pendingOverdue, "pausedSupplement": c.pausedSupplement, "pausedSuspension": c.pausedSuspension,
     "returned": c.returned, "lateWithApology": c.lateWithApology, "secondSupplement": c.secondSupplement]
}

/// The period partition computed another way: each dossier's events are replayed up to the start
/// and up to the end of the period, and the state there decides the column.
func independentCounts(_ desk: GeneratedDesk, from: CivilDate, to: CivilDate,
                       key: (DossierSummary) -> String) throws -> [String: [String: Int]] {
    let start = Instant(date: from), end = Instant(date: to.adding(days: 1))
    func replay(_ events: [RecordedEvent], before limit: Instant) throws -> DossierSummary? {
        let kept = events.filter { $0.at < limit }
        guard let first = kept.first else { return nil }
        var s = try DossierSummary(received: first)
        for rec in kept.dropFirst() { s.apply(rec) }
        return s
    }
    let finished: Set<DossierState> = [.resultReady, .returned, .refused, .withdrawn]
    var result: [String: [String: Int]] = [:]
    var seen = Set<UUID>()
    for d in desk.summaries {
        let events = desk.events[d.id] ?? []
        var counted: [String] = []
        if events.contains(where: { $0.event.kind == .returned && start <= $0.at && $0.at < end }) { counted.append("returned") }
        if let atEnd = try replay(events, before: end) {
            let atStart = try replay(events, before: start)
            if atStart.map({ !finished.contains($0.state) }) ?? true {
                #expect(seen.insert(d.id).inserted, "\(d.code) counted twice")
                if atStart != nil {
                    counted.append("carriedOver")
                } else {
                    counted += ["received", d.channel == .direct ? "direct" : d.channel == .postal ? "postal" : "online"]
                }
                switch atEnd.state {
                case .resultReady, .returned:
                    var r = Resolution.classify(finished: atEnd.resolvedAt!, due: d.statsDue)
                    if atEnd.flags.contains(.repeatedSupplementRequest) {
                        r = Resolution(atInstant: .late, atDate: .late)
                        counted.append("secondSupplement")
                    }
                    counted += ["resolved", ["early": "early", "on-time": "onTime", "late": "late"][r.atInstant.rawValue]!,
                                ["early": "earlyByDate", "on-time": "onTimeByDate", "late": "lateByDate"][r.atDate.rawValue]!]
                    if r.atInstant == .late && atEnd.extended { counted.append("lateWithApology") }
                case .refused: counted.append("refused")
                case .withdrawn: counted.append("withdrawn")
                case .awaitingSupplement: counted.append("pausedSupplement")
                case .suspended: counted.append("pausedSuspension")
                case .received, .inProgress: counted.append(d.statsDue >= end ? "pendingWithinTime" : "pendingOverdue")
                case .submitted, .notAccepted: Issue.record("a generated desk has no online submissions: \(d.code)")
                }
            }
        }
        for column in counted {
            result[key(d), default: [:]][column, default: 0] += 1
            result["*total*", default: [:]][column, default: 0] += 1
        }
    }
    return result
}

func officialKey(_ d: DossierSummary) -> String {
    switch d.state {
    case .resultReady, .returned: return d.resolvedBy ?? ""
    case .refused, .withdrawn: return d.lastBy
    default: return d.holder.official ?? ""
    }
}

@Suite("Period statistics on a generated desk")
struct GeneratedPeriodTests {
    static let periods: [(String, String)] = [
        ("2026-09-01", "2026-09-30"),   // a month
        ("2026-07-01", "2026-09-30"),   // a quarter
        ("2026-10-15", "2026-10-15"),   // a single day
        ("2026-01-01", "2026-03-31"),   // before any data
        ("2026-11-01", "2026-11-30"),   // contains now
        ("2026-05-01", "2026-11-20"),   // everything
    ]

    static func key(_ grouping: PeriodReport.Grouping) -> (DossierSummary) -> String {
        switch grouping {
        case .none: return { _ in "" }
        case .field: return { $0.procedure.field }
        case .department: return { $0.procedure.leadDepartment }
        case .procedure: return { $0.procedure.code }
        case .official: return officialKey
        case .channel: return { $0.channel.rawValue }
        }
    }

    @Test(arguments: periods, PeriodReport.Grouping.allCases)
    func reconcilesAndMatchesAnIndependentCount(period: (String, String), grouping: PeriodReport.Grouping) throws {
        let desk = try GeneratedDesk.shared.get()
        let from = CivilDate(period.0)!, to = CivilDate(period.1)!
        let report = try PeriodReport.make(summaries: desk.summaries, from: from, to: to, by: grouping,
                                           calendar: desk.calendar, catalogue: .sample, officialNames: demoOfficialNames)
        #expect(report.reconciles)
        #expect(report.total.reconciles)
        for row in report.rows { #expect(row.counts.reconciles, "group \(row.key)") }
        if grouping != .none {
            #expect(report.rows.reduce(PeriodCounts(), { $0 + $1.counts }) == report.total)
            #expect(Set(report.rows.map(\.key)).count == report.rows.count, "group keys are unique")
        } else {
            #expect(report.rows.isEmpty)
        }
        let expected = try independentCounts(desk, from: from, to: to, key: Self.key(grouping))
        let zero = columns(PeriodCounts()).filter { $0.value != 0 }
        #expect(columns(report.total).filter { $0.value != 0 } == (expected["*total*"] ?? zero))
        for row in report.rows {
            #expect(columns(row.counts).filter { $0.value != 0 } == expected[row.key], "group \(row.key)")
        }
        #expect(Set(report.rows.map(\.key)) == Set(expected.keys).subtracting(["*total*"]).subtracting(grouping == .none ? [""] : []))
    }

    @Test func theGeneratedPeriodsExerciseEveryColumn() throws {
        let desk = try GeneratedDesk.shared.get()
        let month = try PeriodReport.make(summaries: desk.summaries, from: CivilDate(2026, 9, 1), to: CivilDate(2026, 9, 30),
                                          by: .none, calendar: desk.calendar, catalogue: .sample).total
        #expect(month.carriedOver > 20 && month.received > 200)
        #expect(month.early > 0 && month.onTime >= 0 && month.late > 0)
        #expect(month.lateByDate <= month.late, "the date rule is never stricter than the instant rule")
        #expect(month.returned > 0 && month.refused + month.withdrawn > 0)
        #expect(month.receivedDirect > month.receivedPostal && month.receivedOnline > 0)
        let now = try PeriodReport.make(summaries: desk.summaries, from: CivilDate(2026, 11, 1), to: CivilDate(2026, 11, 30),
                                        by: .none, calendar: desk.calendar, catalogue: .sample).total
        #expect(now.pending > 0 && now.pendingOverdue > 0 && now.pendingWithinTime > 0)
        #expect(now.pausedSupplement + now.pausedSuspension > 0)
        let before = try PeriodReport.make(summaries: desk.summaries, from: CivilDate(2026, 1, 1), to: CivilDate(2026, 3, 31),
                                           by: .field, calendar: desk.calendar, catalogue: .sample)
        #expect(before.total == PeriodCounts() && before.rows.isEmpty && before.total.onTimeRate == nil)
    }
}
