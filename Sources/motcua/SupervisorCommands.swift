import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore

/// `--format table|csv|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension Store {
    var officialNames: [String: String] { Dictionary(users.users.map { ($0.login, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    var formAgency: FormAgency {
        FormAgency(name: config.name, code: config.agency, governingBody: config.governingBody, place: config.place, phone: config.phone)
    }
}

enum Output {
    /// CSV documents start with a BOM and use CRLF: written as bytes, never re-encoded.
    static func csv(_ document: CSVDocument, note: String) {
        FileHandle.standardOutput.write(Data(document.bytes))
        Console.error(note)
    }
}

struct OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "Hồ sơ quá hạn: trễ bao nhiêu ngày làm việc, ai đang giữ, bước nào trễ; kèm hồ sơ đến hạn hôm nay và ngày mai.",
        discussion: "Đủ nhanh để chạy bằng cron vài phút một lần. CSV có BOM (Excel hiển thị đúng tiếng Việt).")

    @Option(help: "Nhóm theo: department (phòng ban), official (cán bộ), field (lĩnh vực).")
    var by: OverdueReport.Grouping?
    @Option(help: "Định dạng: table, csv, json.") var format: OutputFormat = .table
    @Option(help: "Chỉ một đơn vị (điểm tiếp nhận); \"\" là bộ phận trung tâm. Xem đơn vị khác cần quyền lãnh đạo.") var office: String?
    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu (mặc định: MOTCUA_DATA, rồi /var/lib/motcua).")
    var data: String?
    @Option(name: .customLong("as"), help: "Quản trị thao tác thay cho tài khoản LOGIN.") var actAs: String?

    func run() throws {
        var options = StoreOptions()
        options.data = data
        options.actAs = actAs
        let context = try StoreContext.open(options, history: .deferred)          // open dossiers are all it needs
        try context.store.require(context.actor, may: .viewReports)
        let store = context.store
        let clock = context.deadlineClock
        let scope = try store.reportScope(for: context.actor, office: office)
        let report = OverdueReport.make(summaries: scope.filter(store.runningDue(by: clock)), clock: clock,
                                        catalogue: store.catalogue, officialNames: store.officialNames)
        switch format {
        case .table: print(Output.scoped(report.text(groupedBy: by), scope), terminator: "")
        case .json: Console.json(Output.scoped(report.json(groupedBy: by ?? .department), scope))
        case .csv: Output.csv(report.csv(), note: report.personalDataNote)
        }
    }
}

extension OverdueReport.Grouping: ExpressibleByArgument {}
extension PeriodReport.Grouping: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Thống kê kết quả giải quyết hồ sơ trong một kỳ (tồn kỳ trước, tiếp nhận, trước hạn/đúng hạn/quá hạn, đang giải quyết…).",
        discussion: "Phân loại theo thời điểm và theo ngày (như báo cáo quốc gia); quy tắc in ở đầu kết quả. Tỉ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết.")

    @Option(help: "Ngày đầu kỳ, YYYY-MM-DD.") var from: String
    @Option(help: "Ngày cuối kỳ, YYYY-MM-DD.") var to: String
    @Option(help: "Nhóm theo: field, department, procedure, official, channel.") var by: PeriodReport.Grouping = .none
    @Option(help: "Định dạng: table, csv, json.") var format: OutputFormat = .table
    @Option(help: "Chỉ một đơn vị (điểm tiếp nhận); \"\" là bộ phận trung tâm. Xem đơn vị khác cần quyền lãnh đạo.") var office: String?
    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu.") var data: String?
    @Option(name: .customLong("as"), help: "Quản trị thao tác thay cho tài khoản LOGIN.") var actAs: String?

    func run() throws {
        let fromDate = try Parse.date(from, option: "--from")
        let toDate = try Parse.date(to, option: "--to")
        guard fromDate <= toDate else { throw CLIError.badInput("--from phải trước hoặc bằng --to") }
        var options = StoreOptions()
        options.data = data
        options.actAs = actAs
        let context = try StoreContext.open(options)
        try context.store.require(context.actor, may: .viewReports)
        let store = context.store
        let scope = try store.reportScope(for: context.actor, office: office)
        let report: PeriodReport
        do {
            report = try PeriodReport.make(summaries: scope.filter(store.summaries(overlapping: fromDate, toDate)), from: fromDate, to: toDate, by: by,
                                           calendar: store.calendar, catalogue: store.catalogue, officialNames: store.officialNames)
        } catch { throw CLIError.badInput(error.description) }
        switch format {
        case .table: print(Output.scoped(report.text(), scope), terminator: "")
        case .json: Console.json(Output.scoped(report.json(), scope))
        case .csv: Output.csv(report.csv(), note: report.personalDataNote)
        }
    }
}

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
    @Option(help: "Chỉ một đơn vị (điểm tiếp nhận); \"\" là bộ phận trung tâm. Xem đơn vị khác cần quyền lãnh đạo.") var office: String?
    @Option(help: "Định dạng: text hoặc html.") var format: FormRenderer.Format = .text
    @Option(help: "Ghi vào tệp thay vì in ra màn hình.") var output: String?
    @Option(name: .customLong("data"), help: "Thư mục kho dữ liệu.") var data: String?
    @Option(name: .customLong("as"), help: "Quản trị thao tác thay cho tài khoản LOGIN.") var actAs: String?

    func run() throws {
        var options = StoreOptions()
        options.data = data
        options.actAs = actAs
        let context = try StoreContext.open(options)
        let store = context.store
        let text: String
        do {
            let template = try FormCatalog.shipped.form(id: form)
            let formContext: FormContext
            if form == "register" {
                guard let from, let to else { throw CLIError.badInput("register cần --from và --to") }
                let scope = try store.reportScope(for: context.actor, office: office)
                let (fromDate, toDate) = (try Parse.date(from, option: "--from"), try Parse.date(to, option: "--to"))
                formContext = try FormContext.register(
                    summaries: scope.filter(store.summaries(overlapping: fromDate, toDate)).map { $0.visible(to: context.actor.role) }, from: fromDate, to: toDate,
                    field: field, catalogue: store.catalogue, agency: store.formAgency, printedOn: context.now.date)
            } else {
                guard let code else { throw CLIError.badInput("cần mã hồ sơ: motcua print \(form) MÃ") }
                let dossier = try store.dossier(code: code).visible(to: context.actor.role)
                formContext = try FormContext.forDossier(FormID.named(form), dossier: dossier, catalogue: store.catalogue,
                                                         agency: store.formAgency, officialNames: store.officialNames,
                                                         calendar: store.calendar)
            }
            text = try FormRenderer.render(template, formContext, as: format)
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
}

extension FormRenderer.Format: ExpressibleByArgument {}

extension Output {
    /// A report restricted to one office says so: first line of the text, `office` in JSON.
    static func scoped(_ text: String, _ scope: ReportScope) -> String {
        scope.vietnamese.map { "\($0)\n" + text } ?? text
    }

    static func scoped(_ json: JSONText, _ scope: ReportScope) -> JSONText {
        guard let office = scope.officeKey, case .object(let pairs) = json else { return json }
        return .object(pairs + [("office", .string(office))])
    }
}
