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
    @Option(help: "Định dạng: table, csv, json.") var format: OutputFormat = .table
    @Option(help: "Chỉ một đơn vị (điểm tiếp nhận); \"\" là bộ phận trung tâm. Xem đơn vị khác cần quyền lãnh đạo.") var office: String?
    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu (mặc định: MOTCUA_DATA, rồi /var/lib/motcua).")
    var data: String?
    @Option(name: .customLong("as"), help: "Quản trị thao tác thay cho tài khoản LOGIN.") var actAs: String?

    func run() throws {
        var options = StoreOptions()
        options.data = data
        options.actAs = actAs
        let context = try StoreContext.open(options, history: .deferred)          // open dossiers are all it needs
        try context.store.require(context.actor, may: .viewReports)
        let store = context.store
        let clock = context.deadlineClock
        let scope = try store.reportScope(for: context.actor, office: office)
        let report = OverdueReport.make(summaries: scope.filter(store.runningDue(by: clock)), clock: clock,
                                        catalogue: store.catalogue, officialNames: store.officialNames)
        switch format {
        case .table: print(Output.scoped(report.text(groupedBy: by), scope), terminator: "")
        case .json: Console.json(Output.scoped(report.json(groupedBy: by ?? .department), scope))
        case .csv: Output.csv(report.csv(), note: report.personalDataNote)
        }
    }
}
