import ArgumentParser

extension UsersCommand {
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Xóa người dùng (quản trị).")
        @Argument(help: "Tên đăng nhập.") var login: String
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            try context.store.removeUser(login: login, actor: context.actor, now: context.now)
            print("Đã xóa người dùng \(login)")
        }
    }
}
