import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Danh sách hồ sơ, sắp theo hạn trả.",
        discussion: "Chỉ hồ sơ trong phạm vi đơn vị của người dùng (như overdue). Với vai trò chỉ thấy số định danh, điện thoại đã che, --search chỉ khớp phần số được hiện.")

    @Option(help: ArgumentHelp("Trạng thái: \(DossierState.allCases.map(\.rawValue).joined(separator: ", "))."))
    var state: String?
    @Flag(help: "Chỉ hồ sơ đang xử lý đã quá hạn.") var overdue = false
    @Option(name: .customLong("due-within"), parsing: .unconditional, help: "Hồ sơ đang xử lý đến hạn trong N ngày làm việc (kể cả hôm nay).")
    var dueWithin: Int?
    @Option(help: "Tìm theo tên, mã, số định danh, điện thoại (không phân biệt dấu).") var search: String?
    @Option(help: "Mã phòng ban đang giữ hồ sơ.") var holder: String?
    @Option(parsing: .unconditional, help: "Số dòng tối đa (0–\(Self.maxLimit)).") var limit: Int?
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    static let maxLimit = 1_000_000
    static let maxDueWithin = 260

    func validate() throws {
        _ = try filter()
        if let limit, !(0...Self.maxLimit).contains(limit) { throw CLIError.badInput("--limit \(limit): phải từ 0 đến \(Self.maxLimit)") }
    }

    func run() throws {
        let context = try StoreContext.open(store, history: .onDemand)     // the desk loads older years when the filter needs them
        let clock = context.deadlineClock
        let listing = try context.desk.listing(try filter(), limit: limit, at: context.now)
        // Written a dossier at a time: a full export never holds every value or one document.
        if output.json {
            let catalogue = context.store.catalogue
            try Console.json(DossierJSON.listHead(count: listing.count, now: context.now), endingWithArray: "dossiers") { item in
                try listing.forEach { item(DossierJSON.summary($0, clock: clock, catalogue: catalogue)) }
            }
        } else {
            try listing.forEach { print(DossierText.tableLine($0, clock: clock), terminator: "") }
            print(DossierText.tableFooter(count: listing.count), terminator: "")
        }
    }

    /// The filter the options describe (the state and the day count checked).
    private func filter() throws -> DossierFilter {
        var filter = DossierFilter()
        if let state {
            guard let s = DossierState(rawValue: state) else {
                throw CLIError.badInput("--state: '\(state)' không hợp lệ; chọn một trong: \(DossierState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.states = [s]
        }
        filter.overdueOnly = overdue
        if let dueWithin {
            guard (0...Self.maxDueWithin).contains(dueWithin) else {
                throw CLIError.badInput("--due-within \(dueWithin): phải từ 0 đến \(Self.maxDueWithin) ngày làm việc (khoảng một năm)")
            }
            filter.dueWithinWorkingDays = dueWithin
        }
        filter.search = search
        filter.holder = holder
        return filter
    }
}
