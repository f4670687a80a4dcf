import Foundation  // JSONEncoder for the Codable check only
import Testing
@testable import MotCuaCore

@Suite("Vietnamese lunar calendar")
struct LunarCalendarTests {
    @Test("Tết (lunar 1/1)", arguments: [
        (2024, CivilDate(2024, 2, 10)), (2025, CivilDate(2025, 1, 29)), (2026, CivilDate(2026, 2, 17)),
        (2027, CivilDate(2027, 2, 6)), (2028, CivilDate(2028, 1, 26)), (1900, CivilDate(1900, 1, 31)),
        (2000, CivilDate(2000, 2, 5)), (2100, CivilDate(2100, 2, 9)),
    ])
    func tet(year: Int, expected: CivilDate) {
        #expect(LunarCalendar.newYear(ofLunarYear: year) == expected)
        #expect(LunarCalendar.lunarDate(for: expected) == LunarDate(year: year, month: 1, day: 1))
    }

    /// Years whose Tết falls on another day in UTC+7 than in China's UTC+8 calendar
    /// (and so in Foundation's `.chinese` calendar): a UTC+8 computation fails every row.
    @Test("Tết where Vietnam differs from China", arguments: [
        (1903, CivilDate(1903, 1, 28), CivilDate(1903, 1, 29)),
        (1916, CivilDate(1916, 2, 3), CivilDate(1916, 2, 4)),
        (1935, CivilDate(1935, 2, 3), CivilDate(1935, 2, 4)),
        (1965, CivilDate(1965, 2, 1), CivilDate(1965, 2, 2)),
        (1968, CivilDate(1968, 1, 29), CivilDate(1968, 1, 30)),
        (1969, CivilDate(1969, 2, 16), CivilDate(1969, 2, 17)),
        (1985, CivilDate(1985, 1, 21), CivilDate(1985, 2, 20)),
        (2007, CivilDate(2007, 2, 17), CivilDate(2007, 2, 18)),
        (2030, CivilDate(2030, 2, 2), CivilDate(2030, 2, 3)),
        (2053, CivilDate(2053, 2, 18), CivilDate(2053, 2, 19)),
    ])
    func tetDiffersFromChina(year: Int, vietnam: CivilDate, china: CivilDate) {
        let tet = LunarCalendar.newYear(ofLunarYear: year)
        #expect(tet == vietnam)
        #expect(tet != china)
    }

    @Test("Giỗ Tổ Hùng Vương (lunar 10/3)", arguments: [
        (2024, CivilDate(2024, 4, 18)), (2025, CivilDate(2025, 4, 7)), (2026, CivilDate(2026, 4, 26)),
        (2027, CivilDate(2027, 4, 16)), (2028, CivilDate(2028, 4, 4)),
    ])
    func hungKings(year: Int, expected: CivilDate) {
        #expect(LunarCalendar.solarDate(for: LunarDate(year: year, month: 3, day: 10)) == expected)
    }

    /// 1984 has none in Vietnam (China: leap 10 of 1984): the 1984 winter solstice falls at
    /// 23:23 UTC+7 on 21 December, so Vietnam's month 11 starts a month earlier, Tết 1985
    /// comes on 21 January, and the leap month moves to month 2 of 1985.
    /// 1938 is leap 8 (China: 7): the autumn equinox comes 28 s before midnight UTC+7.
    @Test("Leap months", arguments: [
        (2020, 4), (2023, 2), (2025, 6), (2028, 5), (2017, 6), (2014, 9), (2012, 4), (2033, 11),
        (1985, 2), (1984, nil), (2024, nil), (2026, nil), (1938, 8), (1900, 8), (2099, 2),
    ] as [(Int, Int?)])
    func leapMonth(year: Int, expected: Int?) {
        #expect(LunarCalendar.leapMonth(ofLunarYear: year) == expected)
    }

    /// The "2033 problem": months 7 and 11 of 2033 both lack a major solar term, but only the
    /// stretch from month 11 of 2033 to month 11 of 2034 holds 13 months, so the leap is 11.
    @Test func leapMonthElevenOf2033() {
        #expect(LunarCalendar.solarDate(for: LunarDate(year: 2033, month: 11, day: 1)) == CivilDate(2033, 11, 22))
        #expect(LunarCalendar.solarDate(for: LunarDate(year: 2033, month: 11, day: 1, isLeap: true))
            == CivilDate(2033, 12, 22))
        #expect(LunarCalendar.solarDate(for: LunarDate(year: 2033, month: 12, day: 1)) == CivilDate(2034, 1, 20))
        #expect(LunarCalendar.newYear(ofLunarYear: 2034) == CivilDate(2034, 2, 19))
    }

    @Test func knownLeapMonthStarts() {
        #expect(LunarCalendar.solarDate(for: LunarDate(year: 2025, month: 6, day: 1, isLeap: true))
            == CivilDate(2025, 7, 25))
        #expect(LunarCalendar.lunarDate(for: CivilDate(2020, 5, 23)) == LunarDate(year: 2020, month: 4, day: 1, isLeap: true))
        #expect(LunarCalendar.solarDate(for: LunarDate(year: 1985, month: 2, day: 1, isLeap: true))
            == CivilDate(1985, 3, 21))
    }

    /// JPL DE421 puts this new moon 4 s after local midnight; Meeus' series alone says 3 s before.
    @Test func newMoonOfJuly1967StartsOnTheEighth() {
        #expect(LunarCalendar.lunarDate(for: CivilDate(1967, 7, 8)) == LunarDate(year: 1967, month: 6, day: 1))
        #expect(LunarCalendar.lunarDate(for: CivilDate(1967, 7, 7)) == LunarDate(year: 1967, month: 5, day: 30))
    }

    @Test func edgesOfTheSupportedRange() {
        #expect(LunarCalendar.lunarDate(for: CivilDate(1900, 1, 1)) == LunarDate(year: 1899, month: 12, day: 1))
        #expect(LunarCalendar.lunarDate(for: CivilDate(1900, 1, 31)) == LunarDate(year: 1900, month: 1, day: 1))
        #expect(LunarCalendar.lunarDate(for: CivilDate(2100, 12, 31)) == LunarDate(year: 2100, month: 12, day: 1))
        #expect(LunarCalendar.lunarDate(for: CivilDate(1899, 12, 31)) == nil)
        #expect(LunarCalendar.lunarDate(for: CivilDate(2101, 1, 1)) == nil)
        #expect(LunarCalendar.newYear(ofLunarYear: 1899) == CivilDate(1899, 2, 10))
        #expect(LunarCalendar.newYear(ofLunarYear: 1898) == nil)
        #expect(LunarCalendar.newYear(ofLunarYear: 2101) == nil)
        #expect(LunarCalendar.leapMonth(ofLunarYear: 2101) == nil)
    }

    @Test("Dates that do not exist", arguments: [
        LunarDate(year: 2024, month: 4, day: 1, isLeap: true),  // 2024 has no leap month
        LunarDate(year: 2020, month: 5, day: 1, isLeap: true),  // 2020's leap month is 4
        LunarDate(year: 2025, month: 2, day: 30),               // month 2 of 2025 has 29 days
        LunarDate(year: 2025, month: 13, day: 1),
        LunarDate(year: 2025, month: 1, day: 0),
        LunarDate(year: 2025, month: 1, day: 31),
    ])
    func nonexistent(date: LunarDate) {
        #expect(LunarCalendar.solarDate(for: date) == nil)
    }

    @Test func everyThirtiethOfA29DayMonthIsRejected() {
        for year in LunarCalendar.supportedLunarYears {
            let leap = LunarCalendar.leapMonth(ofLunarYear: year)
            for month in 1...12 {
                for isLeap in month == leap ? [false, true] : [false] {
                    let length = LunarCalendar.monthLength(year: year, month: month, isLeap: isLeap)
                    let thirtieth = LunarCalendar.solarDate(for: LunarDate(year: year, month: month, day: 30, isLeap: isLeap))
                    #expect((thirtieth != nil) == (length == 30), "\(year)/\(month) leap \(isLeap)")
                }
            }
        }
        #expect(LunarCalendar.monthLength(year: 2025, month: 2, isLeap: false) == 29)
        #expect(LunarCalendar.monthLength(year: 2025, month: 1, isLeap: false) == 30)
        #expect(LunarCalendar.monthLength(year: 2024, month: 1, isLeap: true) == nil)
    }

    @Test func monthLengthsAddUpToTheYear() throws {
        for year in LunarCalendar.supportedLunarYears.dropLast() {
            let leap = LunarCalendar.leapMonth(ofLunarYear: year)
            var days = 0
            for month in 1...12 {
                for isLeap in month == leap ? [false, true] : [false] {
                    let length = try #require(LunarCalendar.monthLength(year: year, month: month, isLeap: isLeap))
                    #expect((29...30).contains(length), "\(year)/\(month)")
                    days += length
                }
            }
            let tet = try #require(LunarCalendar.newYear(ofLunarYear: year))
            let nextTet = try #require(LunarCalendar.newYear(ofLunarYear: year + 1))
            #expect(nextTet.julianDay - tet.julianDay == days, "\(year)")
            #expect((leap == nil ? 353...355 : 383...385).contains(days), "\(year): \(days) days")
        }
    }

    @Test func everyDayRoundTripsAndRunsConsecutively() throws {
        let first = CivilDate(1900, 1, 1).julianDay, last = CivilDate(2100, 12, 31).julianDay
        var previous = try #require(LunarCalendar.lunarDate(for: CivilDate(julianDay: first)))
        var mismatches = 0
        for julianDay in first...last {
            let date = CivilDate(julianDay: julianDay)
            guard let lunar = LunarCalendar.lunarDate(for: date) else { mismatches += 1; continue }
            if LunarCalendar.solarDate(for: lunar) != date { mismatches += 1 }
            if julianDay > first {
                let nextDayOfMonth = lunar.day == previous.day + 1 && lunar.month == previous.month
                    && lunar.year == previous.year && lunar.isLeap == previous.isLeap
                let newMonth = lunar.day == 1 && (29...30).contains(previous.day)
                if !(nextDayOfMonth || newMonth) { mismatches += 1 }
            }
            previous = lunar
        }
        #expect(mismatches == 0)
    }

    @Test("Can Chi", arguments: [
        (2026, "Bính Ngọ"), (2024, "Giáp Thìn"), (2030, "Canh Tuất"), (1985, "Ất Sửu"),
        (2000, "Canh Thìn"), (4, "Giáp Tý"), (2023, "Quý Mão"), (2025, "Ất Tỵ"), (2027, "Đinh Mùi"),
    ])
    func canChi(year: Int, expected: String) {
        #expect(LunarCalendar.canChi(ofLunarYear: year) == expected)
    }

    /// Swift's `==` ignores normalization, so compare scalars against precomposed (NFC) forms.
    @Test func canChiIsNFC() {
        let expected: [Int: String] = [
            2026: "B\u{ED}nh Ng\u{1ECD}", 2027: "\u{110}inh M\u{F9}i", 2025: "\u{1EA4}t T\u{1EF5}",
            2021: "T\u{E2}n S\u{1EED}u", 2023: "Qu\u{FD} M\u{E3}o", 2029: "K\u{1EF7} D\u{1EAD}u",
        ]
        for (year, nfc) in expected {
            #expect(Array(LunarCalendar.canChi(ofLunarYear: year).unicodeScalars) == Array(nfc.unicodeScalars))
        }
    }

    @Test func concurrentFirstUseIsSafe() async {
        let results = await withTaskGroup(of: CivilDate?.self) { group in
            for year in 2020...2035 { group.addTask { LunarCalendar.newYear(ofLunarYear: year) } }
            return await group.reduce(into: [CivilDate?]()) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 != nil })
    }

    @Test func lunarDateIsCodable() throws {
        let date = LunarDate(year: 2025, month: 6, day: 15, isLeap: true)
        let data = try JSONEncoder().encode(date)
        #expect(try JSONDecoder().decode(LunarDate.self, from: data) == date)
    }

    /// Prints how long building the whole month table takes (about 2,500 months).
    @Test func tableBuildTime() {
        let clock = ContinuousClock()
        var table: MonthTable?
        let elapsed = clock.measure { table = MonthTable() }
        print("MonthTable build: \(elapsed), \(table?.labels.count ?? 0) months")
        #expect(elapsed < .milliseconds(500))
    }
}
