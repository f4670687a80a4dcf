import ArgumentParser
import MotCuaCore
import MotCuaStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Xem một hồ sơ: người nộp, thủ tục, giấy tờ, người giữ, hạn trả và diễn giải, lịch sử.")

    @Argument(help: "Mã hồ sơ.") var code: String
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let dossier = try context.store.dossier(code: code).visible(to: context.actor.role)
        let clock = context.deadlineClock
        let explanation = dossier.summary.appointmentExplanation(calendar: context.store.calendar)
        if output.json {
            guard case .object(var pairs) = DossierJSON.summary(dossier.summary, clock: clock, catalogue: context.store.catalogue) else { return }
            let r = dossier.reception
            pairs.append(("address", .optional(r.applicant.address)))
            pairs.append(("proxy", r.proxy.map { .object([("name", .string($0.name)), ("idNumber", .optional($0.idNumber))]) } ?? .null))
            pairs.append(("documents", .array(r.documents.map {
                .object([("name", .string($0.name)), ("originals", .int(Int64($0.originals))), ("copies", .int(Int64($0.copies)))])
            })))
            pairs.append(("explain", CalendarJSON.explanation(explanation)))
            pairs.append(("events", .array(dossier.history.map(DossierJSON.event))))
            Console.json(.object(pairs))
        } else {
            print(DossierText.detail(dossier, clock: clock, catalogue: context.store.catalogue, explanation: explanation), terminator: "")
        }
    }
}
