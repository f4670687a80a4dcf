import Foundation

/// The government's yearly schedules of days off and make-up working days, as data.
///
/// One ships inside motcua (`Resources/official-holidays.json`); a store may hold its own
/// file whose years replace the shipped ones, so a new year's notice needs no new build.
public struct HolidaySchedule: Sendable, Equatable {
    public private(set) var years: [Int: YearHolidays]

    public init(years: [YearHolidays] = []) {
        self.years = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The schedule compiled into the program.
    public static let shipped: HolidaySchedule = {
        do {
            return try HolidaySchedule(json: Data(PackageResources.official_holidays_json))
        } catch {
            preconditionFailure("the shipped official-holidays.json is invalid: \(error)")
        }
    }()

    /// Decodes and checks a schedule file: every date inside its year, days off on weekdays,
    /// make-up days on weekends, no date listed twice.
    public init(json: Data) throws {
        let file = try JSONDecoder().decode(File.self, from: json)
        guard file.schema == 1 else { throw HolidayScheduleError.unsupportedSchema(file.schema) }
        var result: [YearHolidays] = []
        for year in file.years {
            var seen = Set<CivilDate>()
            for day in year.daysOff {
                guard day.date.year == year.year else { throw HolidayScheduleError.dateOutsideYear(day.date, year.year) }
                guard !day.date.isWeekend else { throw HolidayScheduleError.dayOffOnWeekend(day.date) }
                guard seen.insert(day.date).inserted else { throw HolidayScheduleError.duplicate(day.date) }
            }
            for day in year.makeupWorkdays {
                guard day.date.year == year.year else { throw HolidayScheduleError.dateOutsideYear(day.date, year.year) }
                guard day.date.isWeekend else { throw HolidayScheduleError.makeupOnWeekday(day.date) }
                guard seen.insert(day.date).inserted else { throw HolidayScheduleError.duplicate(day.date) }
            }
            result.append(YearHolidays(year: year.year, source: .official, daysOff: year.daysOff,
                                       makeupWorkdays: year.makeupWorkdays))
        }
        self.init(years: result)
    }

    /// This schedule with `other`'s years replacing ours.
    public func overridden(by other: HolidaySchedule) -> HolidaySchedule {
        var copy = self
        copy.years.merge(other.years) { _, theirs in theirs }
        return copy
    }

    /// This schedule with the unconfirmed day off or make-up day `date` confirmed (its legal basis
    /// replaced when one is given); nil when the schedule has no unconfirmed day on `date`.
    public func confirming(_ date: CivilDate, legalBasis: String?) -> HolidaySchedule? {
        guard let year = years[date.year] else { return nil }
        var found = false
        let daysOff = year.daysOff.map { day -> DayOff in
            guard day.date == date, day.unconfirmed else { return day }
            found = true
            return DayOff(date: day.date, name: day.name, kind: day.kind, legalBasis: legalBasis ?? day.legalBasis)
        }
        let makeup = year.makeupWorkdays.map { day -> MakeupWorkday in
            guard day.date == date, day.unconfirmed else { return day }
            found = true
            return MakeupWorkday(date: day.date, name: day.name, legalBasis: legalBasis ?? day.legalBasis)
        }
        guard found else { return nil }
        var copy = self
        copy.years[date.year] = YearHolidays(year: year.year, source: year.source, daysOff: daysOff, makeupWorkdays: makeup)
        return copy
    }

    /// The schedule file (`schema` 1) for these years, as `init(json:)` reads it.
    public func json(years chosen: [Int]) throws -> Data {
        let list = chosen.sorted().compactMap { years[$0] }.map { Year(year: $0.year, daysOff: $0.daysOff, makeupWorkdays: $0.makeupWorkdays) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(File(schema: 1, description: "Lịch nghỉ riêng của kho (năm ở đây thay lịch đóng gói)", years: list))
    }

    struct File: Codable {
        let schema: Int
        let description: String?
        let years: [Year]
    }

    struct Year: Codable {
        let year: Int
        let daysOff: [DayOff]
        let makeupWorkdays: [MakeupWorkday]
    }
}

public enum HolidayScheduleError: Error, Equatable, CustomStringConvertible {
    case unsupportedSchema(Int)
    case dateOutsideYear(CivilDate, Int)
    case dayOffOnWeekend(CivilDate)
    case makeupOnWeekday(CivilDate)
    case duplicate(CivilDate)
    case missingLegalBasis
    case spanReversed(CivilDate, CivilDate)
    case overlappingSpans(CivilDate, CivilDate)
    case spanOnlyWeekend(CivilDate, CivilDate)
    case makeupInsideSpan(CivilDate, CivilDate, CivilDate)

    public var description: String {
        switch self {
        case .unsupportedSchema(let v): return "phiên bản lịch nghỉ \(v) không được hỗ trợ"
        case .dateOutsideYear(let d, let y): return "ngày \(d.vietnamese) không thuộc năm \(y)"
        case .dayOffOnWeekend(let d): return "ngày nghỉ \(d.vietnamese) rơi vào cuối tuần (chỉ ghi ngày thường)"
        case .makeupOnWeekday(let d): return "ngày làm bù \(d.vietnamese) không phải thứ Bảy/Chủ nhật"
        case .duplicate(let d): return "ngày \(d.vietnamese) được ghi hai lần"
        case .missingLegalBasis: return "cần ghi căn cứ pháp lý (số, ngày văn bản) của lịch nghỉ"
        case .spanReversed(let a, let b): return "đợt nghỉ \(a.vietnamese)–\(b.vietnamese) kết thúc trước khi bắt đầu"
        case .overlappingSpans(let a, let b): return "đợt nghỉ bắt đầu \(b.vietnamese) trùng với đợt nghỉ bắt đầu \(a.vietnamese)"
        case .spanOnlyWeekend(let a, let b): return "đợt nghỉ \(a.vietnamese)–\(b.vietnamese) chỉ gồm thứ Bảy, Chủ nhật"
        case .makeupInsideSpan(let d, let a, let b): return "ngày làm bù \(d.vietnamese) nằm trong đợt nghỉ \(a.vietnamese)–\(b.vietnamese)"
        }
    }
}
