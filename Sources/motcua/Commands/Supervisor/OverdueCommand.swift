import ArgumentParser
import MotCuaCore
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
        let context = try StoreContext.open(store, history: .deferred)          // open dossiers are all it needs
        try context.store.require(context.actor, may: .viewReports)
        let store = context.store
        let clock = context.deadlineClock
        let scope = try office.scope(in: context)
        let report = OverdueReport.make(summaries: scope.filter(store.runningDue(by: clock)), clock: clock,
                                        catalogue: store.catalogue, officialNames: store.officialNames)
        Output.report(output.format, scope: scope, text: report.text(groupedBy: by), json: report.json(groupedBy: by ?? .department),
                      csv: report.csv(), note: report.personalDataNote)
    }
}
