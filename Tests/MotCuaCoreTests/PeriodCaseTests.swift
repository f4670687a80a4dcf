import Foundation
import Testing
@testable import MotCuaCore

/// Hand-built dossiers, one per column, for the period 01/12/2026–04/12/2026 (Tue–Fri).
/// Procedure 1.004873 takes 3 working days: received Mon 30/11 08:00, it is due Thu 03/12 08:00.
@Suite("Period statistics, column by column")
struct PeriodCaseTests {
    static func dossiers() throws -> [String: TestDossier] {
        var all: [String: TestDossier] = [:]
        var early = try TestDossier(1, received: "2026-11-30T08:00")
        try early.run(.transfer(department: "VP", official: "hoa"), "2026-11-30T09:00")
        try early.run(.resultReady(note: nil), "2026-12-02T10:00", by: "hoa")
        all["early"] = early
        var onTime = try TestDossier(2, received: "2026-11-30T08:00")
        try onTime.run(.resultReady(note: nil), "2026-12-03T07:30")
        all["onTime"] = onTime
        var lateSameDay = try TestDossier(3, received: "2026-11-30T08:00")
        try lateSameDay.run(.resultReady(note: nil), "2026-12-03T15:00")
        all["lateSameDay"] = lateSameDay
        var late = try TestDossier(4, received: "2026-11-30T08:00")
        try late.run(.resultReady(note: nil), "2026-12-04T09:00")
        all["late"] = late
        var supplement = try TestDossier(5, received: "2026-11-30T08:00")
        try supplement.run(.requestSupplement(reason: "Thiếu tờ khai", documents: ["Tờ khai"]), "2026-12-02T09:00")
        all["pausedSupplement"] = supplement
        var suspended = try TestDossier(6, received: "2026-11-30T08:00")
        try suspended.run(.suspend(reason: "Chờ xác minh"), "2026-12-02T09:00")
        all["pausedSuspension"] = suspended
        var resumed = try TestDossier(7, received: "2026-11-30T08:00")
        try resumed.run(.suspend(reason: "Chờ xác minh"), "2026-12-01T09:00")
        try resumed.run(.resume, "2026-12-02T09:00")
        all["resumed"] = resumed
        all["carriedOver"] = try TestDossier(8, received: "2026-11-25T09:00")
        var refused = try TestDossier(9, received: "2026-12-01T08:00", channel: .postal)
        try refused.run(.refuse(reason: "Không thuộc thẩm quyền"), "2026-12-01T10:00")
        all["refused"] = refused
        var withdrawn = try TestDossier(10, received: "2026-11-30T10:00")
        try withdrawn.run(.withdraw(reason: "Người nộp rút hồ sơ"), "2026-12-02T10:00")
        all["withdrawn"] = withdrawn
        var apology = try TestDossier(11, received: "2026-11-30T08:00")
        try apology.run(.extend(until: at("2026-12-08T17:00"), reason: "Chờ thẩm định", department: "VP"), "2026-12-02T08:00")
        try apology.run(.resultReady(note: nil), "2026-12-04T10:00")
        all["apology"] = apology
        var second = try TestDossier(12, received: "2026-11-30T08:00")
        try second.run(.requestSupplement(reason: "Thiếu giấy", documents: []), "2026-11-30T09:00")
        try second.run(.supplementReceived, "2026-11-30T10:00")
        try second.run(.requestSupplement(reason: "Vẫn thiếu giấy", documents: []), "2026-11-30T11:00")
        try second.run(.supplementReceived, "2026-12-01T08:00")
        try second.run(.resultReady(note: nil), "2026-12-01T09:00")
        all["secondSupplement"] = second
        var returnedOnly = try TestDossier(13, received: "2026-11-24T08:00")
        try returnedOnly.run(.resultReady(note: nil), "2026-11-27T09:00")
        try returnedOnly.run(.returnResult(.applicant), "2026-12-01T09:00")
        all["returnedOnly"] = returnedOnly
        all["after"] = try TestDossier(14, received: "2026-12-07T08:00")
        var before = try TestDossier(15, received: "2026-11-23T08:00")
        try before.run(.refuse(reason: "Sai thẩm quyền"), "2026-11-24T08:00")
        all["before"] = before
        all["withinTime"] = try TestDossier(16, received: "2026-12-03T08:00", channel: .online)
        return all
    }

    static func report(_ grouping: PeriodReport.Grouping = .none, from: String = "2026-12-01", to: String = "2026-12-04") throws -> PeriodReport {
        try PeriodReport.make(summaries: dossiers().values.map(\.summary).sorted { $0.code < $1.code },
                              from: CivilDate(from)!, to: CivilDate(to)!, by: grouping, calendar: WorkCalendar(),
                              catalogue: .sample, officialNames: demoOfficialNames)
    }

    @Test func theAppointmentTheCasesAreBuiltOn() throws {
        let d = try TestDossier(1, received: "2026-11-30T08:00")
        #expect(d.summary.statsDue == at("2026-12-03T08:00"))
        #expect(try TestDossier(8, received: "2026-11-25T09:00").summary.statsDue == at("2026-11-30T09:00"))
    }

    @Test func eachColumnCountsItsDossier() throws {
        let t = try Self.report().total
        #expect(t.carriedOver == 11)
        #expect(t.received == 2 && t.receivedPostal == 1 && t.receivedOnline == 1 && t.receivedDirect == 0)
        #expect(t.resolved == 6)
        #expect((t.early, t.onTime, t.late) == (1, 1, 4))
        #expect((t.earlyByDate, t.onTimeByDate, t.lateByDate) == (1, 2, 3))
        #expect((t.closedOther, t.refused, t.withdrawn) == (2, 1, 1))
        #expect(t.pending == 5)
        #expect((t.pendingWithinTime, t.pendingOverdue, t.pausedSupplement, t.pausedSuspension) == (1, 2, 1, 1))
        #expect(t.returned == 1)
        #expect(t.lateWithApology == 1)
        #expect(t.secondSupplement == 1)
        #expect(t.onTimeRate == 2.0 / 6.0)
        #expect(t.onTimeRateByDate == 3.0 / 6.0)
        #expect(t.reconciles)
    }

    /// Finished on the due day after the due hour: late by the instant, on time by the date.
    @Test func instantAndDateRulesDiffer() throws {
        let d = try Self.dossiers()["lateSameDay"]!.summary
        let membership = PeriodMembership.classify(d, start: at("2026-12-01"), end: at("2026-12-05"))
        #expect(membership?.outcome == .resolved(Resolution(atInstant: .late, atDate: .onTime), apology: false, secondSupplement: false))
        #expect(membership?.carriedOver == true)
    }

    @Test func resumedPauseMovesTheStatisticsAppointment() throws {
        let d = try Self.dossiers()["resumed"]!.summary
        #expect(d.statsDue == at("2026-12-04T08:00"))
        #expect(PeriodMembership.classify(d, start: at("2026-12-01"), end: at("2026-12-05"))?.outcome == .pendingOverdue)
        #expect(PeriodMembership.classify(d, start: at("2026-12-01"), end: at("2026-12-02"))?.outcome == .pausedSuspension)
    }

    @Test func aSecondSupplementIsLateEvenWhenResolvedEarly() throws {
        let d = try Self.dossiers()["secondSupplement"]!.summary
        #expect(Resolution.classify(finished: d.resolvedAt!, due: d.statsDue).atInstant == .early)
        let outcome = PeriodMembership.classify(d, start: at("2026-12-01"), end: at("2026-12-05"))?.outcome
        #expect(outcome == .resolved(Resolution(atInstant: .late, atDate: .late), apology: false, secondSupplement: true))
    }

    @Test func notOfThePeriod() throws {
        let all = try Self.dossiers()
        for name in ["after", "before", "returnedOnly"] {
            #expect(PeriodMembership.classify(all[name]!.summary, start: at("2026-12-01"), end: at("2026-12-05")) == nil, "\(name)")
        }
    }

    @Test func groupsByChannelAndOfficial() throws {
        let byChannel = try Self.report(.channel)
        #expect(byChannel.rows.map(\.key) == ["direct", "postal", "online"])
        #expect(byChannel.rows.map(\.name) == ["Trực tiếp", "Bưu chính công ích", "Trực tuyến"])
        #expect(byChannel.rows[1].counts.refused == 1 && byChannel.rows[2].counts.pendingWithinTime == 1)
        #expect(byChannel.reconciles)
        let byOfficial = try Self.report(.official)
        let hoa = byOfficial.rows.first { $0.key == "hoa" }
        #expect(hoa?.name == "Nguyễn Thị Hoa")          // F9 and the report name the person, as F8 does; the login is the key
        #expect(hoa?.counts.early == 1 && hoa?.counts.resolved == 1)
        #expect(byOfficial.reconciles)
        let byDepartment = try Self.report(.department)
        #expect(byDepartment.rows.map(\.key) == ["VP"])
        #expect(byDepartment.rows[0].name == "Văn phòng HĐND và UBND phường (Tư pháp – Hộ tịch)")
    }

    @Test func onTimeRateIsNilWhenNothingWasResolved() throws {
        let report = try Self.report(from: "2026-12-07", to: "2026-12-07")
        #expect(report.total.resolved == 0)
        #expect(report.total.onTimeRate == nil && report.total.onTimeRateByDate == nil)
        #expect(report.total.received == 1 && report.total.pendingWithinTime == 2)
        #expect(PeriodReport.bar(nil).hasPrefix(String(repeating: "░", count: 30)))
        #expect(report.text().contains(String(repeating: "░", count: 30) + "   –"))
    }

    @Test func aBrokenCountDoesNotReconcile() {
        var counts = PeriodCounts()
        counts.add(PeriodMembership(carriedOver: true, channel: .direct, outcome: .refused))
        #expect(counts.reconciles)
        counts.carriedOver += 1
        #expect(!counts.reconciles)
    }

    @Test func anInvertedPeriodIsAnError() {
        #expect(throws: ReportError.invalidPeriod(from: CivilDate(2026, 12, 5), to: CivilDate(2026, 12, 1))) {
            try PeriodReport.make(summaries: [], from: CivilDate(2026, 12, 5), to: CivilDate(2026, 12, 1), by: .none,
                                  calendar: WorkCalendar(), catalogue: .sample)
        }
    }

    @Test func textFitsEightyColumnsAndStatesTheRules() throws {
        let report = try Self.report(.official)
        let text = report.text()
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(text.contains("Kỳ: 01/12/2026 – 04/12/2026 (4 ngày làm việc) · Nhóm theo: Cán bộ"))
        #expect(text.contains("bổ sung lần thứ hai được tính là quá hạn"))
        #expect(text.contains("Hạn dùng cho hồ sơ còn tồn là hạn hiện tại"))
        #expect(text.contains("Tổng cộng"))
        let bar = PeriodReport.bar(2.0 / 6.0)
        #expect(bar == String(repeating: "█", count: 10) + String(repeating: "░", count: 20) + "  33,3%")
        #expect(text.contains(bar))
        #expect(report.rules.allSatisfy { $0 == $0.precomposedStringWithCanonicalMapping })
    }

    @Test func jsonCarriesSchemaRulesAndCamelCaseColumns() throws {
        let report = try Self.report(.channel)
        let object = try #require(JSONSerialization.jsonObject(with: Data(report.json().compact.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1)
        #expect((object["rules"] as? [String])?.count == report.rules.count)
        #expect(object["reconciles"] as? Bool == true)
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["resolved"] as? Int == 6 && total["carriedOver"] as? Int == 11)
        #expect(total["early"] as? Int == 1 && total["onTimeByDate"] as? Int == 2 && total["lateByDate"] as? Int == 3)
        #expect((total["receivedByChannel"] as? [String: Int]) == ["direct": 0, "postal": 1, "online": 1])
        #expect(total["pausedSupplement"] as? Int == 1 && total["pausedSuspension"] as? Int == 1)
        #expect(total["lateWithApology"] as? Int == 1 && total["returned"] as? Int == 1)
        #expect(total["onTimeRate"] as? Double == 0.3333 && total["onTimeRateByDate"] as? Double == 0.5)
        #expect(total["group"] is NSNull)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["group"] as? String } == ["direct", "postal", "online"])
        #expect(report.json().compact.hasPrefix(#"{"schema":1,"report":"period","from":"2026-12-01","to":"2026-12-04""#))
    }
}
