import ArgumentParser

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Mở giao diện bộ phận một cửa (mặc định khi gọi motcua không kèm lệnh).")

    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func run() throws {
        try TerminalSession.run(try StoreContext.open(store, history: .deferred))
    }
}
