import ArgumentParser

struct RequestSupplementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "request-supplement",
                                                    abstract: "Yêu cầu bổ sung, hoàn thiện hồ sơ (dừng tính thời gian).")
    @Option(help: "Lý do.") var reason: String
    @Option(parsing: .singleValue, help: "Giấy tờ cần bổ sung (lặp lại được).") var documents: [String] = []
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.requestSupplement(reason: reason, documents: documents)) }
}
