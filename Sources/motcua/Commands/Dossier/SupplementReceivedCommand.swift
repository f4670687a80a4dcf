import ArgumentParser

struct SupplementReceivedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "supplement-received",
                                                    abstract: "Nhận đủ hồ sơ bổ sung: thời hạn tính lại từ đầu, hẹn mới.")
    @OptionGroup var action: ActionOptions
    func run() throws { try action.perform(.supplementReceived) }
}
