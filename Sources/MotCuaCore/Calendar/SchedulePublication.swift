/// A stretch of days off as the government's notice writes it ("nghỉ từ 05/02 đến hết 10/02/2027").
public struct DaysOffSpan: Hashable, Sendable {
    public let start: CivilDate
    public let end: CivilDate
    public let name: String

    public init(start: CivilDate, end: CivilDate, name: String) {
        self.start = start
        self.end = end
        self.name = name
    }
}

/// A year's official schedule as an administrator publishes it (`motcua calendar schedule add`):
/// spans of days off and make-up Saturdays/Sundays under one legal basis, checked before it
/// replaces the Labour Code rule (or the shipped file) for that year.
public enum SchedulePublication {
    /// The year's days off (the weekdays of each span) and make-up days. Refused: a date outside
    /// the year, a span ending before it starts or holding no weekday, two spans sharing a day, a
    /// make-up day on a weekday or inside a span, a date given twice, an empty legal basis.
    public static func year(_ year: Int, daysOff spans: [DaysOffSpan], makeupWorkdays: [(date: CivilDate, name: String)],
                            legalBasis: String) throws(HolidayScheduleError) -> YearHolidays {
        let basis = Validation.clean(legalBasis)
        guard !basis.isEmpty else { throw .missingLegalBasis }
        let ordered = spans.sorted { $0.start < $1.start }
        var daysOff: [DayOff] = []
        for (index, span) in ordered.enumerated() {
            for date in [span.start, span.end] where date.year != year { throw .dateOutsideYear(date, year) }
            guard span.start <= span.end else { throw .spanReversed(span.start, span.end) }
            if index > 0, span.start <= ordered[index - 1].end { throw .overlappingSpans(ordered[index - 1].start, span.start) }
            var date = span.start
            var weekdays = 0
            while date <= span.end {
                if !date.isWeekend {
                    daysOff.append(DayOff(date: date, name: Validation.clean(span.name), kind: .official, legalBasis: basis))
                    weekdays += 1
                }
                date = date.adding(days: 1)
            }
            guard weekdays > 0 else { throw .spanOnlyWeekend(span.start, span.end) }
        }
        var seen = Set(daysOff.map(\.date))
        var makeup: [MakeupWorkday] = []
        for day in makeupWorkdays {
            guard day.date.year == year else { throw .dateOutsideYear(day.date, year) }
            guard day.date.isWeekend else { throw .makeupOnWeekday(day.date) }
            if let span = ordered.first(where: { $0.start <= day.date && day.date <= $0.end }) {
                throw .makeupInsideSpan(day.date, span.start, span.end)
            }
            guard seen.insert(day.date).inserted else { throw .duplicate(day.date) }
            makeup.append(MakeupWorkday(date: day.date, name: Validation.clean(day.name), legalBasis: basis))
        }
        return YearHolidays(year: year, source: .official, daysOff: daysOff, makeupWorkdays: makeup)
    }
}
