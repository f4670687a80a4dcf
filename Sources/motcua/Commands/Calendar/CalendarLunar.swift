import ArgumentParser
import MotCuaCore

extension CalendarCommand {
    struct Lunar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lunar", abstract: "Đổi ngày dương lịch sang âm lịch Việt Nam (UTC+7).")

        @Argument(help: "Ngày dương lịch, dạng dd/MM/yyyy (cả d/M/yy: năm hai chữ số là 20yy) hoặc YYYY-MM-DD.")
        var date: String
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try conversion() }

        func run() throws {
            let (solar, lunar) = try conversion()
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

        private func conversion() throws -> (solar: CivilDate, lunar: LunarDate) {
            let solar = try Parse.date(date, option: "ngày")
            guard let lunar = LunarCalendar.lunarDate(for: solar) else {
                throw CLIError.badInput("ngày \(solar.vietnamese) nằm ngoài khoảng lịch âm được hỗ trợ")
            }
            return (solar, lunar)
        }
    }
}
