import ArgumentParser

extension CalendarCommand {
    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays", abstract: "Các ngày nghỉ lễ, nghỉ bù và ngày làm bù của một năm.")

        @Argument(help: "Năm dương lịch.") var year: Int
        @OptionGroup var source: CalendarSource
        @OptionGroup var output: OutputOptions

        func validate() throws { try Parse.year(year, option: "năm") }

        func run() throws {
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
}
