// The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7 from the formulas in
// Jean Meeus, "Astronomical Algorithms" (2nd ed.): chapter 49 for new moons, chapter 25 for
// the Sun's apparent longitude. Foundation's `.chinese` calendar is not used because it is
// computed for UTC+8 and gives different dates in some years (e.g. Tết 1985).

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Foundation
#endif

/// A day of the Vietnamese lunar calendar.
public struct LunarDate: Hashable, Sendable, Codable {
    /// The lunar year, numbered as the solar year in which it mostly falls (2026 = Bính Ngọ).
    public let year: Int
    /// 1...12; a leap month repeats the number of the month before it.
    public let month: Int
    /// 1...30.
    public let day: Int
    public let isLeap: Bool

    public init(year: Int, month: Int, day: Int, isLeap: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeap = isLeap
    }
}

public enum LunarCalendar {
    public static let supportedSolarYears: ClosedRange<Int> = 1900...2100
    public static let supportedLunarYears: ClosedRange<Int> = 1899...2100

    /// Solar → lunar; nil outside `supportedSolarYears`.
    public static func lunarDate(for date: CivilDate) -> LunarDate? {
        guard supportedSolarYears.contains(date.year) else { return nil }
        let table = MonthTable.shared
        let day = date.julianDay
        guard let index = table.indexOfMonth(containing: day) else { return nil }
        let label = table.labels[index]
        return LunarDate(year: label.year, month: label.number,
                         day: day - table.starts[index] + 1, isLeap: label.isLeap)
    }

    /// Lunar → solar; nil when the lunar date does not exist or its year is unsupported.
    public static func solarDate(for lunar: LunarDate) -> CivilDate? {
        let table = MonthTable.shared
        guard let index = table.index(year: lunar.year, month: lunar.month, isLeap: lunar.isLeap),
              (1...table.length(ofMonth: index)).contains(lunar.day) else { return nil }
        return CivilDate(julianDay: table.starts[index] + lunar.day - 1)
    }

    /// The number of the month that is repeated as a leap month in this lunar year, if any.
    public static func leapMonth(ofLunarYear year: Int) -> Int? {
        guard supportedLunarYears.contains(year) else { return nil }
        return MonthTable.shared.years[year - supportedLunarYears.lowerBound].leapMonth
    }

    /// 29 or 30; nil when the month does not exist.
    public static func monthLength(year: Int, month: Int, isLeap: Bool) -> Int? {
        let table = MonthTable.shared
        return table.index(year: year, month: month, isLeap: isLeap).map(table.length(ofMonth:))
    }

    /// Tết: the solar date of lunar 1/1.
    public static func newYear(ofLunarYear year: Int) -> CivilDate? {
        solarDate(for: LunarDate(year: year, month: 1, day: 1))
    }

    /// The sexagenary (Can–Chi) name of a lunar year, e.g. 2026 → "Bính Ngọ".
    public static func canChi(ofLunarYear year: Int) -> String {
        let stems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
        let branches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]
        // 4 CE was Giáp Tý, the first year of the sixty-year cycle.
        let yearsSinceGiapTy = year - 4
        return stems[positiveModulo(yearsSinceGiapTy, 10)] + " " + branches[positiveModulo(yearsSinceGiapTy, 12)]
    }

    private static func positiveModulo(_ value: Int, _ divisor: Int) -> Int {
        ((value % divisor) + divisor) % divisor
    }
}

/// Every lunar month from month 11 of 1897 up to (not including) month 11 of 2101, as Julian
/// day numbers. About 2,500 months; built once, on first use (Swift runs a static initializer
/// exactly once, thread-safely), and immutable afterwards, so it is safe to share.
struct MonthTable: Sendable {
    struct Label: Sendable, Equatable {
        let year: Int
        let number: Int
        let isLeap: Bool
    }

    struct YearEntry: Sendable {
        let firstMonthIndex: Int
        let leapMonth: Int?
    }

    /// From the new moons written out in LunarMonths+Table.swift: computing them (`init()`) cost
    /// ~5 ms of every command that shows an appointment's working days.
    static let shared = MonthTable(LunarMonths.written)

    /// First day of each month, plus one extra entry: the day after the last month.
    let starts: [Int]
    let labels: [Label]
    /// One entry per year of `LunarCalendar.supportedLunarYears`.
    let years: [YearEntry]

    /// From the astronomy, as `LunarMonths.written` was made (the tests compare the two).
    init() { self.init(LunarMonths.computed()) }

    init(_ months: LunarMonths) {
        let newMoonDays = months.newMoonDays
        func monthContainsSolstice(_ month: Int) -> Bool { months.holdsSolstice[month] }
        func containsMajorTerm(_ month: Int) -> Bool { months.holdsMajorTerm[month] }

        // Month 11 is the month holding the winter solstice (270°).
        let monthElevens = (0..<newMoonDays.count - 1).filter(monthContainsSolstice)
        var starts: [Int] = []
        var labels: [Label] = []
        for (eleven, nextEleven) in zip(monthElevens, monthElevens.dropFirst()) {
            // 13 months between two month-11s: the first one without a major term is the leap month.
            let leapIndex = nextEleven - eleven == 13
                ? (eleven + 1..<nextEleven).first { !containsMajorTerm($0) } : nil
            precondition(nextEleven - eleven == 12 || leapIndex != nil, "no leap month found")
            // Month 11 always begins in the solar year of its solstice.
            var year = CivilDate(julianDay: newMoonDays[eleven]).year
            var number = 11
            for index in eleven..<nextEleven {
                let isLeap = index == leapIndex
                if index > eleven && !isLeap {
                    number = number % 12 + 1
                    if number == 1 { year += 1 }
                }
                starts.append(newMoonDays[index])
                labels.append(Label(year: year, number: number, isLeap: isLeap))
            }
        }
        starts.append(newMoonDays[monthElevens.last!])

        var firstMonthIndex: [Int: Int] = [:]
        var leapMonth: [Int: Int] = [:]
        for (index, label) in labels.enumerated() {
            if label.isLeap {
                leapMonth[label.year] = label.number
            } else if label.number == 1 {
                firstMonthIndex[label.year] = index
            }
        }
        self.starts = starts
        self.labels = labels
        self.years = LunarCalendar.supportedLunarYears.map {
            YearEntry(firstMonthIndex: firstMonthIndex[$0]!, leapMonth: leapMonth[$0])
        }
    }

    func length(ofMonth index: Int) -> Int { starts[index + 1] - starts[index] }

    /// Binary search for the month whose days include `day` (a Julian day number).
    func indexOfMonth(containing day: Int) -> Int? {
        guard day >= starts[0], day < starts[starts.count - 1] else { return nil }
        var low = 0, high = starts.count - 1  // starts[low] <= day < starts[high]
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= day { low = middle } else { high = middle }
        }
        return low
    }

    func index(year: Int, month: Int, isLeap: Bool) -> Int? {
        guard LunarCalendar.supportedLunarYears.contains(year), (1...12).contains(month) else { return nil }
        let entry = years[year - LunarCalendar.supportedLunarYears.lowerBound]
        if isLeap && entry.leapMonth != month { return nil }
        // The leap month and every month after it sit one slot further along.
        let shift = entry.leapMonth.map { month > $0 || (month == $0 && isLeap) ? 1 : 0 } ?? 0
        return entry.firstMonthIndex + month - 1 + shift
    }
}

/// Meeus' formulas. Times are Julian days: JDE in Terrestrial Time, JD in Universal Time.
enum Astronomy {
    static let vietnamOffsetDays = 7.0 / 24.0

    /// Meeus' series is good to a few seconds, so a new moon that close to local midnight can land
    /// on the wrong day. Checked against JPL's DE421 ephemeris for 1900–2053, only one does:
    /// k = -402 falls at 00:00:04 on 8 July 1967 (UTC+7), where the series gives 23:59:57 on the 7th.
    static let newMoonDayCorrections: [Int: Int] = [-402: CivilDate(1967, 7, 8).julianDay]

    /// Local (UTC+7) Julian day number of the civil day containing the instant `jde`.
    static func localDay(ofJDE jde: Double) -> Int {
        let universal = jde - deltaTDays(atJD: jde)
        return Int((universal + vietnamOffsetDays + 0.5).rounded(.down))
    }

    /// The instant (JDE) of local midnight at the start of the civil day `day`.
    static func jde(atStartOfLocalDay day: Int) -> Double {
        let universal = Double(day) - 0.5 - vietnamOffsetDays
        return universal + deltaTDays(atJD: universal)
    }

    /// Meeus 49.1 plus the periodic and planetary corrections for a new moon; k is an integer.
    static func newMoonJDE(k: Double) -> Double {
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        let mean = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
        let eccentricity = 1 - 0.002516 * t - 0.0000074 * t2
        let sunAnomaly = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3
        let moonAnomaly = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4
        let latitudeArgument = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4
        let ascendingNode = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3

        var correction = -0.00017 * sinDegrees(ascendingNode)
        for term in newMoonTerms {
            let angle = term.m * sunAnomaly + term.mPrime * moonAnomaly + term.f * latitudeArgument
            // Terms with the Sun's anomaly shrink with Earth's decreasing orbital eccentricity.
            correction += term.coefficient * pow(eccentricity, abs(term.m)) * sinDegrees(angle)
        }
        for (index, term) in planetaryTerms.enumerated() {
            let angle = term.base + term.rate * k - (index == 0 ? 0.009173 * t2 : 0)
            correction += term.coefficient * sinDegrees(angle)
        }
        return mean + correction
    }

    /// Meeus table 49.A, new moon column: coefficient (days) × sin(m·M + m′·M′ + f·F), × E^|m|.
    /// (Meeus leaves E off a few terms under 0.0001 d; including it changes them by < 0.1 s.)
    private static let newMoonTerms: [(coefficient: Double, m: Double, mPrime: Double, f: Double)] = [
        (-0.40720, 0, 1, 0), (0.17241, 1, 0, 0), (0.01608, 0, 2, 0), (0.01039, 0, 0, 2),
        (0.00739, -1, 1, 0), (-0.00514, 1, 1, 0), (0.00208, 2, 0, 0), (-0.00111, 0, 1, -2),
        (-0.00057, 0, 1, 2), (0.00056, 1, 2, 0), (-0.00042, 0, 3, 0), (0.00042, 1, 0, 2),
        (0.00038, 1, 0, -2), (-0.00024, -1, 2, 0), (-0.00007, 2, 1, 0), (0.00004, 0, 2, -2),
        (0.00004, 3, 0, 0), (0.00003, 1, 1, -2), (0.00003, 0, 2, 2), (-0.00003, 1, 1, 2),
        (0.00003, -1, 1, 2), (-0.00002, -1, 1, -2), (-0.00002, 1, 3, 0), (0.00002, 0, 4, 0),
    ]

    /// Meeus' additional corrections A1...A14 (planetary arguments), in days.
    private static let planetaryTerms: [(coefficient: Double, base: Double, rate: Double)] = [
        (0.000325, 299.77, 0.107408), (0.000165, 251.88, 0.016321), (0.000164, 251.83, 26.651886),
        (0.000126, 349.42, 36.412478), (0.000110, 84.66, 18.206239), (0.000062, 141.74, 53.303771),
        (0.000060, 207.14, 2.453732), (0.000056, 154.84, 7.306860), (0.000047, 34.52, 27.261239),
        (0.000042, 207.19, 0.121824), (0.000040, 291.34, 1.844379), (0.000037, 161.72, 24.198154),
        (0.000035, 239.56, 25.513099), (0.000023, 331.55, 3.592518),
    ]

    /// Meeus chapter 25 (low accuracy, about 0.01°): apparent longitude in degrees, 0..<360.
    static func apparentSolarLongitude(jde: Double) -> Double {
        let t = (jde - 2_451_545.0) / 36_525
        let meanLongitude = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t
        let meanAnomaly = 357.52911 + 35_999.05029 * t - 0.0001537 * t * t
        let center = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sinDegrees(meanAnomaly)
            + (0.019993 - 0.000101 * t) * sinDegrees(2 * meanAnomaly)
            + 0.000289 * sinDegrees(3 * meanAnomaly)
        let ascendingNode = 125.04 - 1934.136 * t
        // Aberration and nutation turn the true longitude into the apparent one.
        let apparent = meanLongitude + center - 0.00569 - 0.00478 * sinDegrees(ascendingNode)
        let reduced = apparent.truncatingRemainder(dividingBy: 360)
        return reduced < 0 ? reduced + 360 : reduced
    }

    /// ΔT = TT − UT in seconds every ten years from 1890: observed up to 2020, then the
    /// Espenak–Meeus (NASA) extrapolation. It only matters for new moons within minutes of midnight.
    private static let deltaTSeconds: [Double] = [
        -6.0, -2.7, 10.4, 21.2, 24.0, 24.3, 29.1, 33.2, 40.2, 50.5, 56.9, 63.8,
        66.1, 69.4, 77.6, 84.7, 93.0, 113.7, 135.0, 156.9, 179.5, 202.7, 226.6,
    ]

    static func deltaTDays(atJD jd: Double) -> Double {
        let decades = (2000 + (jd - 2_451_545.0) / 365.25 - 1890) / 10
        let lower = min(max(Int(decades.rounded(.down)), 0), deltaTSeconds.count - 2)
        let fraction = decades - Double(lower)
        let seconds = deltaTSeconds[lower] + (deltaTSeconds[lower + 1] - deltaTSeconds[lower]) * fraction
        return seconds / 86_400
    }

    private static func sinDegrees(_ degrees: Double) -> Double {
        sin(degrees.truncatingRemainder(dividingBy: 360) * .pi / 180)
    }
}
