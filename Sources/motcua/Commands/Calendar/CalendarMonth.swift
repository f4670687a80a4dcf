import ArgumentParser

extension CalendarCommand {
    struct Month: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "month", abstract: "Lịch một tháng với ngày âm lịch, ngày nghỉ và ngày làm bù.")

        @Argument(help: "Tháng, dạng YYYY-MM (mặc định: tháng hiện tại).") var month: String?
        @OptionGroup var source: CalendarSource

        func validate() throws { _ = try chosenMonth() }

        func run() throws {
            let today = Clock.system.now.date
            let (year, monthNumber) = try chosenMonth() ?? (today.year, today.month)
            print(CalendarText.month(year: year, month: monthNumber, calendar: try source.calendar(), today: today), terminator: "")
        }

        /// `YYYY-MM` as numbers; nil for the current month.
        private func chosenMonth() throws -> (year: Int, month: Int)? {
            guard let month else { return nil }
            let parts = month.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), parts[0].count == 4 else {
                throw CLIError.badInput("tháng: '\(month)' không hợp lệ (dạng YYYY-MM)")
            }
            try Parse.year(y, option: "tháng")
            return (y, m)
        }
    }
}
