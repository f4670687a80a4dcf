import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

/// `motcua rate CODE --level …`: the citizen's rating of a returned dossier, once.
/// `motcua rate --counter N`: the rating device of counter N (a full-screen app for the citizen).
struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate", abstract: "Ghi nhận đánh giá mức độ hài lòng của người dân (mỗi hồ sơ một lần), hoặc mở thiết bị đánh giá của quầy.",
        discussion: "Chỉ số theo Thông tư 01/2018/TT-VPCP (tiêu chí 1, 2, 3, 4, 7), mỗi chỉ số 2, 1 hoặc 0: --indices 2,1,2,2,1.")

    @Argument(help: "Mã hồ sơ đã trả kết quả.") var code: String?
    @Option(help: "Mức: very-satisfied (rất hài lòng), satisfied (hài lòng), unsatisfied (không hài lòng).") var level: String?
    @Option(help: "Năm chỉ số 2/1/0 của tiêu chí 1, 2, 3, 4, 7, cách nhau bằng dấu phẩy.") var indices: String?
    @Option(help: "Kênh: desk (hỏi tại quầy), desk-device, paper, online.") var channel = "paper"
    @Option(help: "Mở màn hình đánh giá cho người dân ở quầy N (thiết bị thứ hai).") var counter: Int?
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func validate() throws {
        if let counter {
            guard (1...999).contains(counter) else { throw CLIError.badInput("Số quầy \(counter) không hợp lệ (1–999)") }
            guard code == nil, level == nil, indices == nil else {
                throw CLIError.badInput("--counter mở màn hình đánh giá; không kèm mã hồ sơ, --level hay --indices")
            }
            return
        }
        guard code != nil else { throw CLIError.badInput("Thiếu mã hồ sơ (hoặc --counter N để mở thiết bị đánh giá)") }
        guard let level else { throw CLIError.badInput("Thiếu --level: very-satisfied, satisfied hoặc unsatisfied") }
        _ = try RatingInput.level(level)
        _ = try RatingInput.indices(indices)
        _ = try RatingInput.channel(channel)
    }

    func run() throws {
        if let counter {
            try RatingTerminalSession.run(try StoreContext.open(store), counter: counter)
            return
        }
        let rating = Rating(level: try RatingInput.level(level ?? ""), indices: try RatingInput.indices(indices),
                            channel: try RatingInput.channel(channel))
        let context = try StoreContext.open(store)
        let done = try context.desk.rate(code: code ?? "", rating: rating, op: write.op, now: context.now)
        if output.json {
            Console.json(DossierJSON.action(done.commit, done.summary, catalogue: context.store.catalogue))
        } else {
            print(DossierText.action(.rate, done.commit, done.summary), terminator: "")
        }
    }
}
