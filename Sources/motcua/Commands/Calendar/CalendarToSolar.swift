import ArgumentParser
import MotCuaCore

extension CalendarCommand {
    struct ToSolar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "to-solar", abstract: "Đổi ngày âm lịch Việt Nam sang dương lịch.")

        @Option(help: "Năm âm lịch.") var year: Int
        @Option(help: "Tháng âm lịch (1–12).") var month: Int
        @Option(help: "Ngày âm lịch (1–30).") var day: Int
        @Flag(help: "Tháng nhuận.") var leap = false
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try conversion() }

        func run() throws {
            let (lunar, solar) = try conversion()
            if output.json {
                Console.json(.object([("solar", .string(solar.iso))]))
            } else {
                print("\(lunar.vietnamese) năm \(LunarCalendar.canChi(ofLunarYear: year)) (\(year)): \(solar.vietnameseWithWeekday)")
            }
        }

        private func conversion() throws -> (lunar: LunarDate, solar: CivilDate) {
            try Parse.year(year, option: "--year")
            let lunar = LunarDate(year: year, month: month, day: day, isLeap: leap)
            guard (1...12).contains(month), (1...30).contains(day), let solar = LunarCalendar.solarDate(for: lunar),
                  Parse.supportedYears.contains(solar.year) else {
                throw CLIError.badInput("không có ngày \(lunar.vietnamese) năm \(year)")
            }
            return (lunar, solar)
        }
    }
}
