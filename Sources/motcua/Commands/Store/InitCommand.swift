import ArgumentParser
import MotCuaCore
import MotCuaStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Tạo kho dữ liệu mới (danh mục mẫu, lịch nghỉ, người tạo là quản trị).")

    @OptionGroup var location: StoreLocation
    @Option(help: "Mã định danh cơ quan theo QCVN 102:2016, ví dụ 000.00.xx.H57.") var agency: String
    @Option(help: "Tên trung tâm/bộ phận một cửa.") var name: String
    @Flag(help: "Kho đào tạo: cho phép MOTCUA_NOW và MOTCUA_USER.") var training = false
    @Option(help: "Nhóm Unix sở hữu kho (các cán bộ cùng nhóm).") var group: String?
    @Option(help: "Họ tên của quản trị (người chạy lệnh).") var adminName: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard StoreConfig.isValidAgency(agency) else {
            throw CLIError.badInput("--agency: '\(agency)' không đúng dạng QCVN 102:2016 (ví dụ 000.00.xx.H57)")
        }
        guard !Validation.clean(name).isEmpty else { throw CLIError.badInput("--name không được để trống") }
    }

    func run() throws {
        let name = Validation.clean(self.name)
        guard let login = (training ? Environment.userOverride : nil) ?? ProcessIdentity.login else {
            throw CLIError.failure("Không xác định được tài khoản hệ điều hành")
        }
        var config = StoreConfig(agency: agency, name: name, training: training, createdAt: Clock.system.now)
        config.group = group
        let admin = User(login: login, name: adminName.map(Validation.clean) ?? login, role: .admin)
        let store = try Store.create(at: location.directory, config: config, admin: admin)
        if output.json {
            Console.json(.object([("data", .string(store.path)), ("agency", .string(agency)), ("training", .bool(training)),
                                  ("admin", .string(login))]))
        } else {
            print("Đã tạo kho \(store.path) cho \(name) (\(agency))\(training ? ", kho đào tạo" : ""); quản trị: \(login)")
        }
    }
}
