import Foundation
import Testing
@testable import MotCuaCore

/// Hand-built dossiers at the edges of the QĐ 766 progress index, December 2026, judged on
/// 05/01/2027. Procedure 1.004873 takes 3 working days: received Mon 30/11 08:00, due Thu 03/12 08:00.
@Suite("Scorecard, the progress index at its edges")
struct ScorecardTests {
    static let now = at("2027-01-05T09:00")

    static func dossiers() throws -> [String: TestDossier] {
        var all: [String: TestDossier] = [:]
        var early = try TestDossier(1, received: "2026-11-30T08:00")
        try early.run(.resultReady(note: nil), "2026-12-03T07:30")
        all["onTimeCarriedOver"] = early
        var afternoon = try TestDossier(2, received: "2026-11-30T08:00")
        try afternoon.run(.resultReady(note: nil), "2026-12-03T16:59")
        all["dueDayAfternoon"] = afternoon
        var nextDay = try TestDossier(3, received: "2026-11-30T08:00")
        try nextDay.run(.resultReady(note: nil), "2026-12-04T09:00")
        all["nextDay"] = nextDay
        all["dueLastDay"] = try TestDossier(4, received: "2026-12-28T10:00")
        var pausedLate = try TestDossier(5, received: "2026-11-30T08:00")
        try pausedLate.run(.requestSupplement(reason: "Thiếu tờ khai", documents: ["Tờ khai"]), "2026-12-04T09:00")
        all["pausedAfterDue"] = pausedLate
        var paused = try TestDossier(6, received: "2026-12-01T08:00")
        try paused.run(.requestSupplement(reason: "Thiếu tờ khai", documents: ["Tờ khai"]), "2026-12-02T09:00")
        all["pausedInTime"] = paused
        var online = try TestDossier(7, received: "2026-12-02T08:00", channel: .online)
        try online.run(.resultReady(note: nil), "2026-12-03T09:00")
        all["online"] = online
        var withdrawn = try TestDossier(8, received: "2026-12-01T10:00")
        try withdrawn.run(.withdraw(reason: "Người nộp rút hồ sơ"), "2026-12-02T10:00")
        all["withdrawn"] = withdrawn
        var before = try TestDossier(9, received: "2026-11-23T08:00")
        try before.run(.resultReady(note: nil), "2026-11-27T09:00")
        all["finishedBefore"] = before
        all["postalOverdue"] = try TestDossier(10, received: "2026-12-07T08:00", channel: .postal)
        return all
    }

    static func scorecard(_ rule: ScorecardRule, now: Instant = now, grouping: Scorecard.Grouping = .none,
                          only: [String]? = nil) throws -> Scorecard {
        let all = try dossiers()
        let chosen = only.map { $0.map { all[$0]! } } ?? Array(all.values)
        return Scorecard.compute(dossiers: chosen.map(\.summary).sorted { $0.code < $1.code }, period: .month(year: 2026, month: 12),
                                 rule: rule, calendar: WorkCalendar(), now: now, grouping: grouping, catalogue: .sample)
    }

    static func outcome(_ name: String, _ rule: ScorecardRule) throws -> ProgressOutcome? {
        let code = try dossiers()[name]!.summary.code
        return try scorecard(rule).entries.first { $0.code == code }?.outcome
    }

    @Test func theAppointmentsTheCasesAreBuiltOn() throws {
        let all = try Self.dossiers()
        #expect(all["dueDayAfternoon"]!.summary.statsDue == at("2026-12-03T08:00"))
        #expect(all["dueLastDay"]!.summary.statsDue == at("2026-12-31T10:00"))
    }

    /// name, national, date-only.
    static let cases: [(String, ProgressOutcome?, ProgressOutcome?)] = [
        ("onTimeCarriedOver", .resolvedOnTime, .resolvedOnTime),
        ("dueDayAfternoon", .resolvedLate, .resolvedOnTime),      // 16:59 on the due day after an 08:00 appointment
        ("nextDay", .resolvedLate, .resolvedLate),
        ("dueLastDay", .runningOverdue, .runningWithinTime),      // due 31/12 10:00, still running at 01/01 00:00
        ("pausedAfterDue", .pausedOverdue, .pausedWithinTime),
        ("pausedInTime", .pausedWithinTime, .pausedWithinTime),
        ("online", .resolvedOnTime, .resolvedOnTime),
        ("withdrawn", .withdrawn, .withdrawn),
        ("finishedBefore", nil, nil),
        ("postalOverdue", .runningOverdue, .runningOverdue),
    ]

    @Test(arguments: cases) func eachDossierUnderBothRules(_ name: String, _ national: ProgressOutcome?, _ dateOnly: ProgressOutcome?) throws {
        #expect(try Self.outcome(name, .national) == national)
        #expect(try Self.outcome(name, .dateOnly) == dateOnly)
    }

    @Test func theTwoReadingsGiveDifferentScores() throws {
        let national = try Self.scorecard(.national).progress
        // Withdrawn leaves the denominator; on time: the early carry-over, the one paused in time, the online one.
        #expect((national.totalReceived, national.totalOnTime, national.totalOverdue) == (8, 3, 5))
        #expect(national.ratio == 37.5 && national.score == 7.5)
        let dateOnly = try Self.scorecard(.dateOnly).progress
        #expect((dateOnly.totalReceived, dateOnly.totalOnTime, dateOnly.totalOverdue) == (9, 7, 2))
        #expect(dateOnly.ratio == 77.78 && dateOnly.score == 15.56)       // 20 × 7/9 = 15,555…
        #expect(dateOnly.totalCompleted == 4)
    }

    @Test func carryOverIsCountedAndFlagged() throws {
        let card = try Self.scorecard(.national)
        let carried = Set(card.entries.filter(\.carriedOver).map(\.code))
        let all = try Self.dossiers()
        #expect(carried == Set(["onTimeCarriedOver", "dueDayAfternoon", "nextDay", "pausedAfterDue"].map { all[$0]!.summary.code }))
    }

    @Test func channelSharesCountOnlyWhatWasReceivedInThePeriod() throws {
        let metrics = try Self.scorecard(.dateOnly).metrics
        func share(_ code: String) -> (Int?, Int?, Double?) {
            let m = metrics.first { $0.code == code }!
            return (m.numerator, m.denominator, m.ratio)
        }
        #expect(share("channelDirectSum") == (3, 5, 60))
        #expect(share("channelOnlineSum") == (1, 5, 20))
        #expect(share("channelPostalSum") == (1, 5, 20))
    }

    @Test func processingDaysAreWorkingDaysFromReceptionToResult() throws {
        let card = try Self.scorecard(.national, only: ["onTimeCarriedOver", "nextDay"])
        // 30/11 08:00 → 03/12 07:30 = 2 days 7,5 h of 8 h; → 04/12 09:00 = 4 days 1 h. Mean 3,53…
        #expect(card.progress.avgProcessingDays == 3.53)
    }

    @Test func aPortalLineScoresAsPublished() {
        var p = ProgressIndex()
        p.totalReceived = 644
        p.totalOnTime = 621
        #expect((p.ratio, p.score, p.totalOverdue) == (96.43, 19.29, 23))   // UBND Phường Việt Trì, 08/2026
        #expect(ProgressIndex().score == 20 && ProgressIndex().ratio == nil)
    }

    /// The scoring rules of interop §7.2, on published lines and at their caps.
    @Test func metricScoresFollowThePortalsRules() {
        func score(_ code: String, _ n: Int, _ d: Int, max: Double, _ scoring: ((Double) -> Double)? = nil, empty: Double? = nil) -> Double? {
            ScorecardMetric.proportional(code, "", group: "", max: max, numerator: n, denominator: d, source: .desk, rule: "",
                                         scoring: scoring, emptyScore: empty).score
        }
        // Việt Trì, satisfaction 2348/2971 = 79,03 % → min(6, 6 × 0,7903 / 0,9) = 5,27.
        #expect(score("DOSSIER_RECEIVING_SATISFACTION", 2348, 2971, max: 6, { 6 * $0 / 90 }, empty: 0) == 5.27)
        #expect(score("DOSSIER_RECEIVING_SATISFACTION", 95, 100, max: 6, { 6 * $0 / 90 }, empty: 0) == 6)
        #expect(score("DOSSIER_RECEIVING_SATISFACTION", 0, 0, max: 6, { 6 * $0 / 90 }, empty: 0) == 0)
        #expect(score("REUSED_DIGITIZED_DATA", 40, 100, max: 2, { 2 * $0 / 80 }) == 1)
        #expect(score("REUSED_DIGITIZED_DATA", 90, 100, max: 2, { 2 * $0 / 80 }) == 2)
        #expect(score("ONLINE_PAYMENT_B", 1, 2, max: 2, { 2.5 * $0 / 100 }) == 1.25)
        #expect(score("ONLINE_PAYMENT_B", 9, 10, max: 2, { 2.5 * $0 / 100 }) == 2)
        #expect(score("DOSSIER_SYNC", 1, 3, max: 6) == 2)
        #expect(score("DOSSIER_SYNC", 0, 0, max: 6) == nil)
    }

    @Test func metricsWaitingForDataAreDefinedButNotCounted() throws {
        let card = try Self.scorecard(.dateOnly)
        for code in ["SO_HOA_GIAY_TO_GIAI_QUYET", "REUSED_DIGITIZED_DATA", "ONLINE_PAYMENT_A", "ONLINE_PAYMENT_B",
                     "DOSSIER_RECEIVING_SATISFACTION", "ORIGINAL_RESULT_AVAILABLE"] {
            let m = try #require(card.metrics.first { $0.code == code })
            #expect(m.numerator == nil && m.score == nil && m.maxScore != nil, "\(code)")
            #expect(m.source == .notRecorded(ScorecardMetric.waitingForData), "\(code)")
        }
        let resolved = try #require(card.metrics.first { $0.code == "SO_HOA_GIAY_TO_GIAI_QUYET" })
        #expect(resolved.denominator == 4)
        #expect(card.metrics.first { $0.code == "DOSSIER_SYNC" }?.source == .notRecorded("chưa cấu hình đồng bộ Cổng DVCQG"))
        #expect(card.notFromDesk.map(\.code).contains("PUBLISH_ON_TIME") && card.notFromDesk.allSatisfy { $0.score == nil })
    }

    /// The journal's fee, paper, result and rating events fill the indices that wait for them.
    @Test func recordedFeesPapersResultsAndRatingsCountInTheirIndices() throws {
        let all = try Self.dossiers()
        func rec(_ name: String, _ kind: DossierEvent.Kind, _ fill: (inout DossierEvent) -> Void) -> RecordedEvent {
            var e = DossierEvent(kind: kind)
            fill(&e)
            let d = all[name]!.summary
            return RecordedEvent(seq: 1, at: at("2026-12-03T10:00"), by: "lan", dossier: d.id, code: d.code, version: 9, event: e)
        }
        let events = [
            rec("online", .feePaid) { $0.amount = 10_000; $0.method = .online },
            rec("online", .documentRecorded) { $0.document = DocumentRecord(index: 1, status: .digitised, file: "a.pdf", sha256: "00") },
            rec("online", .resultReady) { $0.result = ResultRecord(form: .electronic) },
            rec("postalOverdue", .documentRecorded) { $0.document = DocumentRecord(index: 1, status: .reused) },
            rec("postalOverdue", .feePaid) { $0.amount = 10_000; $0.method = .cash },
        ]
        let chosen = all.values.map(\.summary).sorted { $0.code < $1.code }
        func card(_ facts: RecordedFacts) -> Scorecard {
            Scorecard.compute(dossiers: chosen, period: .month(year: 2026, month: 12), rule: .dateOnly, calendar: WorkCalendar(),
                              now: Self.now, catalogue: .sample, facts: facts)
        }
        let counted = card(RecordedFacts(events: events))
        func m(_ code: String, _ c: Scorecard = counted) -> ScorecardMetric { c.metrics.first { $0.code == code }! }
        #expect((m("ONLINE_PAYMENT_A").numerator, m("ONLINE_PAYMENT_A").denominator, m("ONLINE_PAYMENT_A").source) == (1, 5, .desk))
        #expect(m("ONLINE_PAYMENT_B").numerator == 1)
        #expect((m("ORIGINAL_RESULT_AVAILABLE").numerator, m("ORIGINAL_RESULT_AVAILABLE").denominator) == (1, 4))
        #expect((m("SO_HOA_GIAY_TO_GIAI_QUYET").numerator, m("SO_HOA_GIAY_TO_GIAI_QUYET").denominator) == (1, 4))
        #expect((m("REUSED_DIGITIZED_DATA").numerator, m("REUSED_DIGITIZED_DATA").denominator) == (1, 5))
        // An unsatisfied rating of an on-time dossier takes one off the satisfied count.
        let satisfied = try #require(m("DOSSIER_RECEIVING_SATISFACTION").numerator)
        let unhappy = card(RecordedFacts(events: events + [rec("online", .rated) {
            $0.rating = Rating(level: .unsatisfied, channel: .desk)
        }]))
        #expect(m("DOSSIER_RECEIVING_SATISFACTION", unhappy).numerator == satisfied - 1)
        // A fee exempted in full is no obligation: A's denominator drops by one.
        let exempt = RecordedFacts(events: [rec("postalOverdue", .received) {
            $0.reception = all["postalOverdue"]!.events.first!.event.reception
            $0.reception?.fees = [FeeLine(name: "Lệ phí", amount: 8_000)]
        }, rec("postalOverdue", .feeExempted) { $0.amount = 8_000; $0.reason = "Hộ nghèo" }])
        #expect(m("ONLINE_PAYMENT_A", card(exempt)).denominator == 4)
    }

    @Test func onlinePaymentDenominatorsComeFromTheCataloguesFees() throws {
        let metrics = try Self.scorecard(.dateOnly).metrics
        func m(_ code: String) -> ScorecardMetric { metrics.first { $0.code == code }! }
        // 25 of the sample's 37 procedures charge more than 0 đồng; 1.004873 is one of them.
        #expect(ScorecardFacts.feeBearingProcedures(.sample).count == 25)
        #expect((m("ONLINE_PAYMENT_A").numerator, m("ONLINE_PAYMENT_A").denominator) == (nil, 5))   // received in December
        #expect((m("ONLINE_PAYMENT_B").numerator, m("ONLINE_PAYMENT_B").denominator) == (nil, 25))
        let c = m("ONLINE_PAYMENT_C")
        #expect((c.numerator, c.denominator, c.ratio, c.score, c.source) == (1, 25, 4, 0.1, .desk))
    }

    @Test func dossierSyncCountsTheOutboxVerdicts() throws {
        let all = try Self.dossiers()
        let verdicts = SyncVerdicts(onTimeByCode: [all["online"]!.summary.code: true, all["nextDay"]!.summary.code: false,
                                                   all["finishedBefore"]!.summary.code: true], withinMinutes: 15)
        let card = Scorecard.compute(dossiers: all.values.map(\.summary), period: .month(year: 2026, month: 12), rule: .national,
                                     calendar: WorkCalendar(), now: Self.now, catalogue: .sample, sync: verdicts)
        let sync = try #require(card.metrics.first { $0.code == "DOSSIER_SYNC" })
        #expect((sync.numerator, sync.denominator, sync.ratio, sync.score) == (1, 2, 50, 3))
    }

    @Test func whileTheMonthRunsDossiersAreJudgedNowAndTheAtRiskAreListed() throws {
        // Tuesday 29/12 10:00; the month closes at 01/01 00:00.
        let now = at("2026-12-29T10:00")
        let dueThursdayNoon = try Self.dossiers()["dueLastDay"]!                  // due 31/12 10:00
        let dueThursdayMorning = try TestDossier(11, received: "2026-12-28T08:00")  // due 31/12 08:00
        let dueToday = try TestDossier(12, received: "2026-12-24T08:00")            // due 29/12 08:00
        let paused = try Self.dossiers()["pausedInTime"]!
        let dossiers = [dueThursdayNoon, dueThursdayMorning, dueToday, paused].map(\.summary)
        #expect(dueToday.summary.statsDue == at("2026-12-29T08:00") && dueThursdayMorning.summary.statsDue == at("2026-12-31T08:00"))
        func card(_ rule: ScorecardRule) -> Scorecard {
            Scorecard.compute(dossiers: dossiers, period: .month(year: 2026, month: 12), rule: rule, calendar: WorkCalendar(),
                              now: now, catalogue: .sample)
        }
        let national = card(.national)
        #expect(national.running && national.asOf == now)
        // Judged now: the one due this morning is late already, the others within time.
        #expect((national.progress.totalReceived, national.progress.totalOnTime) == (4, 3))
        // Late by the month's end if not resolved, soonest first; each costs 20/4 points.
        #expect(national.atRisk.map(\.code) == [dueThursdayMorning.summary.code, dueThursdayNoon.summary.code])
        #expect(national.atRisk.allSatisfy { $0.points == 5 })
        #expect(national.json().compact.contains(#""atRisk":[{"code":"\#(dueThursdayMorning.summary.code)","due":"2026-12-31T08:00:00+07:00","points":5},"#))
        // Date-only: due today is still within time today, but not on 31/12; Thursday's stay within time.
        let dateOnly = card(.dateOnly)
        #expect(dateOnly.progress.totalOnTime == 4)
        #expect(dateOnly.atRisk.map(\.code) == [dueToday.summary.code])
        // A period that is over has nothing left to save.
        #expect(Scorecard.compute(dossiers: dossiers, period: .month(year: 2026, month: 12), rule: .national,
                                  calendar: WorkCalendar(), now: Self.now, catalogue: .sample).atRisk.isEmpty)
    }

    @Test func aPeriodNotBegunHasNothingHandled() throws {
        let all = try Self.dossiers()
        let card = Scorecard.compute(dossiers: all.values.map(\.summary), period: .month(year: 2027, month: 3), rule: .national,
                                     calendar: WorkCalendar(), now: Self.now, catalogue: .sample)
        #expect(card.entries.isEmpty && card.progress.totalReceived == 0 && card.progress.score == 20 && card.atRisk.isEmpty)
    }

    @Test func periodsReadAsThePortalNamesThem() {
        #expect(ScorecardPeriod("2026-11") == .month(year: 2026, month: 11))
        #expect(ScorecardPeriod("2026-Q4") == .quarter(year: 2026, quarter: 4))
        #expect(ScorecardPeriod("2026") == .year(2026))
        #expect(ScorecardPeriod("2026-Q4")?.to == CivilDate(2026, 12, 31) && ScorecardPeriod("2026-02")?.to == CivilDate(2026, 2, 28))
        for bad in ["2026-13", "2026-Q5", "26-11", "2026-1", "2026-11-01", "", "２０２６"] { #expect(ScorecardPeriod(bad) == nil, "\(bad)") }
    }

    @Test func monthlyChartHasTwelveMonthsAndNothingAfterNow() throws {
        let all = try Self.dossiers()
        let chart = Scorecard.monthlyChart(dossiers: all.values.map(\.summary), year: 2026, rule: .dateOnly, calendar: WorkCalendar(),
                                           now: at("2026-12-08T10:00"), catalogue: .sample)
        #expect(chart.count == 12)
        #expect(chart[10].onTimePct != nil && chart[11].onTimePct != nil && chart[0].onTimePct == nil)
        #expect(chart[11].overduePct.map { $0 + chart[11].onTimePct! } == 100)
    }

    @Test func textStatesEachRuleAndFitsEightyColumns() throws {
        let text = try Self.scorecard(.national, grouping: .procedure).text()
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(text.contains("So thời điểm"))
        #expect(text.contains("Từ chối, rút hồ sơ trong kỳ: không phải hồ sơ giải quyết"))
        #expect(text.replacingOccurrences(of: "\n    ", with: " ").contains("Chưa ghi nhận tại quầy (chờ dữ liệu phí/số hóa/đánh giá)"))
        #expect(text.contains("PUBLISH_ON_TIME (6,00 điểm)"))
        #expect(try Self.scorecard(.dateOnly).text().contains("Tạm dừng, chờ bổ sung khi kết thúc kỳ: tính là trong hạn."))
    }

    /// A catalogue edited by hand can name a procedure and a field with escape sequences and formulas.
    @Test func hostileGroupNamesReachNeitherTerminalNorSpreadsheetRaw() throws {
        let original = try #require(Catalogue.sample.procedure("1.004873"))
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(original)) as? [String: Any])
        object["name"] = "=HY\u{1B}[2J\"PERLINK\""
        let hostile = try JSONDecoder().decode(Procedure.self, from: JSONSerialization.data(withJSONObject: object))
        let catalogue = try Catalogue(copying: .sample, procedures: Catalogue.sample.procedures.map { $0.code == hostile.code ? hostile : $0 },
                                      version: Catalogue.sample.version + 1)
        for grouping in [Scorecard.Grouping.procedure] {
            let card = Scorecard.compute(dossiers: try Self.dossiers().values.map(\.summary), period: .month(year: 2026, month: 12),
                                         rule: .national, calendar: WorkCalendar(), now: Self.now, grouping: grouping, catalogue: catalogue)
            #expect(card.rows.contains { $0.name.contains("\u{1B}") }, "the hostile name is the group's")
            let text = card.text()
            #expect(!text.contains("\u{1B}") && text.contains("=HY"))
            let csv = card.csv().text
            #expect(!csv.contains("\u{1B}") && !csv.contains(",=HY") && !csv.contains(",\"=HY"))
            #expect(csv.contains(",\"'=HY"))
        }
    }

    @Test func jsonUsesThePortalNames() throws {
        let json = try Self.scorecard(.dateOnly, grouping: .procedure).json().compact
        #expect(json.contains(#""period":{"from":"2026-12-01","to":"2026-12-31","#))
        #expect(json.contains(#""rule":"date-only""#))
        #expect(json.contains(#""progress":{"totalReceived":9,"totalOnTime":7,"totalOverdue":2,"totalCompleted":4,"avgProcessingDays":"#))
        #expect(json.contains(#""ratio":77.78,"score":15.56,"maxScore":20}"#))
        #expect(json.contains(#"{"code":"channelOnlineSum","name":"Tiếp nhận trực tuyến","group":"Dịch vụ công trực tuyến","numerator":1,"denominator":5,"ratio":20,"score":null,"maxScore":null"#))
        #expect(json.contains(#""rows":[{"key":"1.004873","#))
    }
}
