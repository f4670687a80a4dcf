import ArgumentParser

struct RefuseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refuse", abstract: "Từ chối giải quyết hồ sơ (nêu lý do).")
    @Option(help: "Lý do.") var reason: String
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.refuse(reason: reason)) }
}
