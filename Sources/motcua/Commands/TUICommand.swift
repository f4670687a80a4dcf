import ArgumentParser

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Mở giao diện bộ phận một cửa (mặc định khi gọi motcua không kèm lệnh).")

    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @Option(help: "Số quầy của cán bộ: khi trả kết quả có thể mời người dân đánh giá trên thiết bị của quầy (motcua rate --counter N).")
    var counter: Int?

    func validate() throws {
        if let counter, !(1...999).contains(counter) { throw CLIError.badInput("Số quầy \(counter) không hợp lệ (1–999)") }
    }

    func run() throws {
        try TerminalSession.run(try StoreContext.open(store, history: .mapped), counter: counter)
    }
}
