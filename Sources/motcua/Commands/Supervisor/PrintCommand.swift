import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "In giấy tờ một cửa: receipt, supplement-request, refusal, apology, control-slip (theo hồ sơ); register (theo kỳ).",
        discussion: "Văn bản cho máy in 80 cột hoặc màn hình; HTML (khổ A4/A5, phông tiếng Việt) để in từ trình duyệt.")

    @Argument(help: "Mẫu: receipt, supplement-request, refusal, apology, control-slip, register, fee-receipt (biên lai thu phí).") var form: String
    @Argument(help: "Mã hồ sơ (không dùng với register).") var code: String?
    @Option(help: "register: ngày đầu kỳ dd/MM/yyyy (cả d/M/yy: năm hai chữ số là 20yy) hoặc YYYY-MM-DD.") var from: String?
    @Option(help: "register: ngày cuối kỳ dd/MM/yyyy (cả d/M/yy: năm hai chữ số là 20yy) hoặc YYYY-MM-DD.") var to: String?
    @Option(help: "register: lĩnh vực (mặc định: tất cả).") var field: String?
    @OptionGroup var office: OfficeOption
    @Option(help: "Định dạng: text hoặc html.") var format: FormRenderer.Format = .text
    @Option(help: "Ghi vào tệp thay vì in ra màn hình (bằng quyền của chính bạn, quyền 600; không ghi qua symlink).") var output: String?
    @OptionGroup var store: StoreSelection

    func validate() throws {
        _ = try formID()
        if form == "register" { _ = try period() } else { _ = try dossierCode() }
    }

    func run() throws {
        let context = try StoreContext.open(store)
        let text: String
        do {
            if form == "register" {
                let (from, to) = try period()
                let register = try context.desk.renderRegister(from: from, to: to, field: field, office: office.office,
                                                               printedOn: context.now.date, as: format).report
                text = context.desk.stampingChainHead(register, format: format, at: context.now)
            } else {
                text = try context.desk.renderForm(try formID(), code: try dossierCode(), as: format, at: context.now)
            }
        } catch let error as FormError {
            throw CLIError.badInput(error.description)
        }
        if let output {
            try UserFile.write(Array(text.utf8), to: output)
            Console.error("Đã ghi \(output)")
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }

    private func formID() throws -> FormID {
        do { return try FormID.named(form) } catch { throw CLIError.badInput(error.description) }
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
