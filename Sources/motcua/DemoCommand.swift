import ArgumentParser
import MotCuaCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Chạy thử motcua trên dữ liệu mẫu.")

    func run() throws {
        let today = Clock.system.now.date
        let calendar = WorkCalendar()
        print(CalendarText.month(year: today.year, month: today.month, calendar: calendar, today: today), terminator: "")
    }
}
