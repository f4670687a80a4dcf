import ArgumentParser

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Rút hồ sơ / dừng xử lý theo đề nghị của người nộp.")
    @Option(help: "Lý do.") var reason: String?
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.withdraw(reason: reason)) }
}
