import ArgumentParser
import MotCuaCore
import MotCuaStore

extension UsersCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Thêm hoặc sửa người dùng (quản trị).")
        @Argument(help: "Tên đăng nhập hệ điều hành.") var login: String
        @Option(help: "Họ tên.") var name: String
        @Option(help: "Vai trò: clerk, officer, supervisor, admin.") var role: String
        @Option(help: "Đơn vị (điểm tiếp nhận) của người dùng.") var office: String?
        @Option(help: "Mã phòng ban (với cán bộ chuyên môn).") var department: String?
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func validate() throws { _ = try chosenRole() }

        func run() throws {
            let role = try chosenRole()
            let context = try StoreContext.open(store)
            if let department, context.store.catalogue.department(department) == nil {
                throw CLIError.badInput("--department: không có phòng ban mã \(department)")
            }
            try context.store.addUser(User(login: login, name: name, role: role, office: office, department: department),
                                      actor: context.actor, now: context.now)
            print("Đã lưu người dùng \(login) (\(role.vietnamese))")
        }

        private func chosenRole() throws -> Role {
            guard let role = Role(rawValue: role) else { throw CLIError.badInput("--role: '\(role)' không hợp lệ (clerk, officer, supervisor, admin)") }
            return role
        }
    }
}
