import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaProvince
import MotCuaStore

struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Chỉ số đánh giá chất lượng phục vụ theo QĐ 766/QĐ-TTg (tiến độ giải quyết, đồng bộ, kênh tiếp nhận…) với tên và mã như Cổng DVCQG công bố.",
        discussion: "Chọn đúng một kỳ: --month YYYY-MM, --quarter YYYY-QN hoặc --year YYYY. --rule date-only (mặc định: so theo ngày như hệ thống một cửa) hoặc national (so thời điểm theo văn bản). Quy tắc đếm in ở đầu kết quả; xem Docs/SCORECARD.md.")

    @Option(help: "Tháng, YYYY-MM (ví dụ 2026-11).") var month: String?
    @Option(help: "Quý, YYYY-QN (ví dụ 2026-Q4).") var quarter: String?
    @Option(help: "Năm, YYYY.") var year: String?
    @Option(help: "Nhóm theo: procedure (thủ tục, như Cổng công bố từng dòng), field, department.") var by: Scorecard.Grouping = .none
    @Option(help: "Cách đọc quy tắc đúng hạn: date-only (mặc định) hoặc national.") var rule: ScorecardRule = .dateOnly
    @Option(name: .customLong("postgres"), help: ArgumentHelp(
        "Kèm --province: cơ sở dữ liệu tỉnh (postgres://…, như motcua replicate).", valueName: "URL"))
    var postgres: String?
    @Flag(help: "Bảng điểm mỗi trung tâm đã sao chép vào --postgres và toàn tỉnh (lịch và danh mục của kho đang chọn, nếu mở được).")
    var province = false
    @OptionGroup var output: FormatOption
    @OptionGroup var office: OfficeOption
    @OptionGroup var store: StoreSelection

    func validate() throws {
        _ = try period()
        guard province == (postgres != nil) else {
            throw CLIError.badInput("--province và --postgres URL phải đi cùng nhau")
        }
        if province, by != .none { throw CLIError.badInput("--province in một dòng mỗi trung tâm; không dùng kèm --by") }
        if province, office.office != nil { throw CLIError.badInput("--province tính mọi trung tâm; không dùng kèm --office") }
        if let postgres { _ = try Self.address(postgres) }
    }

    func run() throws {
        let period = try period()
        if let postgres { return try runProvince(period: period, url: postgres) }
        let context = try StoreContext.open(store)
        let input = try context.desk.scorecardInput(period: period, rule: rule, now: context.now, office: office.office)
        let card = input.make(by: by).report
        Output.report(output.format, scope: input.scope, text: card.text(), json: card.json(monthlyChart: input.monthlyChart()), csv: card.csv(),
                      note: card.personalDataNote)
    }

    private func runProvince(period: ScorecardPeriod, url: String) throws {
        // The calendar and catalogue to count with: the selected store's, as its own scorecard uses;
        // without one, the shipped holidays and standard hours and the sample catalogue (said on stderr).
        let local = try? StoreContext.open(store)
        if local == nil { Console.error("Không mở được kho: dùng lịch nghỉ chuẩn, giờ làm việc chuẩn và danh mục mẫu") }
        if let local { try local.store.require(local.actor, may: .viewAllOffices) }
        let now = try local?.now ?? Clock.current().now
        var centres: [ProvinceScorecard.CentreInput] = []
        do {
            let database = try ProvinceDatabase.open(try Self.address(url))
            defer { database.close() }
            let reader = ProvinceReader(database: database)
            for centre in try reader.centres() {
                // Reduced at once to what the scorecard reads: one centre's histories in memory at a time.
                centres.append(.init(agency: centre.agency, name: centre.name, dossiers: try reader.dossiers(agency: centre.agency)))
            }
        } catch let error as ProvinceError {
            throw error.cliError
        }
        let card = ProvinceScorecard.compute(centres: centres, period: period, rule: rule,
                                             calendar: local?.store.calendar ?? WorkCalendar(),
                                             now: now, catalogue: local?.store.catalogue ?? .sample)
        Output.report(output.format, scope: .all, text: card.text(), json: card.json(), csv: card.csv(),
                      note: card.total.personalDataNote)
    }

    private static func address(_ url: String) throws -> ProvinceAddress {
        do { return try ProvinceAddress(url: url, environmentPassword: Environment.postgresPassword) } catch {
            throw CLIError.badInput(error.description)
        }
    }

    /// Exactly one of `--month`, `--quarter`, `--year`, in the portal's form.
    private func period() throws -> ScorecardPeriod {
        let given = [("--month", month, "YYYY-MM"), ("--quarter", quarter, "YYYY-QN"), ("--year", year, "YYYY")]
            .compactMap { name, value, form in value.map { (name, $0, form) } }
        guard given.count == 1, let (name, value, form) = given.first else {
            throw CLIError.badInput("Chọn đúng một kỳ: --month YYYY-MM, --quarter YYYY-QN hoặc --year YYYY")
        }
        let parsed = ScorecardPeriod(value)
        let kindMatches: Bool
        switch parsed {
        case .month: kindMatches = name == "--month"
        case .quarter: kindMatches = name == "--quarter"
        case .year: kindMatches = name == "--year"
        case nil: kindMatches = false
        }
        guard let parsed, kindMatches else {
            throw CLIError.badInput("\(name) \(DisplayText.sanitize(value)): phải có dạng \(form)")
        }
        return parsed
    }
}
