import ArgumentParser

struct SuspendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Tạm dừng xử lý (dừng tính thời gian).")
    @Option(help: "Lý do.") var reason: String
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.suspend(reason: reason)) }
}
