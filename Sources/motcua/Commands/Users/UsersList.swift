import ArgumentParser
import MotCuaCore

extension UsersCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liệt kê người dùng.")
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            let users = context.store.users.users
            if output.json {
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
}
