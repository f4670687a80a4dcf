import ArgumentParser

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Lịch âm, ngày nghỉ lễ và tính hạn trả kết quả theo ngày làm việc.",
        subcommands: [Lunar.self, ToSolar.self, Holidays.self, Due.self, Month.self, Confirm.self, Schedule.self]
    )
}
