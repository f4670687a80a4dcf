import ArgumentParser

struct RefuseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refuse", abstract: "Từ chối giải quyết hồ sơ (nêu lý do).",
        discussion: "Hồ sơ trực tuyến chờ tiếp nhận: không tiếp nhận (một lần), nêu lý do và hướng dẫn người nộp "
            + "(NĐ 61/2018 Điều 17 khoản 2); không ghi --guidance thì dùng hướng dẫn mặc định.")
    @Option(help: "Lý do.") var reason: String
    @Option(help: "Hướng dẫn người nộp hoàn thiện hồ sơ.") var guidance: String?
    @OptionGroup var action: ActionOptions
    func run() throws {
        try action.perform(guidance.map { .refuseWithGuidance(reason: reason, guidance: $0) } ?? .refuse(reason: reason))
    }
}
