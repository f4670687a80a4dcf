import ArgumentParser
import MotCuaCore
import MotCuaDesk

struct FeesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fees", abstract: "Xem phí, lệ phí của hồ sơ: các khoản theo danh mục lúc tiếp nhận, số phải nộp, đã nộp, biên lai.")
    @Argument(help: "Mã hồ sơ.") var code: String
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let (dossier, account) = try context.desk.feeAccount(code: code)
        if output.json {
            Console.json(FeeJSON.account(code: dossier.code, account))
        } else {
            print(FeeText.account(code: dossier.code, account), terminator: "")
        }
    }
}

struct RefundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refund", abstract: "Hoàn lại phí, lệ phí đã thu (lãnh đạo), có lý do.")
    @Argument(help: "Mã hồ sơ.") var code: String
    @Option(help: "Số tiền hoàn (đồng), không quá số đã nộp.") var amount: Int
    @Option(help: "Lý do hoàn.") var reason: String
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        if amount <= 0 { throw CLIError.badInput("--amount \(amount): số tiền phải lớn hơn 0 đồng") }
    }

    func run() throws {
        let context = try StoreContext.open(store)
        let done = try context.desk.fee(.refund(amount: amount, reason: reason), on: code,
                                        expectedVersion: write.expectVersion, op: write.op, now: context.now)
        FeeOutput.show(done, json: output.json, what: "Đã hoàn")
    }
}

struct ExemptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exempt", abstract: "Miễn, giảm phí, lệ phí cho hồ sơ, có lý do (đối tượng được miễn, giảm).")
    @Argument(help: "Mã hồ sơ.") var code: String
    @Option(help: "Số tiền miễn, giảm (đồng); bỏ trống: miễn toàn bộ số còn phải nộp.") var amount: Int?
    @Option(help: "Lý do, căn cứ miễn, giảm.") var reason: String
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        if let amount, amount <= 0 { throw CLIError.badInput("--amount \(amount): số tiền phải lớn hơn 0 đồng") }
    }

    func run() throws {
        let context = try StoreContext.open(store)
        let done = try context.desk.fee(.exempt(amount: amount, reason: reason), on: code,
                                        expectedVersion: write.expectVersion, op: write.op, now: context.now)
        FeeOutput.show(done, json: output.json, what: "Đã miễn, giảm")
    }
}
