import ArgumentParser
import MotCuaDesk
import MotCuaCore

extension PaymentMethod: ExpressibleByArgument {}

struct PayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay", abstract: "Thu phí, lệ phí của hồ sơ: ghi số tiền, hình thức và số biên lai (motcua cấp số nếu không ghi --receipt).")
    @Argument(help: "Mã hồ sơ.") var code: String
    @Option(help: "Số tiền (đồng), lớn hơn 0, không quá số còn phải nộp.") var amount: Int
    @Option(help: "Hình thức: cash (tiền mặt), transfer (chuyển khoản), online (trực tuyến), postal (bưu chính).") var method: PaymentMethod
    @Option(help: "Số biên lai đã lập (sổ biên lai giấy, mã giao dịch); bỏ trống để motcua cấp số tiếp theo.") var receipt: String?
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        if amount <= 0 { throw CLIError.badInput("--amount \(amount): số tiền phải lớn hơn 0 đồng") }
    }

    func run() throws {
        let context = try StoreContext.open(store)
        let done = try context.desk.fee(.pay(amount: amount, method: method, receipt: receipt), on: code,
                                        expectedVersion: write.expectVersion, op: write.op, now: context.now)
        FeeOutput.show(done, json: output.json, what: "Đã thu")
    }
}

/// What pay, refund and exempt print.
enum FeeOutput {
    static func show(_ done: FeeDone, json: Bool, what: String) {
        let account = done.account
        let entry = done.payment
        if json {
            Console.json(.object([
                ("code", .string(done.commit.code)), ("version", .int(Int64(done.commit.version))),
                ("replayed", .bool(done.commit.replayed)),
                ("amount", .int(Int64(entry?.amount ?? 0))), ("method", entry?.method.map { .string($0.rawValue) } ?? .null),
                ("receipt", entry?.receipt.map { .string($0) } ?? .null),
                ("by", entry.map { .string($0.by) } ?? .null), ("at", entry.map { .string($0.at.iso8601) } ?? .null),
                ("due", .int(Int64(account.due))), ("paid", .int(Int64(account.paid))), ("outstanding", .int(Int64(account.outstanding))),
            ]))
            return
        }
        let note = done.commit.replayed ? " (thao tác đã được ghi trước đó, không ghi thêm)" : ""
        var text = "\(what) hồ sơ \(done.commit.code)\(note): \(Money.text(entry?.amount ?? 0))"
        if let receipt = entry?.receipt { text += ", biên lai số \(DisplayText.sanitize(receipt))" }
        text += "\nPhải nộp \(Money.text(account.due)), đã nộp \(Money.text(account.paid)), còn thiếu \(Money.text(account.outstanding))\n"
        print(text, terminator: "")
    }
}
