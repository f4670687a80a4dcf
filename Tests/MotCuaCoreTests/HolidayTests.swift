import Foundation
import Testing
@testable import MotCuaCore

@Suite("Holidays: statutory rule and official schedules")
struct HolidayTests {
    func offDates(_ h: YearHolidays?) -> [String] { h?.daysOff.map(\.date.iso) ?? [] }

    @Test func statutory2027() throws {
        // Tết 2027 is Saturday 6/2: 5/2–9/2 with 6/2 and 7/2 on the weekend → 10/2 and 11/2 compensatory.
        // 1/5 is a Saturday → Monday 3/5; 2/9 is a Thursday → Friday 3/9.
        let h = try #require(StatutoryHolidays.holidays(in: 2027))
        #expect(h.source == .statutory)
        #expect(offDates(h) == ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
                                "2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03"])
        #expect(h.daysOff.filter { $0.kind == .compensatory }.map(\.date.iso) == ["2027-02-10", "2027-02-11", "2027-05-03"])
    }

    @Test(arguments: [
        (2024, "2024-09-03"),  // Monday → Tuesday 3/9
        (2025, "2025-09-01"),  // Tuesday → Monday 1/9
        (2026, "2026-09-01"),  // Wednesday → Tuesday 1/9
        (2027, "2027-09-03"),  // Thursday → Friday 3/9
        (2022, "2022-09-01"),  // Friday → Thursday 1/9
        (2023, "2023-09-01"),  // Saturday → Friday 1/9
        (2029, "2029-09-03"),  // Sunday → Monday 3/9
    ])
    func nationalDayCompanionFollowsTheWeekday(year: Int, companion: String) {
        #expect(StatutoryHolidays.nationalDayCompanion(of: CivilDate(year, 9, 2)).iso == companion)
    }

    @Test func aNationalDayOnTheWeekendIsCompensatedAfterItsCompanion() throws {
        // 2/9/2029 is a Sunday: 3/9 is the companion day, so the compensatory day is Tuesday 4/9.
        let h2029 = try #require(StatutoryHolidays.holidays(in: 2029))
        #expect(h2029.daysOff.contains { $0.date == CivilDate(2029, 9, 4) && $0.kind == .compensatory })
        // 2/9/2023 is a Saturday: companion Friday 1/9, compensatory Monday 4/9.
        let h2023 = try #require(StatutoryHolidays.holidays(in: 2023))
        #expect(offDates(h2023).filter { $0.hasPrefix("2023-09") } == ["2023-09-01", "2023-09-04"])
    }

    @Test func statutoryYearsCarryTetAndHungKingsFromTheVietnameseLunarCalendar() throws {
        // 1985: Vietnam's Tết is 21/1 (China's is 20/2): the days off must follow Vietnam.
        let h1985 = try #require(StatutoryHolidays.holidays(in: 1985))
        #expect(h1985.daysOff.contains { $0.date == CivilDate(1985, 1, 21) && $0.name == "Tết Nguyên đán (mùng 1)" })
        #expect(!h1985.daysOff.contains { $0.date == CivilDate(1985, 2, 20) })
        // 2030: Tết 2/2 (China 3/2).
        let h2030 = try #require(StatutoryHolidays.holidays(in: 2030))
        #expect(h2030.daysOff.contains { $0.date == CivilDate(2030, 1, 31) || $0.date == CivilDate(2030, 2, 1) })
        #expect(h2030.daysOff.first { $0.name == "Tết Nguyên đán (mùng 1)" } == nil, "2/2/2030 is a Saturday")
    }

    @Test func officialSchedulesReplaceTheStatutoryRule() {
        let calendar = WorkCalendar()
        #expect(calendar.holidays(in: 2025)?.source == .official)
        #expect(calendar.holidays(in: 2027)?.source == .statutory)
        // The 2025 notice moved the compensatory day of mùng 4 (Saturday 1/2) to Monday 27/1.
        #expect(!calendar.isWorkingDay(CivilDate(2025, 1, 27)))
        #expect(calendar.isWorkingDay(CivilDate(2025, 2, 3)))
        #expect(StatutoryHolidays.holidays(in: 2025)!.daysOff.contains { $0.date == CivilDate(2025, 2, 3) })
        #expect(calendar.status(of: CivilDate(2025, 4, 26)) == .makeupWorkday(calendar.holidays(in: 2025)!.makeupWorkdays[0]))
    }

    @Test func shippedSchedulesCoverTheYearsTheIssueNames() throws {
        let shipped = HolidaySchedule.shipped
        #expect(Set(shipped.years.keys).isSuperset(of: [2024, 2025, 2026]))
        let y2024 = try #require(shipped.years[2024])
        #expect(offDates(y2024) == ["2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14",
                                    "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03"])
        #expect(y2024.makeupWorkdays.map(\.date.iso) == ["2024-05-04"])
        let y2025 = try #require(shipped.years[2025])
        #expect(offDates(y2025) == ["2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
                                    "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"])
        #expect(y2025.makeupWorkdays.map(\.date.iso) == ["2025-04-26"])
        let y2026 = try #require(shipped.years[2026])
        #expect(offDates(y2026).contains("2026-02-16") && offDates(y2026).contains("2026-02-20"))
        #expect(offDates(y2026).contains("2026-04-27") && offDates(y2026).contains("2026-08-31"))
        #expect(y2026.makeupWorkdays.map(\.date.iso).contains("2026-08-22"))
        for year in shipped.years.values {
            for day in year.daysOff { #expect(day.legalBasis?.isEmpty == false, "\(day.date.iso) needs its legal basis") }
            for day in year.makeupWorkdays { #expect(day.legalBasis?.isEmpty == false, "\(day.date.iso) needs its legal basis") }
        }
        let culture = try #require(y2026.daysOff.first { $0.date == CivilDate(2026, 11, 24) })
        #expect(culture.unconfirmed)
        #expect(y2026.daysOff.filter { !$0.unconfirmed }.allSatisfy { $0.date != CivilDate(2026, 11, 24) })
        // Issue 17 #6: the 2/1 ↔ 10/1/2026 swap is confirmed by Công văn 12729/VPCP-KGVX of 25/12/2025.
        let swap = try #require(y2026.daysOff.first { $0.date == CivilDate(2026, 1, 2) })
        let makeup = try #require(y2026.makeupWorkdays.first { $0.date == CivilDate(2026, 1, 10) })
        #expect(!swap.unconfirmed && !makeup.unconfirmed)
        #expect(swap.legalBasis?.contains("12729/VPCP-KGVX ngày 25/12/2025") == true && makeup.legalBasis == swap.legalBasis)
    }

    @Test func aPublishedScheduleExpandsSpansAndRefusesOverlapsAndWeekdayMakeups() throws {
        let basis = "Thông báo 123/TB-BNV ngày 20/11/2026"
        let tet = DaysOffSpan(start: CivilDate(2027, 2, 5), end: CivilDate(2027, 2, 11), name: "Tết Nguyên đán")
        let year = try SchedulePublication.year(2027, daysOff: [DaysOffSpan(start: CivilDate(2027, 1, 1), end: CivilDate(2027, 1, 1), name: "Tết Dương lịch"), tet],
                                                makeupWorkdays: [(CivilDate(2027, 2, 20), "Làm bù")], legalBasis: basis)
        #expect(offDates(year) == ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"])
        #expect(year.daysOff.allSatisfy { $0.legalBasis == basis } && year.makeupWorkdays.map(\.date) == [CivilDate(2027, 2, 20)])
        let overlap = DaysOffSpan(start: CivilDate(2027, 2, 10), end: CivilDate(2027, 2, 12), name: "x")
        #expect(throws: HolidayScheduleError.overlappingSpans(CivilDate(2027, 2, 5), CivilDate(2027, 2, 10))) {
            try SchedulePublication.year(2027, daysOff: [tet, overlap], makeupWorkdays: [], legalBasis: basis)
        }
        #expect(throws: HolidayScheduleError.makeupOnWeekday(CivilDate(2027, 2, 22))) {
            try SchedulePublication.year(2027, daysOff: [tet], makeupWorkdays: [(CivilDate(2027, 2, 22), "x")], legalBasis: basis)
        }
        #expect(throws: HolidayScheduleError.makeupInsideSpan(CivilDate(2027, 2, 6), CivilDate(2027, 2, 5), CivilDate(2027, 2, 11))) {
            try SchedulePublication.year(2027, daysOff: [tet], makeupWorkdays: [(CivilDate(2027, 2, 6), "x")], legalBasis: basis)
        }
        #expect(throws: HolidayScheduleError.missingLegalBasis) { try SchedulePublication.year(2027, daysOff: [tet], makeupWorkdays: [], legalBasis: " ") }
        #expect(throws: HolidayScheduleError.dateOutsideYear(CivilDate(2028, 1, 3), 2027)) {
            try SchedulePublication.year(2027, daysOff: [DaysOffSpan(start: CivilDate(2027, 12, 31), end: CivilDate(2028, 1, 3), name: "x")],
                                         makeupWorkdays: [], legalBasis: basis)
        }
    }

    @Test func anUnconfirmedDayIsListedButNotAppliedUntilConfirmed() throws {
        let calendar = WorkCalendar()
        let culture = CivilDate(2026, 11, 24)
        #expect(calendar.holidays(in: 2026)?.daysOff.contains { $0.date == culture && $0.unconfirmed } == true)
        #expect(calendar.isWorkingDay(culture))
        #expect(!calendar.isWorkingDay(CivilDate(2026, 1, 2)) && calendar.isWorkingDay(CivilDate(2026, 1, 10)))
        let confirmed = try #require(HolidaySchedule.shipped.confirming(culture, legalBasis: "Nghị định X"))
        let after = WorkCalendar(schedule: confirmed)
        #expect(!after.isWorkingDay(culture))
        #expect(after.holidays(in: 2026)?.daysOff.first { $0.date == culture }?.legalBasis == "Nghị định X")
        #expect(HolidaySchedule.shipped.confirming(CivilDate(2026, 11, 25), legalBasis: nil) == nil)
        let reread = try HolidaySchedule(json: confirmed.json(years: [2026]))
        #expect(reread.years[2026] == confirmed.years[2026])
    }

    @Test func scheduleFilesAreCheckedAndMayOverrideAYear() throws {
        let override = """
        {"schema":1,"years":[{"year":2027,"daysOff":[{"date":"2027-02-12","name":"Nghỉ thêm","kind":"official","legalBasis":"TB x"}],
        "makeupWorkdays":[{"date":"2027-02-20","name":"Làm bù","legalBasis":"TB x"}]}]}
        """
        let merged = HolidaySchedule.shipped.overridden(by: try HolidaySchedule(json: Data(override.utf8)))
        let calendar = WorkCalendar(schedule: merged)
        #expect(calendar.holidays(in: 2027)?.source == .official)
        #expect(!calendar.isWorkingDay(CivilDate(2027, 2, 12)))
        #expect(calendar.isWorkingDay(CivilDate(2027, 2, 20)))
        #expect(calendar.holidays(in: 2026)?.source == .official)

        let weekendOff = #"{"schema":1,"years":[{"year":2027,"daysOff":[{"date":"2027-02-13","name":"x","kind":"official"}],"makeupWorkdays":[]}]}"#
        #expect(throws: HolidayScheduleError.dayOffOnWeekend(CivilDate(2027, 2, 13))) {
            try HolidaySchedule(json: Data(weekendOff.utf8))
        }
        let wrongYear = #"{"schema":1,"years":[{"year":2027,"daysOff":[{"date":"2028-02-14","name":"x","kind":"official"}],"makeupWorkdays":[]}]}"#
        #expect(throws: HolidayScheduleError.dateOutsideYear(CivilDate(2028, 2, 14), 2027)) {
            try HolidaySchedule(json: Data(wrongYear.utf8))
        }
    }
}

@Suite("Dates and instants")
struct InstantTests {
    @Test func isoTextRoundTripsInVietnamTime() throws {
        let instant = at("2026-11-27T09:15:22+07:00")
        #expect(instant.iso8601 == "2026-11-27T09:15:22+07:00")
        #expect(at("2026-11-27T02:15:22Z") == instant)
        #expect(at("2026-11-27T09:15:22") == instant)
        #expect(at("2026-11-27T03:15:22.500+01:00") == instant)
        #expect(at("2026-11-27T09:15") == instant.adding(seconds: -22))
        #expect(at("2026-11-27") == Instant(date: CivilDate(2026, 11, 27)))
        #expect(at("2026-11-26T23:30:00Z").date == CivilDate(2026, 11, 27))
    }

    @Test(arguments: ["2026-02-30T09:00", "2026-11-27T24:00", "2026-11-27T09:60", "27/11/2026", "2026-11-27T09:00+7", "", "2026-11-27T09:00:00+07:00x"])
    func malformedInstantsAreRejected(text: String) {
        #expect(Instant(iso8601: text) == nil)
    }

    @Test func civilDatesStepThroughJulianDays() {
        #expect(CivilDate(2026, 11, 27).isoWeekday == 5)
        #expect(CivilDate(1900, 1, 1).isoWeekday == 1)
        #expect(CivilDate(2024, 2, 28).adding(days: 1) == CivilDate(2024, 2, 29))
        #expect(CivilDate(2100, 2, 28).adding(days: 1) == CivilDate(2100, 3, 1))
        #expect(CivilDate(year: 2100, month: 2, day: 29) == nil)
        #expect(CivilDate(julianDay: CivilDate(1985, 1, 21).julianDay) == CivilDate(1985, 1, 21))
        #expect(CivilDate("2026-2-17") == nil)
    }
}
