import ArgumentParser

extension CalendarCommand {
    struct Month: ParsableCommand {
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
}
