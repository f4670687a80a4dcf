import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Xem một hồ sơ: người nộp, thủ tục, giấy tờ, người giữ, hạn trả và diễn giải, lịch sử.")

    @Argument(help: "Mã hồ sơ.") var code: String
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try StoreContext.open(store, history: .byCode)      // its one row is read from its year's file
        let dossier = try context.desk.dossierInScope(code: code)
        let clock = context.deadlineClock
        let explanation = dossier.summary.appointmentExplanation(calendar: context.store.calendar)
        let secret = context.desk.lookupSecretIfShown(of: dossier.summary)     // clerks and officers only
        if output.json {
            Console.json(DossierJSON.detail(dossier, clock: clock, catalogue: context.store.catalogue, explanation: explanation,
                                            lookupSecret: secret))
        } else {
            print(DossierText.detail(dossier, clock: clock, catalogue: context.store.catalogue, explanation: explanation), terminator: "")
            if let secret { print("Mã tra cứu (in trên giấy tiếp nhận): \(secret)") }
        }
    }
}
