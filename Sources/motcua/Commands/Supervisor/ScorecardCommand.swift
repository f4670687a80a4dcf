import ArgumentParser
import MotCuaCore
import MotCuaDesk
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
    @OptionGroup var output: FormatOption
    @OptionGroup var office: OfficeOption
    @OptionGroup var store: StoreSelection

    func validate() throws { _ = try period() }

    func run() throws {
        let period = try period()
        let context = try StoreContext.open(store)
        let input = try context.desk.scorecardInput(period: period, rule: rule, now: context.now, office: office.office)
        let card = input.make(by: by).report
        Output.report(output.format, scope: input.scope, text: card.text(), json: card.json(monthlyChart: input.monthlyChart()), csv: card.csv(),
                      note: card.personalDataNote)
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
