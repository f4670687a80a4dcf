import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "In giấy tờ một cửa: receipt, supplement-request, refusal, apology, control-slip (theo hồ sơ); register (theo kỳ).",
        discussion: "Văn bản cho máy in 80 cột hoặc màn hình; HTML (khổ A4/A5, phông tiếng Việt) để in từ trình duyệt.")

    @Argument(help: "Mẫu: receipt, supplement-request, refusal, apology, control-slip, register.") var form: String
    @Argument(help: "Mã hồ sơ (không dùng với register).") var code: String?
    @Option(help: "register: ngày đầu kỳ YYYY-MM-DD.") var from: String?
    @Option(help: "register: ngày cuối kỳ YYYY-MM-DD.") var to: String?
    @Option(help: "register: lĩnh vực (mặc định: tất cả).") var field: String?
    @OptionGroup var office: OfficeOption
    @Option(help: "Định dạng: text hoặc html.") var format: FormRenderer.Format = .text
    @Option(help: "Ghi vào tệp thay vì in ra màn hình.") var output: String?
    @OptionGroup var store: StoreSelection

    func validate() throws {
        _ = try template()
        if form == "register" { _ = try period() } else { _ = try dossierCode() }
    }

    func run() throws {
        let context = try StoreContext.open(store)
        let text: String
        do {
            let formContext = try form == "register" ? registerContext(context) : dossierContext(context)
            text = try FormRenderer.render(try template(), formContext, as: format)
        } catch let error as FormError {
            throw CLIError.badInput(error.description)
        }
        if let output {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch {
                throw CLIError.failure("Không ghi được \(output): \(error.localizedDescription)")
            }
            Console.error("Đã ghi \(output)")
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }

    /// The register of the dossiers received in the period, in the official's offices.
    private func registerContext(_ context: StoreContext) throws -> FormContext {
        let store = context.store
        let scope = try office.scope(in: context)
        let (fromDate, toDate) = try period()
        return try FormContext.register(
            summaries: scope.filter(store.summaries(overlapping: fromDate, toDate)).map { $0.visible(to: context.actor.role) }, from: fromDate, to: toDate,
            field: field, catalogue: store.catalogue, agency: store.formAgency, printedOn: context.now.date)
    }

    /// One dossier's form, with what the official may see of it.
    private func dossierContext(_ context: StoreContext) throws -> FormContext {
        let store = context.store
        let dossier = try store.dossier(code: try dossierCode()).visible(to: context.actor.role)
        return try FormContext.forDossier(form, dossier: dossier, catalogue: store.catalogue,
                                          agency: store.formAgency, officialNames: store.officialNames,
                                          calendar: store.calendar)
    }

    private func template() throws -> FormTemplate {
        do { return try FormCatalog.shipped.form(id: form) } catch { throw CLIError.badInput(error.description) }
    }

    /// register: `--from` and `--to`, both needed.
    private func period() throws -> (from: CivilDate, to: CivilDate) {
        guard let from, let to else { throw CLIError.badInput("register cần --from và --to") }
        return (try Parse.date(from, option: "--from"), try Parse.date(to, option: "--to"))
    }

    private func dossierCode() throws -> String {
        guard let code else { throw CLIError.badInput("cần mã hồ sơ: motcua print \(form) MÃ") }
        return code
    }
}
