/// The public holidays of the Labour Code 2019 (art. 112) and its compensatory days
/// (art. 111(3)), used for any year the government has not yet published a schedule for.
public enum StatutoryHolidays {
    public static let legalBasis = "Bộ luật Lao động 2019, Điều 112"
    public static let compensatoryBasis = "Bộ luật Lao động 2019, Điều 111 khoản 3"

    /// The year's weekday days off, or nil when the lunar calendar does not cover the year.
    public static func holidays(in year: Int) -> YearHolidays? {
        guard let all = holidayDays(in: year) else { return nil }
        let holidayDates = Set(all.map(\.date))
        var compensatory: [DayOff] = []
        var taken = holidayDates
        for holiday in all where holiday.date.isWeekend {
            var candidate = holiday.date.adding(days: 1)
            while candidate.isWeekend || taken.contains(candidate) {
                candidate = candidate.adding(days: 1)
            }
            taken.insert(candidate)
            let weekday = holiday.date.isoWeekday == 6 ? "thứ Bảy" : "Chủ nhật"
            compensatory.append(DayOff(
                date: candidate,
                name: "Nghỉ bù \(holiday.name) (\(holiday.date.dayMonth) trùng \(weekday))",
                kind: .compensatory, legalBasis: compensatoryBasis))
        }
        let weekdays = all.filter { !$0.date.isWeekend }
        return YearHolidays(year: year, source: .statutory, daysOff: weekdays + compensatory, makeupWorkdays: [])
    }

    /// Every holiday of the year, weekends included, ascending.
    static func holidayDays(in year: Int) -> [DayOff]? {
        guard let tet = LunarCalendar.newYear(ofLunarYear: year),
              let hungKings = LunarCalendar.solarDate(for: LunarDate(year: year, month: 3, day: 10)) else { return nil }
        func day(_ date: CivilDate, _ name: String) -> DayOff {
            DayOff(date: date, name: name, kind: .statutory, legalBasis: legalBasis)
        }
        var days = [
            day(CivilDate(year, 1, 1), "Tết Dương lịch"),
            day(tet.adding(days: -1), "Tết Nguyên đán (ngày cuối năm Âm lịch)"),
            day(tet, "Tết Nguyên đán (mùng 1)"),
            day(tet.adding(days: 1), "Tết Nguyên đán (mùng 2)"),
            day(tet.adding(days: 2), "Tết Nguyên đán (mùng 3)"),
            day(tet.adding(days: 3), "Tết Nguyên đán (mùng 4)"),
            day(hungKings, "Giỗ Tổ Hùng Vương (10/3 Âm lịch)"),
            day(CivilDate(year, 4, 30), "Ngày Chiến thắng"),
            day(CivilDate(year, 5, 1), "Ngày Quốc tế lao động"),
        ]
        let nationalDay = CivilDate(year, 9, 2)
        days.append(day(nationalDay, "Quốc khánh"))
        days.append(day(nationalDayCompanion(of: nationalDay), "Quốc khánh (ngày liền kề)"))
        return days.sorted { $0.date < $1.date }
    }

    /// The adjacent day given with 2/9, chosen by its weekday so that the two days join a weekend when they can.
    static func nationalDayCompanion(of nationalDay: CivilDate) -> CivilDate {
        switch nationalDay.isoWeekday {
        case 1, 4, 7: return nationalDay.adding(days: 1)   // Mon→Tue 3/9, Thu→Fri 3/9, Sun→Mon 3/9
        default: return nationalDay.adding(days: -1)        // Tue→Mon, Wed→Tue, Fri→Thu, Sat→Fri 1/9
        }
    }
}

extension CivilDate {
    /// `26/04`.
    var dayMonth: String { "\(CivilDate.pad(day, 2))/\(CivilDate.pad(month, 2))" }
}
