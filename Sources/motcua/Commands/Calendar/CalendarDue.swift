import ArgumentParser
import MotCuaCore

extension CalendarCommand {
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due", abstract: "Tính hạn trả kết quả từ thời điểm tiếp nhận.",
            discussion: "Thời điểm không ghi múi giờ được hiểu là giờ Việt Nam. Chọn đúng một trong --days, --hours, --same-day.")

        @Option(help: "Thời điểm tiếp nhận, dd/MM/yyyy HH:mm hoặc ISO 8601 (ví dụ 27/11/2026 09:15 hoặc 2026-11-27T09:15).") var from: String
        @Option(help: "Số ngày làm việc.") var days: Double?
        @Option(help: "Số giờ làm việc.") var hours: Double?
        @Flag(help: "Trả trong ngày, với giờ chốt --cutoff.") var sameDay = false
        @Option(help: "Giờ chốt nhận hồ sơ trả trong ngày, HH:MM (mặc định 15:00).") var cutoff: String?
        @Option(help: "Cách tính: hours (theo giờ làm việc) hoặc day-end (cuối ngày làm việc thứ N); mặc định theo kho, không có kho thì hours.")
        var model: String?
        @Option(parsing: .singleValue, help: "Khoảng tạm dừng BẮT_ĐẦU/KẾT_THÚC (dd/MM/yyyy HH:mm hoặc ISO 8601); lặp lại được.")
        var pause: [String] = []
        @Flag(help: "Giải thích từng ngày được tính và bỏ qua.") var explain = false
        @OptionGroup var source: CalendarSource
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try request() }

        func run() throws {
            let request = try request()
            var calendar = try source.calendar()
            if let model = request.model { calendar = calendar.with(model: model) }
            let result = calendar.due(from: request.received, processing: request.processing, pauses: request.pauses)
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

        /// What the options ask for, each part checked.
        private func request() throws -> (received: Instant, model: DeadlineModel?, processing: ProcessingTime, pauses: [InstantRange]) {
            let received = try Parse.instant(from, option: "--from")
            let chosenModel = try model.map { model in
                guard let chosen = DeadlineModel(rawValue: model) else {
                    throw CLIError.badInput("--model: '\(model)' không hợp lệ (hours hoặc day-end)")
                }
                return chosen
            }
            let processing = try processingTime()
            return (received, chosenModel, processing, try pause.map { try Parse.interval($0, option: "--pause") })
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
}
