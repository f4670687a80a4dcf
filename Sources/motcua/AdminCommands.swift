import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue", abstract: "Danh mục thủ tục hành chính của kho.",
        subcommands: [CatalogueList.self, CatalogueShow.self, CatalogueDepartments.self, CatalogueInstall.self])
}

struct CatalogueList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê thủ tục (lọc không dấu với --search).")
    @Option(help: "Tìm theo mã, tên, lĩnh vực (không phân biệt dấu).") var search: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let catalogue = context.store.catalogue
        let procedures = catalogue.search(search ?? "")
        if store.json {
            Console.json(.object([
                ("version", .int(Int64(catalogue.version))), ("effective", .string(catalogue.effective.iso)),
                ("procedures", .array(procedures.map { p in
                    .object([("code", .string(p.code)), ("name", .string(p.name)), ("shortName", .string(p.shortName)),
                             ("field", .string(p.field)), ("processing", .string(p.processing.vietnamese))])
                })),
            ]))
        } else {
            print("Danh mục phiên bản \(catalogue.version), hiệu lực \(catalogue.effective.vietnamese)")
            for p in procedures {
                print("\(p.code.padding(toWidth: 10)) \(p.name.truncated(to: 44).padding(toWidth: 45)) \(p.processing.vietnamese)")
            }
        }
    }
}

struct CatalogueShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Chi tiết một thủ tục.")
    @Argument(help: "Mã thủ tục.") var code: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let catalogue = context.store.catalogue
        guard let p = catalogue.procedure(code) else { throw CLIError.badInput("Không có thủ tục mã \(code)") }
        if store.json {
            let data = try JSONEncoder().encode(p)
            Console.json(.raw(String(decoding: data, as: UTF8.self)))
            return
        }
        print("\(p.code) \(p.name)")
        print("Lĩnh vực: \(p.field) — \(p.level)")
        print("Thời hạn: \(p.processing.vietnamese)")
        if let basis = p.legalBasis { print("Căn cứ: \(basis)") }
        print("Thành phần hồ sơ:")
        for d in p.documents {
            print("  - \(d.name) (bản chính \(d.originals), bản sao \(d.copies))\(d.required ? "" : " [không bắt buộc]")")
        }
        print("Phí, lệ phí:")
        for f in p.fees { print("  - \(f.name): \(f.amount) đồng\(f.note.map { " (\($0))" } ?? "")") }
        print("Quy trình:")
        for step in p.route {
            print("  - \(catalogue.department(step.department)?.name ?? step.department): \(step.budget.vietnamese)")
        }
    }
}

struct CatalogueDepartments: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "departments", abstract: "Các phòng ban và mã của chúng.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let departments = context.store.catalogue.departments
        if store.json {
            Console.json(.array(departments.map { .object([("code", .string($0.code)), ("name", .string($0.name))]) }))
        } else {
            for d in departments { print("\(d.code.padding(toWidth: 6)) \(d.name)") }
        }
    }
}

struct CatalogueInstall: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "install",
                                                    abstract: "Cài phiên bản danh mục mới từ tệp JSON (quản trị).")
    @Argument(help: "Tệp danh mục JSON.") var file: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try StoreContext.open(store)
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.badInput("Không đọc được tệp \(file)") }
        let catalogue: Catalogue
        do { catalogue = try Catalogue(json: data) } catch { throw CLIError.badInput("Tệp danh mục không hợp lệ: \(error)") }
        try context.store.installCatalogue(catalogue, actor: context.actor, now: context.now)
        print("Đã cài danh mục phiên bản \(catalogue.version) (\(catalogue.procedures.count) thủ tục)")
    }
}

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Người dùng của kho (thêm, xóa: quản trị).",
        subcommands: [UsersList.self, UsersAdd.self, UsersRemove.self])
}

struct UsersList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê người dùng.")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let users = context.store.users.users
        if store.json {
            Console.json(.array(users.map {
                .object([("login", .string($0.login)), ("name", .string($0.name)), ("role", .string($0.role.rawValue)),
                         ("office", .optional($0.office)), ("department", .optional($0.department))])
            }))
        } else {
            for u in users {
                print("\(u.login.padding(toWidth: 14)) \(DisplayText.sanitize(u.name).padding(toWidth: 28)) \(u.role.vietnamese)\(u.department.map { " — \($0)" } ?? "")")
            }
        }
    }
}

struct UsersAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Thêm hoặc sửa người dùng (quản trị).")
    @Argument(help: "Tên đăng nhập hệ điều hành.") var login: String
    @Option(help: "Họ tên.") var name: String
    @Option(help: "Vai trò: clerk, officer, supervisor, admin.") var role: String
    @Option(help: "Đơn vị (điểm tiếp nhận) của người dùng.") var office: String?
    @Option(help: "Mã phòng ban (với cán bộ chuyên môn).") var department: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        guard let role = Role(rawValue: role) else { throw CLIError.badInput("--role: '\(role)' không hợp lệ (clerk, officer, supervisor, admin)") }
        let context = try StoreContext.open(store)
        if let department, context.store.catalogue.department(department) == nil {
            throw CLIError.badInput("--department: không có phòng ban mã \(department)")
        }
        try context.store.addUser(User(login: login, name: name, role: role, office: office, department: department),
                                  actor: context.actor, now: context.now)
        print("Đã lưu người dùng \(login) (\(role.vietnamese))")
    }
}

struct UsersRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Xóa người dùng (quản trị).")
    @Argument(help: "Tên đăng nhập.") var login: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let context = try StoreContext.open(store)
        try context.store.removeUser(login: login, actor: context.actor, now: context.now)
        print("Đã xóa người dùng \(login)")
    }
}
