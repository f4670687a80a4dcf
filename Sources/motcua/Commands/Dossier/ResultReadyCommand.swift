import ArgumentParser
import MotCuaCore

struct ResultReadyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "result-ready", abstract: "Ghi nhận đã có kết quả, chờ trả.")
    @Option(help: "Ghi chú.") var note: String?
    @Option(help: "Tệp kết quả điện tử có giá trị pháp lý (trong thư mục bản quét): lưu đường dẫn và SHA-256.") var electronic: String?
    @Flag(help: "Cùng --electronic: kết quả có cả bản giấy.") var paper = false
    @Option(name: .customLong("result-code"), help: "Số, ký hiệu của giấy tờ kết quả.") var resultCode: String?
    @OptionGroup var action: ActionOptions

    func validate() throws {
        if paper && electronic == nil { throw CLIError.badInput("--paper chỉ dùng cùng --electronic TỆP") }
    }

    func run() throws {
        guard let electronic else {
            if let resultCode {
                return try action.perform(.resultReadyWith(note: note, result: ResultRecord(form: .paper, code: resultCode)))
            }
            return try action.perform(.resultReady(note: note))
        }
        try action.perform { context in
            let (file, sha) = try context.desk.scanReference(electronic)
            return .resultReadyWith(note: note, result: ResultRecord(form: paper ? .both : .electronic, code: resultCode, file: file, sha256: sha))
        }
    }
}
