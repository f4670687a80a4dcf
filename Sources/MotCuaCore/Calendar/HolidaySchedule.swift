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

    public var description: String {
        switch self {
        case .unsupportedSchema(let v): return "phiên bản lịch nghỉ \(v) không được hỗ trợ"
        case .dateOutsideYear(let d, let y): return "ngày \(d.vietnamese) không thuộc năm \(y)"
        case .dayOffOnWeekend(let d): return "ngày nghỉ \(d.vietnamese) rơi vào cuối tuần (chỉ ghi ngày thường)"
        case .makeupOnWeekday(let d): return "ngày làm bù \(d.vietnamese) không phải thứ Bảy/Chủ nhật"
        case .duplicate(let d): return "ngày \(d.vietnamese) được ghi hai lần"
        }
    }
}
