import ArgumentParser

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Người dùng của kho (thêm, xóa: quản trị).",
        subcommands: [List.self, Add.self, Remove.self])
}
