import ArgumentParser

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Thêm ghi chú vào hồ sơ.")
    @OptionGroup var action: ActionOptions
    @Argument(help: "Nội dung ghi chú.") var text: String
    func run() throws { try action.perform(.note(text)) }
}
