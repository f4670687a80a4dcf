import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Thống kê kết quả giải quyết hồ sơ trong một kỳ (tồn kỳ trước, tiếp nhận, trước hạn/đúng hạn/quá hạn, đang giải quyết…).",
        discussion: "Phân loại theo thời điểm và theo ngày (như báo cáo quốc gia); quy tắc in ở đầu kết quả. Tỉ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết.")

    @Option(help: "Ngày đầu kỳ, dd/MM/yyyy (cả d/M/yy: năm hai chữ số là 20yy) hoặc YYYY-MM-DD.") var from: String?
    @Option(help: "Ngày cuối kỳ, dd/MM/yyyy (cả d/M/yy: năm hai chữ số là 20yy) hoặc YYYY-MM-DD.") var to: String?
    @Flag(help: "Hàng đợi số của một ngày: phiếu, đã phục vụ, vắng mặt, thời gian chờ và phục vụ (trung bình, P90) theo quầy và cán bộ.")
    var queue = false
    @Option(help: "Với --queue: ngày (mặc định hôm nay).") var date: String?
    @Option(help: "Nhóm theo: field, department, procedure, official, channel.") var by: PeriodReport.Grouping = .none
    @OptionGroup var output: FormatOption
    @OptionGroup var office: OfficeOption
    @OptionGroup var store: StoreSelection

    func validate() throws {
        if queue {
            if from != nil || to != nil || by != .none { throw CLIError.badInput("--queue dùng --date, không dùng --from/--to/--by") }
            _ = try date.map { try Parse.date($0, option: "--date") }
        } else {
            if date != nil { throw CLIError.badInput("--date chỉ dùng với --queue (báo cáo kỳ: --from, --to)") }
            _ = try period()
        }
    }

    func run() throws {
        if queue { return try runQueue() }
        let (fromDate, toDate) = try period()
        let context = try StoreContext.open(store, history: .onDemand)     // the desk loads the years the period needs
        let input = try context.desk.periodReportInput(from: fromDate, to: toDate, office: office.office)
        let report: PeriodReport
        do { report = try input.make(by: by).report } catch { throw CLIError.badInput(error.description) }
        Output.report(output.format, scope: input.scope, text: report.text(), json: report.json(), csv: report.csv(),
                      note: report.personalDataNote)
    }

    /// `--from` and `--to` as dates, the first not after the second.
    private func period() throws -> (from: CivilDate, to: CivilDate) {
        guard let from else { throw CLIError.badInput("Thiếu --from (ngày đầu kỳ)") }
        guard let to else { throw CLIError.badInput("Thiếu --to (ngày cuối kỳ)") }
        let fromDate = try Parse.date(from, option: "--from")
        let toDate = try Parse.date(to, option: "--to")
        guard fromDate <= toDate else { throw CLIError.badInput("--from phải trước hoặc bằng --to") }
        return (fromDate, toDate)
    }

    /// `--queue`: one day's number queue, each ticket with the dossier received from it.
    private func runQueue() throws {
        let context = try StoreContext.open(store)
        let day = try date.map { try Parse.date($0, option: "--date") } ?? context.now.date
        let figures = try context.desk.queueFigures(day: day, now: context.now)
        let dossiers = context.desk.dossiersByTicket(day: day)
        Output.report(output.format, scope: .all, text: figures.text(names: context.desk.officials.names, dossiers: dossiers),
                      json: figures.json(dossiers: dossiers), csv: figures.csv(dossiers: dossiers), note: "")
    }
}
