import ArgumentParser
import MotCuaCore

struct ReturnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "return", abstract: "Trả kết quả cho người nộp, người được ủy quyền hoặc qua bưu chính.")
    @Option(name: .customLong("to-proxy"), help: "Họ tên người được ủy quyền nhận.") var toProxy: String?
    @Option(help: "Số vận đơn bưu chính.") var post: String?
    @OptionGroup var action: ActionOptions

    func validate() throws {
        if toProxy != nil && post != nil { throw CLIError.badInput("chọn một trong --to-proxy, --post") }
    }

    func run() throws {
        let method: ReturnMethod = toProxy.map { .proxy(name: $0) } ?? post.map { .post(waybill: $0) } ?? .applicant
        try action.perform(.returnResult(method))
    }
}
