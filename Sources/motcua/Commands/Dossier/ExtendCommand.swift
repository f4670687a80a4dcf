import ArgumentParser
import MotCuaCore

struct ExtendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extend",
                                                    abstract: "Gia hạn kèm văn bản xin lỗi (Mẫu 04): hẹn lại một lần duy nhất.")
    @Option(help: "Hẹn trả mới: dd/MM/yyyy HH:mm hoặc ISO 8601.") var until: String
    @Option(help: "Lý do chậm.") var reason: String
    @Option(help: "Phòng ban chịu trách nhiệm (mặc định: phòng đang giữ).") var department: String?
    @OptionGroup var action: ActionOptions

    func validate() throws { _ = try newDue() }

    func run() throws {
        try action.perform(.extend(until: try newDue(), reason: reason, department: department))
    }

    private func newDue() throws -> Instant { try Parse.instant(until, option: "--until") }
}
