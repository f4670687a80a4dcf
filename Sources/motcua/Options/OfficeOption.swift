import ArgumentParser
import MotCuaDesk
import MotCuaStore

/// `--office`: which office's dossiers a report, an overdue list or a register covers.
struct OfficeOption: ParsableArguments {
    @Option(help: "Chỉ một đơn vị (điểm tiếp nhận); \"\" là bộ phận trung tâm. Xem đơn vị khác cần quyền lãnh đạo.")
    var office: String?

    /// The dossiers the acting official may see in a report: their own office's unless allowed more.
    func scope(in context: StoreContext) throws -> ReportScope {
        try context.desk.reportScope(office: office)
    }
}
