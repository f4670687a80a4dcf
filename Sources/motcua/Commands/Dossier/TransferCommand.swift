import ArgumentParser

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: "Chuyển hồ sơ cho phòng ban xử lý.")
    @Option(help: "Mã phòng ban nhận (xem: motcua catalogue departments).") var to: String
    @Option(help: "Tài khoản cán bộ xử lý (nếu giao đích danh): phải có trong danh sách người dùng và thuộc phòng ban nhận (motcua users list).") var official: String?
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.transfer(department: to, official: official)) }
}
