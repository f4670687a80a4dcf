import ArgumentParser
import MotCuaCore

struct AcceptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Tiếp nhận hồ sơ nộp trực tuyến: kiểm tra giấy tờ, cấp giấy tiếp nhận, hẹn trả tính từ lúc tiếp nhận.",
        discussion: "MÃ là mã hồ sơ của kho hoặc mã hồ sơ trên Cổng. In giấy tiếp nhận: motcua print receipt MÃ. "
            + "--json trả cùng tài liệu như receive --json.")
    @Argument(help: "Mã hồ sơ (của kho hoặc của Cổng).") var code: String
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @OptionGroup var write: WriteOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let accepted = try context.desk.accept(code: code, expectedVersion: write.expectVersion, op: write.op, now: context.now)
        // Saved already: a key that cannot be made (full disk) leaves the receipt without a secret, not the command failed.
        let secret = try? context.desk.lookupSecret(of: accepted.dossier.summary)
        if output.json {
            Console.json(DossierJSON.receipt(accepted.commit, accepted.dossier.summary, lookupSecret: secret))
        } else {
            print(DossierText.receipt(accepted.commit, accepted.dossier.summary, lookupSecret: secret), terminator: "")
        }
    }
}
