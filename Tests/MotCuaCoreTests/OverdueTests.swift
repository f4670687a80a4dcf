import Foundation
import Testing
@testable import MotCuaCore

/// Now is Thu 03/12/2026 10:00. Procedure 1.004873 (3 working days, route MC 0.5 / VP 2 / LD 0.5).
@Suite("Overdue scan")
struct OverdueTests {
    static let now = at("2026-12-03T10:00")

    static func dossiers() throws -> [TestDossier] {
        // Due Mon 30/11 09:00: 25 working hours late → 4 days. At VP past its step budget.
        var a = try TestDossier(1, received: "2026-11-25T09:00")
        try a.run(.transfer(department: "VP", official: "hoa"), "2026-11-25T10:00")
        // Due Wed 02/12 08:00: 10 hours late → 2 days. The desk handed it on late (its 4 hours ended 27/11 14:00).
        var b = try TestDossier(2, received: "2026-11-27T08:00")
        try b.run(.transfer(department: "KT", official: nil), "2026-11-30T09:00")
        // Due Thu 03/12 08:00: 2 hours late → 1 day. Still at the desk, past its step.
        let c = try TestDossier(3, received: "2026-11-30T08:00")
        // Due Tue 01/12 08:00, extended to Wed 02/12 17:00: the list judges the citizen's new
        // appointment, 3 hours late → 1 day, after the dossier due earlier the same day.
        var d = try TestDossier(4, received: "2026-11-26T08:00")
        try d.run(.transfer(department: "VP", official: "hoa"), "2026-11-26T09:00")
        try d.run(.extend(until: at("2026-12-02T17:00"), reason: "Chờ xác minh", department: "VP"), "2026-11-27T09:00", by: "hoa")
        // Due today 14:00 and tomorrow 08:00.
        let today = try TestDossier(5, received: "2026-11-30T14:00")
        let tomorrow = try TestDossier(6, received: "2026-12-01T08:00")
        // Not listed: due later, paused, resolved.
        let later = try TestDossier(7, received: "2026-12-02T08:00")
        var paused = try TestDossier(8, received: "2026-11-25T09:00")
        try paused.run(.requestSupplement(reason: "Thiếu giấy", documents: []), "2026-11-25T10:00")
        var resolved = try TestDossier(9, received: "2026-11-25T09:00")
        try resolved.run(.resultReady(note: nil), "2026-12-01T09:00")
        return [later, c, today, resolved, a, tomorrow, b, paused, d]
    }

    static func report() throws -> OverdueReport {
        OverdueReport.make(summaries: try dossiers().map(\.summary), clock: DeadlineClock(now: now, calendar: WorkCalendar()),
                           catalogue: .sample, officialNames: demoOfficialNames)
    }

    @Test func rowsAreMostLateFirst() throws {
        let report = try Self.report()
        #expect(report.overdue.map(\.code) == ["000.00.xx.H57-261125-0001", "000.00.xx.H57-261127-0002",
                                               "000.00.xx.H57-261126-0004", "000.00.xx.H57-261130-0003"])
        #expect(report.overdue.map(\.workingDaysLate) == [4, 2, 1, 1])
        #expect(report.overdue.map(\.due) == [at("2026-11-30T09:00"), at("2026-12-02T08:00"), at("2026-12-02T17:00"), at("2026-12-03T08:00")])
        #expect(report.overdue.map(\.extended) == [false, false, true, false])
        #expect(report.dueToday.map(\.due) == [at("2026-12-03T14:00")])
        #expect(report.dueWithin1.map(\.due) == [at("2026-12-04T08:00")])
        #expect(report.dueToday.allSatisfy { $0.workingDaysLate == 0 })
    }

    @Test func holderAndResponsibleStep() throws {
        let rows = try Self.report().overdue
        let a = rows[0], b = rows[1], d = rows[2], c = rows[3]
        #expect(a.holder == Holder(department: "VP", official: "hoa"))
        #expect(a.holderDepartmentName == "Văn phòng HĐND và UBND phường (Tư pháp – Hộ tịch)")
        #expect(a.holderOfficialName == "Nguyễn Thị Hoa")
        #expect(a.responsibleStep == Holder(department: "VP", official: "hoa"))
        #expect(b.holder == Holder(department: "KT", official: nil) && b.holderOfficialName == nil)
        #expect(b.responsibleStep == Holder(department: "MC", official: "lan"), "the desk's late hand-over is blamed")
        #expect(c.responsibleStep == Holder(department: "MC", official: "lan"))
        #expect(a.applicant == "Nguyễn Văn Ánh" && a.procedureCode == "1.004873" && a.field == "Hộ tịch")
        #expect(a.receivedAt == at("2026-11-25T09:00"))
        #expect(d.procedureShortName == "XN tình trạng HN")
    }

    @Test func groups() throws {
        let report = try Self.report()
        let byDepartment = report.groups(by: .department)
        #expect(byDepartment.map(\.key) == ["VP", "MC", "KT"])
        #expect(byDepartment.map(\.count) == [2, 1, 1])
        #expect(byDepartment[0].rows.map(\.workingDaysLate) == [4, 1])
        let byOfficial = report.groups(by: .official)
        // Screens show the name; the login stays the key.
        #expect(byOfficial.map(\.name) == ["Nguyễn Thị Hoa", "Lê Thị Lan", "(chưa giao)"])
        #expect(byOfficial.map(\.key) == ["hoa", "lan", ""])
        let byField = report.groups(by: .field)
        #expect(byField.map(\.key) == ["Hộ tịch"] && byField[0].count == 4)
    }

    @Test func textAndJSON() throws {
        let report = try Self.report()
        let text = report.text(groupedBy: .department)
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(text.contains("Quá hạn: 4 · Hạn hôm nay: 1 · Còn 1 ngày làm việc: 1"))
        #expect(text.contains("↳ chậm ở bước: MC/lan"))
        #expect(text.contains("02/12 17:00*"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(report.json().compact.utf8)) as? [String: Any])
        #expect(object["schema"] as? Int == 1 && (object["rules"] as? [String])?.isEmpty == false)
        let first = try #require((object["overdue"] as? [[String: Any]])?.first)
        #expect(first["workingDaysLate"] as? Int == 4 && first["due"] as? String == "2026-11-30T09:00:00+07:00")
        #expect((first["holder"] as? [String: Any])?["officialName"] as? String == "Nguyễn Thị Hoa")
        #expect((first["responsibleStep"] as? [String: Any])?["department"] as? String == "VP")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["count"] as? Int } == [2, 1, 1])
        #expect(report.json().compact.hasPrefix(#"{"schema":1,"report":"overdue","now":"2026-12-03T10:00:00+07:00""#))
    }

    /// Issue 17: the JSON keeps the login as the group's key and names the person apart; the
    /// text output keeps the login beside the name (its rows and the commands use logins).
    @Test func officialGroupsNameThePersonAndKeepTheLoginWhereScriptsUseIt() throws {
        let report = try Self.report()
        let text = report.text(groupedBy: .official)
        #expect(text.contains("■ Nguyễn Thị Hoa (hoa): 2 hồ sơ\n"))
        #expect(text.contains("■ (chưa giao): 1 hồ sơ\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(report.json(groupedBy: .official).compact.utf8)) as? [String: Any])
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["key"] as? String } == ["hoa", "lan", ""])
        #expect(groups.map { $0["name"] as? String } == ["Nguyễn Thị Hoa", "Lê Thị Lan", "(chưa giao)"])
        let unnamed = OverdueReport.make(summaries: try Self.dossiers().map(\.summary),
                                         clock: DeadlineClock(now: Self.now, calendar: WorkCalendar()), catalogue: .sample, officialNames: [:])
        #expect(unnamed.groups(by: .official).map(\.name) == ["hoa", "lan", "(chưa giao)"], "no name known: the login, once")
        #expect(unnamed.text(groupedBy: .official).contains("■ hoa: 2 hồ sơ\n"))
    }

    /// On the generated desk: the same rows as a plain filter with thresholds computed here.
    @Test func matchesAnIndependentScanOfAGeneratedDesk() throws {
        let desk = try GeneratedDesk.shared.get()
        let now = desk.now
        let clock = DeadlineClock(now: now, calendar: desk.calendar)
        let report = OverdueReport.make(summaries: desk.summaries, clock: clock,
                                        catalogue: .sample, officialNames: demoOfficialNames)
        let running = desk.summaries.filter { $0.state == .received || $0.state == .inProgress }
        let endOfToday = Instant(date: now.date.adding(days: 1))
        var next = now.date.adding(days: 1)
        while !desk.calendar.isWorkingDay(next) { next = next.adding(days: 1) }
        let endOfNext = Instant(date: next.adding(days: 1))
        #expect(Set(report.overdue.map(\.code)) == Set(running.filter { $0.due < now }.map(\.code)))
        #expect(Set(report.dueToday.map(\.code)) == Set(running.filter { $0.due >= now && $0.due < endOfToday }.map(\.code)))
        #expect(Set(report.dueWithin1.map(\.code)) == Set(running.filter { $0.due >= endOfToday && $0.due < endOfNext }.map(\.code)))
        #expect(report.overdue.count > 10, "the generated desk has stalled dossiers")
        for (a, b) in zip(report.overdue, report.overdue.dropFirst()) {
            #expect(a.workingDaysLate > b.workingDaysLate || (a.workingDaysLate == b.workingDaysLate && a.due <= b.due))
        }
        for row in report.overdue {
            // Working seconds late, day by day over the standard sessions 07:00–11:30 and 13:30–17:00.
            var seconds: Int64 = 0
            var day = row.due.date
            while day <= now.date {
                if desk.calendar.isWorkingDay(day) {
                    for (open, close) in [(7 * 3600, 11 * 3600 + 1800), (13 * 3600 + 1800, 17 * 3600)] {
                        let a = max(row.due, Instant(date: day, secondOfDay: open))
                        let b = min(now, Instant(date: day, secondOfDay: close))
                        if a < b { seconds += b.seconds - a.seconds }
                    }
                }
                day = day.adding(days: 1)
            }
            #expect(row.workingDaysLate == max(1, Int((seconds + 28_799) / 28_800)), "\(row.code)")
            #expect(row.workingDaysLate == clock.workingDaysLate(due: row.due), "the shared walk agrees with the clock")
        }
        let total = report.groups(by: .department).reduce(0) { $0 + $1.count }
        #expect(total == report.overdue.count)
    }
}
