import ArgumentParser
import MotCuaCore
import MotCuaStore

extension CalendarCommand {
    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm", abstract: "Xác nhận một ngày nghỉ hoặc làm bù chưa xác nhận căn cứ pháp lý (quản trị).",
            discussion: "Ngày chưa xác nhận được liệt kê nhưng chưa áp dụng vào hạn trả; sau khi xác nhận, hạn trả tính theo ngày đó. Việc xác nhận được ghi vào nhật ký.")

        @Argument(help: "Ngày, dd/MM/yyyy hoặc YYYY-MM-DD.") var date: String
        @Option(name: .customLong("legal-basis"), help: "Văn bản làm căn cứ (số, ngày, cơ quan ban hành); mặc định giữ căn cứ đang ghi.")
        var legalBasis: String?
        @OptionGroup var store: StoreSelection

        func validate() throws { _ = try Parse.date(date, option: "ngày") }

        func run() throws {
            let day = try Parse.date(date, option: "ngày")
            let context = try StoreContext.open(store, history: .deferred)
            try context.store.confirmHoliday(day, legalBasis: legalBasis, actor: context.actor, now: context.now)
            print("Đã xác nhận ngày \(day.vietnamese): từ nay hạn trả tính theo ngày này.")
        }
    }
}
