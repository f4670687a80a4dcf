import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Lịch âm, ngày nghỉ lễ và tính hạn trả kết quả theo ngày làm việc.",
        subcommands: [LunarCommand.self, ToSolarCommand.self, HolidaysCommand.self, DueCommand.self, MonthCommand.self]
    )
}

struct JSONFlag: ParsableArguments {
    @Flag(name: .long, help: "In một tài liệu JSON trên stdout.")
    var json = false
}

/// Which holiday schedule the calendar commands count with: a store's own `calendar/holidays.json`
/// (and its sessions and deadline model) when there is a store, the shipped schedule otherwise.
struct CalendarSource: ParsableArguments {
    @Option(name: .customLong("data"), help: "Kho có lịch nghỉ riêng (mặc định: biến MOTCUA_DATA, rồi /var/lib/motcua nếu có kho; không có kho thì dùng lịch đóng gói).")
    var data: String?

    func calendar() throws -> WorkCalendar {
        if let directory = data ?? Environment.dataDirectory { return try Store.workCalendar(at: directory) }
        let fallback = Environment.defaultDataDirectory
        guard FileManager.default.fileExists(atPath: "\(fallback)/FORMAT") else { return WorkCalendar() }
        return try Store.workCalendar(at: fallback)
    }
}

struct LunarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lunar", abstract: "Đổi ngày dương lịch sang âm lịch Việt Nam (UTC+7).")

    @Argument(help: "Ngày dương lịch, dạng YYYY-MM-DD.")
    var date: String
    @OptionGroup var output: JSONFlag

    func run() throws {
        let solar = try Parse.date(date, option: "ngày")
        guard let lunar = LunarCalendar.lunarDate(for: solar) else {
            throw CLIError.badInput("ngày \(solar.vietnamese) nằm ngoài khoảng lịch âm được hỗ trợ")
        }
        let canChi = LunarCalendar.canChi(ofLunarYear: lunar.year)
        if output.json {
            Console.json(.object([
                ("solar", .string(solar.iso)),
                ("lunar", .object([("year", .int(Int64(lunar.year))), ("month", .int(Int64(lunar.month))),
                                   ("day", .int(Int64(lunar.day))), ("leap", .bool(lunar.isLeap))])),
                ("canChi", .string(canChi)),
            ]))
        } else {
            print("\(solar.vietnameseWithWeekday): \(lunar.vietnamese), năm \(canChi)")
        }
    }
}

struct ToSolarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "to-solar", abstract: "Đổi ngày âm lịch Việt Nam sang dương lịch.")

    @Option(help: "Năm âm lịch.") var year: Int
    @Option(help: "Tháng âm lịch (1–12).") var month: Int
    @Option(help: "Ngày âm lịch (1–30).") var day: Int
    @Flag(help: "Tháng nhuận.") var leap = false
    @OptionGroup var output: JSONFlag

    func run() throws {
        try Parse.year(year, option: "--year")
        let lunar = LunarDate(year: year, month: month, day: day, isLeap: leap)
        guard (1...12).contains(month), (1...30).contains(day), let solar = LunarCalendar.solarDate(for: lunar),
              Parse.supportedYears.contains(solar.year) else {
            throw CLIError.badInput("không có ngày \(lunar.vietnamese) năm \(year)")
        }
        if output.json {
            Console.json(.object([("solar", .string(solar.iso))]))
        } else {
            print("\(lunar.vietnamese) năm \(LunarCalendar.canChi(ofLunarYear: year)) (\(year)): \(solar.vietnameseWithWeekday)")
        }
    }
}

struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays", abstract: "Các ngày nghỉ lễ, nghỉ bù và ngày làm bù của một năm.")

    @Argument(help: "Năm dương lịch.") var year: Int
    @OptionGroup var source: CalendarSource
    @OptionGroup var output: JSONFlag

    func run() throws {
        try Parse.year(year, option: "năm")
        let calendar = try source.calendar()
        guard let holidays = calendar.holidays(in: year) else {
            throw CLIError.badInput("không tính được ngày nghỉ năm \(year)")
        }
        if output.json {
            Console.json(CalendarJSON.holidays(holidays))
        } else {
            print(CalendarText.holidays(holidays), terminator: "")
        }
    }
}

struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due", abstract: "Tính hạn trả kết quả từ thời điểm tiếp nhận.",
        discussion: "Thời điểm không ghi múi giờ được hiểu là giờ Việt Nam. Chọn đúng một trong --days, --hours, --same-day.")

    @Option(help: "Thời điểm tiếp nhận, ISO 8601 (ví dụ 2026-11-27T09:15).") var from: String
    @Option(help: "Số ngày làm việc.") var days: Double?
    @Option(help: "Số giờ làm việc.") var hours: Double?
    @Flag(help: "Trả trong ngày, với giờ chốt --cutoff.") var sameDay = false
    @Option(help: "Giờ chốt nhận hồ sơ trả trong ngày, HH:MM (mặc định 15:00).") var cutoff: String?
    @Option(help: "Cách tính: hours (theo giờ làm việc) hoặc day-end (cuối ngày làm việc thứ N); mặc định theo kho, không có kho thì hours.")
    var model: String?
    @Option(parsing: .singleValue, help: "Khoảng tạm dừng BẮT_ĐẦU/KẾT_THÚC (ISO 8601); lặp lại được.")
    var pause: [String] = []
    @Flag(help: "Giải thích từng ngày được tính và bỏ qua.") var explain = false
    @OptionGroup var source: CalendarSource
    @OptionGroup var output: JSONFlag

    func run() throws {
        let received = try Parse.instant(from, option: "--from")
        var calendar = try source.calendar()
        if let model {
            guard let chosen = DeadlineModel(rawValue: model) else {
                throw CLIError.badInput("--model: '\(model)' không hợp lệ (hours hoặc day-end)")
            }
            calendar = calendar.with(model: chosen)
        }
        let processing = try processingTime()
        let pauses = try pause.map { try Parse.interval($0, option: "--pause") }
        let result = calendar.due(from: received, processing: processing, pauses: pauses)
        guard Parse.supportedYears.contains(result.due.date.year) else {
            throw CLIError.badInput("hạn trả rơi ra ngoài khoảng năm được hỗ trợ")
        }
        if output.json {
            var pairs: [(String, JSONText)] = [
                ("effectiveStart", .string(result.effectiveStart.iso8601)),
                ("due", .string(result.due.iso8601)),
            ]
            if explain { pairs.append(("explain", CalendarJSON.explanation(result.explanation))) }
            Console.json(.object(pairs))
        } else {
            print(CalendarText.due(result, explain: explain), terminator: "")
        }
    }

    private func processingTime() throws -> ProcessingTime {
        let chosen = [days != nil, hours != nil, sameDay].filter { $0 }.count
        guard chosen == 1 else {
            throw CLIError.badInput("chọn đúng một trong --days, --hours, --same-day")
        }
        if cutoff != nil && !sameDay { throw CLIError.badInput("--cutoff chỉ dùng với --same-day") }
        if let days { return .workingDays(try Parse.positive(days, option: "--days")) }
        if let hours { return .workingHours(try Parse.positive(hours, option: "--hours")) }
        return .sameDay(cutoff: try Parse.timeOfDay(cutoff ?? "15:00", option: "--cutoff"))
    }
}

struct MonthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "month", abstract: "Lịch một tháng với ngày âm lịch, ngày nghỉ và ngày làm bù.")

    @Argument(help: "Tháng, dạng YYYY-MM (mặc định: tháng hiện tại).") var month: String?
    @OptionGroup var source: CalendarSource

    func run() throws {
        let today = Clock.system.now.date
        var year = today.year, monthNumber = today.month
        if let month {
            let parts = month.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), parts[0].count == 4 else {
                throw CLIError.badInput("tháng: '\(month)' không hợp lệ (dạng YYYY-MM)")
            }
            try Parse.year(y, option: "tháng")
            year = y
            monthNumber = m
        }
        print(CalendarText.month(year: year, month: monthNumber, calendar: try source.calendar(), today: today), terminator: "")
    }
}
