import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

/// `motcua ratings --from --to [--by official|department|procedure] [--format table|csv|json|dongbodanhgia]`.
struct RatingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratings", abstract: "Thống kê đánh giá mức độ hài lòng của người dân trong một kỳ, theo cán bộ hoặc phòng ban.",
        discussion: "--format dongbodanhgia: bản tổng hợp tháng gửi Cổng Dịch vụ công quốc gia (DongBoDanhGia), --from và --to trong cùng một tháng.")

    @Option(help: "Ngày đầu kỳ, dd/MM/yyyy hoặc YYYY-MM-DD.") var from: String
    @Option(help: "Ngày cuối kỳ, dd/MM/yyyy hoặc YYYY-MM-DD.") var to: String
    @Option(help: "Nhóm theo: official, department, procedure (mặc định: chỉ tổng).") var by: String?
    @Option(help: "Định dạng: table, csv, json, dongbodanhgia.") var format = "table"
    @OptionGroup var office: OfficeOption
    @OptionGroup var store: StoreSelection

    func validate() throws {
        let (fromDate, toDate) = try period()
        _ = try grouping()
        guard ["table", "csv", "json", "dongbodanhgia"].contains(format) else {
            throw CLIError.badInput("Định dạng \"\(format)\" không có; chọn table, csv, json hoặc dongbodanhgia")
        }
        if format == "dongbodanhgia" && (fromDate.year != toDate.year || fromDate.month != toDate.month) {
            throw CLIError.badInput("DongBoDanhGia tổng hợp theo tháng: --from và --to phải cùng một tháng")
        }
    }

    func run() throws {
        let (fromDate, toDate) = try period()
        let context = try StoreContext.open(store)
        if format == "dongbodanhgia" {
            Console.json(try context.desk.dongBoDanhGia(year: fromDate.year, month: fromDate.month))
            return
        }
        let (report, scope) = try context.desk.ratingReport(from: fromDate, to: toDate, by: try grouping(), office: office.office)
        Output.report(OutputFormat(rawValue: format) ?? .table, scope: scope, text: report.text(), json: report.json(), csv: report.csv(),
                      note: "Bảng đánh giá không chứa dữ liệu cá nhân của người dân.")
    }

    private func grouping() throws -> RatingReport.Grouping {
        guard let by else { return .none }
        guard let g = RatingReport.Grouping(rawValue: by), g != .none else {
            throw CLIError.badInput("--by \"\(by)\" không có; chọn official, department hoặc procedure")
        }
        return g
    }

    private func period() throws -> (from: CivilDate, to: CivilDate) {
        let fromDate = try Parse.date(from, option: "--from")
        let toDate = try Parse.date(to, option: "--to")
        guard fromDate <= toDate else { throw CLIError.badInput("--from phải trước hoặc bằng --to") }
        return (fromDate, toDate)
    }
}
