import ArgumentParser

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Tiếp tục xử lý với thời gian còn lại.")
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.resume) }
}
