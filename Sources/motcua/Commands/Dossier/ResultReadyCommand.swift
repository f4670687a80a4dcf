import ArgumentParser

struct ResultReadyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "result-ready", abstract: "Ghi nhận đã có kết quả, chờ trả.")
    @Option(help: "Ghi chú.") var note: String?
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.resultReady(note: note)) }
}
