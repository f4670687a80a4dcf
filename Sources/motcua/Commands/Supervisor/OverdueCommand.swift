import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "Hồ sơ quá hạn: trễ bao nhiêu ngày làm việc, ai đang giữ, bước nào trễ; kèm hồ sơ đến hạn hôm nay và ngày mai.",
        discussion: "Đủ nhanh để chạy bằng cron vài phút một lần. CSV có BOM (Excel hiển thị đúng tiếng Việt).")

    @Option(help: "Nhóm theo: department (phòng ban), official (cán bộ), field (lĩnh vực).")
    var by: OverdueReport.Grouping?
    @OptionGroup var output: FormatOption
    @OptionGroup var office: OfficeOption
    @OptionGroup var store: StoreSelection

    func run() throws {
        let context = try StoreContext.open(store, history: .onDemand)          // open dossiers are all it needs
        let overdue = try context.desk.overdue(at: context.now, office: office.office)
        let report = overdue.report
        Output.report(output.format, scope: overdue.scope, text: report.text(groupedBy: by), json: report.json(groupedBy: by ?? .department),
                      csv: report.csv(), note: report.personalDataNote)
    }
}
