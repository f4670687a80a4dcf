import ArgumentParser
import MotCuaCore
import MotCuaStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Tạo kho dữ liệu mới (danh mục mẫu, lịch nghỉ, người tạo là quản trị).")

    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu (mặc định: MOTCUA_DATA, rồi /var/lib/motcua).")
    var data: String?
    @Option(help: "Mã định danh cơ quan theo QCVN 102:2016, ví dụ 000.00.xx.H57.") var agency: String
    @Option(help: "Tên trung tâm/bộ phận một cửa.") var name: String
    @Flag(help: "Kho đào tạo: cho phép MOTCUA_NOW và MOTCUA_USER.") var training = false
    @Option(help: "Nhóm Unix sở hữu kho (các cán bộ cùng nhóm).") var group: String?
    @Option(help: "Họ tên của quản trị (người chạy lệnh).") var adminName: String?
    @Flag(name: .long, help: "In một tài liệu JSON trên stdout.") var json = false

    func run() throws {
        guard StoreConfig.isValidAgency(agency) else {
            throw CLIError.badInput("--agency: '\(agency)' không đúng dạng QCVN 102:2016 (ví dụ 000.00.xx.H57)")
        }
        let name = Validation.clean(self.name)
        guard !name.isEmpty else { throw CLIError.badInput("--name không được để trống") }
        let directory = data ?? Environment.dataDirectory ?? Environment.defaultDataDirectory
        guard let login = (training ? Environment.userOverride : nil) ?? ProcessIdentity.login else {
            throw CLIError.failure("Không xác định được tài khoản hệ điều hành")
        }
        var config = StoreConfig(agency: agency, name: name, training: training, createdAt: Clock.system.now)
        config.group = group
        let admin = User(login: login, name: adminName.map(Validation.clean) ?? login, role: .admin)
        let store = try Store.create(at: directory, config: config, admin: admin)
        if json {
            Console.json(.object([("data", .string(store.path)), ("agency", .string(agency)), ("training", .bool(training)),
                                  ("admin", .string(login))]))
        } else {
            print("Đã tạo kho \(store.path) cho \(name) (\(agency))\(training ? ", kho đào tạo" : ""); quản trị: \(login)")
        }
    }
}
