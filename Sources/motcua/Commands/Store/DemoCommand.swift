import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Chạy thử motcua trên một kho đào tạo có sẵn dữ liệu mẫu (tạo nếu chưa có).",
        discussion: "Kho mặc định: ~/.local/share/motcua/demo. Dữ liệu trải đều các tháng gần đây, đủ mọi trạng thái, có hồ sơ quá hạn.")

    @Option(name: .customLong("data"), help: "Thư mục kho đào tạo.") var data: String?
    @Option(help: "Số hồ sơ mẫu khi tạo kho.") var dossiers = 400
    @Option(help: "Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu).") var seed: UInt64 = 2026
    @Option(help: "Số ngày lịch sử trước hôm nay.") var days = 120
    @Flag(help: "Chỉ tạo kho rồi in danh sách quá hạn, không mở giao diện.") var noTUI = false
    @Option(name: .customLong("as"), help: "Làm việc với tư cách cán bộ LOGIN của kho mẫu (mặc định: lan, cán bộ tiếp nhận Lê Thị Lan; hung: lãnh đạo; hoa: chuyên viên).")
    var actAs: String?

    /// The demo staff member the session opens as: `--as`, else the first demo clerk — unless
    /// MOTCUA_USER chose the account. The store's admin stays whoever created it.
    static let defaultClerk = DemoStaff.members.first { $0.role == .clerk }?.login ?? "lan"

    var directory: String {
        if let data { return data }
        let home = Environment.values["HOME"] ?? "/tmp"
        return "\(home)/.local/share/motcua/demo"
    }

    func validate() throws {
        guard dossiers >= 0, dossiers <= 1_000_000 else { throw CLIError.badInput("--dossiers phải từ 0 đến 1000000") }
        guard days >= 1, days <= 3660 else { throw CLIError.badInput("--days phải từ 1 đến 3660") }
    }

    func run() throws {
        let store = try DemoStore.openOrCreate(at: directory, dossiers: dossiers, seed: seed, days: days)
        let actAs = actAs ?? (Environment.userOverride == nil && store.users.user(Self.defaultClerk) != nil ? Self.defaultClerk : nil)
        let context = try StoreContext(store: store, actAs: actAs)
        let greeting = Self.greeting(context.actor)
        if !noTUI && isatty(0) == 1 && isatty(1) == 1 {
            try TerminalSession.run(context, greeting: greeting)
            return
        }
        print(greeting)
        let clock = context.deadlineClock
        var filter = DossierFilter()
        filter.overdueOnly = true
        let overdue = filter.apply(store.summaries, clock: clock)
        print("Kho đào tạo \(store.path): \(store.dossierCount) hồ sơ. Quá hạn: \(overdue.count)")
        print(DossierText.table(overdue, clock: clock), terminator: "")
    }

    /// Whose account the demo opened and how to open another.
    static func greeting(_ actor: Actor) -> String {
        let admin = actor.actingAdmin.map { "; quản trị kho: \($0)" } ?? ""
        return "Kho mẫu: làm việc với tư cách \(actor.name) (\(actor.login), \(actor.role.vietnamese))\(admin). "
            + "Đổi người: motcua demo --as hung (lãnh đạo), --as hoa (chuyên viên), hoặc MOTCUA_USER=LOGIN (chỉ kho đào tạo)."
    }
}
