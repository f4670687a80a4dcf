import Foundation
import MotCuaCore
import TerminalUI

/// F8: the overdue list grouped by department or official, with counts, and jump-to-dossier.
public struct SupervisorView: Equatable, Sendable {
    public enum Line: Equatable, Sendable {
        case heading(String)
        case group(name: String, count: Int)
        case row(OverdueRow, status: DeadlineStatus)
    }

    public var grouping: OverdueReport.Grouping = .department
    public var lines: [Line] = []
    public var index = 0
    public var loaded = false

    var selectableIndices: [Int] { lines.indices.filter { if case .row = lines[$0] { return true } else { return false } } }

    /// Builds the lines from a report: overdue by group, then due today and due tomorrow.
    public static func lines(_ report: OverdueReport, grouping: OverdueReport.Grouping) -> [Line] {
        var lines: [Line] = [.heading("QUÁ HẠN: \(report.overdue.count) hồ sơ — theo \(grouping.vietnamese.lowercased())")]
        for group in report.groups(by: grouping) {
            lines.append(.group(name: group.name, count: group.count))
            lines += group.rows.map { .row($0, status: .overdue(workingDaysLate: $0.workingDaysLate)) }
        }
        lines.append(.heading("HẠN HÔM NAY: \(report.dueToday.count)"))
        lines += report.dueToday.map { .row($0, status: .dueToday) }
        lines.append(.heading("CÒN 1 NGÀY LÀM VIỆC: \(report.dueWithin1.count)"))
        lines += report.dueWithin1.map { .row($0, status: .dueWithin1) }
        return lines
    }
}

/// F9: period statistics with a bar chart per group.
public struct ReportView: Equatable, Sendable {
    public var from: TextField
    public var to: TextField
    public var grouping: PeriodReport.Grouping = .field
    public var focus = 0
    public var lines: [Line] = []
    public var scroll = 0
    public var error: String?

    /// A line of the report screen and what it is, so that its look is chosen from its kind.
    public struct Line: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case text, total, rule }
        public let text: String
        public let kind: Kind

        public init(_ text: String, _ kind: Kind = .text) {
            self.text = text
            self.kind = kind
        }
    }

    public init(today: CivilDate) {
        let quarterStart = CivilDate(today.year, (today.month - 1) / 3 * 3 + 1, 1)
        from = TextField(quarterStart.vietnamese, limit: 10)
        to = TextField(today.vietnamese, limit: 10)
    }

    /// Why a period's date was refused.
    public typealias DateProblem = VietnameseDateProblem

    /// Core's reader, shared with the CLI's `--from`/`--to`.
    static func read(_ text: String) -> Result<CivilDate, DateProblem> { CivilDate.readVietnamese(text) }

    static func parse(_ text: String) -> CivilDate? { try? read(text).get() }

    /// The tables of `motcua report` (`PeriodReport.tableLines`, the same code), the "Tổng cộng"
    /// rows marked as totals, then the rules.
    /// The sentences around the tables are wrapped to the tables' 80 columns, so none is cut.
    public static func lines(_ report: PeriodReport) -> [Line] {
        let width = 80
        var lines: [Line] = [
            "Kỳ \(report.from.vietnamese)–\(report.to.vietnamese) · \(report.workingDays) ngày làm việc · nhóm theo \(report.grouping.vietnamese.lowercased())",
            "Mỗi hồ sơ thuộc kỳ tính đúng một lần: đã giải quyết + từ chối/rút + còn tồn = kỳ trước + tiếp nhận\(report.reconciles ? " ✓" : " ✗")",
        ].flatMap { TextWidth.wrap($0, to: width) }.map { Line($0) } + [Line("")]
        lines += report.tableLines().map { Line($0.text, $0.kind == .total ? .total : .text) }
        lines.append(Line(""))
        for rule in report.rules {
            lines += TextWidth.wrap(rule, to: width - 2).enumerated().map { Line(($0.offset == 0 ? "· " : "  ") + $0.element, .rule) }
        }
        return lines
    }

    /// The number queue of the period's last day (`motcua report --queue`'s summary, the same
    /// code): per counter and per official, tickets, served, no-shows, average and P90 waiting
    /// and service times (`names`: login → full name).
    /// The citizens' ratings of the period, counted as `motcua ratings` counts them.
    public static func ratingLines(_ report: RatingReport) -> [Line] {
        let t = report.total
        var lines = [Line(""), Line("ĐÁNH GIÁ CỦA NGƯỜI DÂN TỪ \(report.from.vietnamese) ĐẾN \(report.to.vietnamese)", .total)]
        guard let share = t.unsatisfiedShare else { return lines + [Line("Chưa có đánh giá nào trong kỳ.")] }
        lines.append(Line("Rất hài lòng \(t.verySatisfied) · Hài lòng \(t.satisfied) · Không hài lòng \(t.unsatisfied) · Tổng \(t.total)"))
        lines.append(Line("Tỷ lệ chưa hài lòng: \(TextLayout.percent(share / 100)) (theo cán bộ, phòng ban: motcua ratings --by)"))
        return lines
    }

    public static func queueLines(_ figures: QueueFigures, names: [String: String]) -> [Line] {
        var lines = [Line(""), Line("HÀNG ĐỢI TẠI QUẦY NGÀY \(figures.day.vietnamese)", .total)]
        guard figures.total.tickets > 0 else { return lines + [Line("Không có phiếu số thứ tự nào trong ngày.")] }
        lines.append(Line("Thời gian phút:giây; chờ = gọi − lấy số, phục vụ = xong − bắt đầu (motcua report --queue)", .rule))
        return lines + figures.summaryLines(names: names).map { Line(DisplayText.sanitize($0)) }
    }
}

/// F7: the forms a dossier can print now, and how.
public struct PrintMenu: Equatable, Sendable {
    public let code: String
    public let forms: [FormID]
    public var index = 0
    public var html = false
    public var toPrinter = false

    /// The form a clerk hands over right after `action`: Mẫu 02 after a supplement request,
    /// Mẫu 04 (the apology) after an extension.
    public static func offer(after action: DossierAction?) -> FormID? {
        switch action {
        case .requestSupplement: return .supplementRequest
        case .extend: return .apology
        default: return nil
        }
    }

    /// Which forms make sense for the dossier's history.
    public static func forms(for summary: DossierSummary, history: [RecordedEvent]?) -> [FormID] {
        var forms: [FormID] = [.receipt, .controlSlip]
        let kinds = Set(history?.map(\.event.kind) ?? [])
        if kinds.contains(.supplementRequested) || summary.supplementCount > 0 { forms.append(.supplementRequest) }
        if summary.state == .refused || summary.state == .notAccepted { forms.append(.refusal) }
        if summary.extended { forms.append(.apology) }
        if kinds.contains(.feePaid) { forms.append(.feeReceipt) }
        return forms
    }
}

// MARK: - Keys

func supervisorKey(_ state: inout AppState, _ original: SupervisorView, _ key: Key) -> [Effect] {
    var view = original
    let selectable = view.selectableIndices
    let position = selectable.firstIndex(of: view.index) ?? 0
    switch KeyMap.supervisor.command(for: key) {
    case .close:
        state.mode = .browse
        return []
    case .nextGrouping:
        let all = OverdueReport.Grouping.allCases
        view.grouping = all[(all.firstIndex(of: view.grouping)! + 1) % all.count]
        state.mode = .supervisor(view)
        return [.loadSupervisor(view.grouping, at: state.now)]
    case .group(let grouping):
        view.grouping = grouping
        state.mode = .supervisor(view)
        return [.loadSupervisor(view.grouping, at: state.now)]
    case .up: view.index = selectable.isEmpty ? 0 : selectable[max(0, position - 1)]
    case .down: view.index = selectable.isEmpty ? 0 : selectable[min(selectable.count - 1, position + 1)]
    case .pageUp: view.index = selectable.isEmpty ? 0 : selectable[max(0, position - 10)]
    case .pageDown: view.index = selectable.isEmpty ? 0 : selectable[min(selectable.count - 1, position + 10)]
    case .open:
        guard view.lines.indices.contains(view.index), case .row(let row, _) = view.lines[view.index] else { return [] }
        state.view = .all
        state.filter.clear()
        state.cursor.want(.code(row.code))
        state.mode = .detail(scroll: 0)
        return [.loadQueue(state.queueRequest)]
    case nil: break
    }
    state.mode = .supervisor(view)
    return []
}

func reportKey(_ state: inout AppState, _ original: ReportView, _ key: Key) -> [Effect] {
    var view = original
    var command = KeyMap.report.command(for: key)
    // ←→ and Space change the grouping on its field; in a date field they are editing keys.
    if command == .previousGrouping || command == .nextGrouping, view.focus != 2 { command = nil }
    switch command {
    case .close:
        state.mode = .browse
        return []
    case .scorecard:
        return reload(&state, ScorecardView(today: state.now.date))
    case .nextField: view.focus = (view.focus + 1) % 3
    case .previousField: view.focus = (view.focus + 2) % 3
    case .previousGrouping, .nextGrouping:
        let all = PeriodReport.Grouping.allCases
        view.grouping = all[(all.firstIndex(of: view.grouping)! + (command == .previousGrouping ? all.count - 1 : 1)) % all.count]
    case .compute:
        switch (ReportView.read(view.from.text), ReportView.read(view.to.text)) {
        case (.success(let from), .success(let to)):
            // Written back as read (1/12/26 → 01/12/2026), so the period computed is the one shown.
            view.from = TextField(from.vietnamese, limit: 10)
            view.to = TextField(to.vietnamese, limit: 10)
            view.error = nil
            state.mode = .report(view)
            return [.loadReport(from: from, to: to, grouping: view.grouping)]
        case (let from, let to):
            let problems = [("Từ ngày", view.from.text, from), ("Đến ngày", view.to.text, to)].compactMap { label, text, result in
                if case .failure(let problem) = result { "\(label) \(DisplayText.sanitize(text)): \(problem.vietnamese)" } else { nil }
            }
            view.error = problems.joined(separator: " · ")
            if case .failure = from { view.focus = 0 } else { view.focus = 1 }
            // No table of another period under the refusal.
            view.lines = []
            view.scroll = 0
        }
    case .up: view.scroll = max(0, view.scroll - 1)
    case .down: view.scroll += 1
    case .pageUp: view.scroll = max(0, view.scroll - 10)
    case .pageDown: view.scroll += 10
    case nil:
        if view.focus == 0 { view.from.handle(key) } else if view.focus == 1 { view.to.handle(key) }
    }
    state.mode = .report(view)
    return []
}

func printKey(_ state: inout AppState, _ original: PrintMenu, _ key: Key) -> [Effect] {
    var menu = original
    switch KeyMap.print.command(for: key) {
    case .close:
        state.mode = .browse
        return []
    case .up: menu.index = max(0, menu.index - 1)
    case .down: menu.index = min(menu.forms.count - 1, menu.index + 1)
    case .toggleFormat: menu.html.toggle()
    case .togglePrinter: menu.toPrinter.toggle()
    case .print:
        state.mode = .browse
        return [.printForm(form: menu.forms[menu.index], code: menu.code, html: menu.html, toPrinter: menu.toPrinter)]
    case nil: break
    }
    state.mode = .printMenu(menu)
    return []
}

// MARK: - Rendering

func renderSupervisor(_ buffer: inout ScreenBuffer, _ layout: ScreenLayout, _ view: SupervisorView, _ env: AppEnvironment) {
    let area = Rect(x: 0, y: layout.tabs.y, width: layout.tabs.width, height: layout.status.maxY - layout.tabs.y)
    buffer.put(fitting: " GIÁM SÁT — hồ sơ quá hạn theo \(view.grouping.vietnamese.lowercased()) · \(KeyMap.supervisorHint)",
               x: 0, y: area.y, width: area.width, role: .dialogTitle)
    guard view.loaded else {
        buffer.put(" Đang tính…", x: 0, y: area.y + 1, role: .muted)
        return
    }
    let list = ListView(count: view.lines.count, selection: view.index, window: .centred)
    list.draw(in: &buffer, Rect(x: 0, y: area.y + 1, width: area.width, height: area.height - 1)) { buffer, item in
        let y = item.rect.y
        switch view.lines[item.index] {
        case .heading(let text): buffer.put(fitting: text, x: 0, y: y, width: area.width, role: .label)
        case .group(let name, let count):
            buffer.put(fitting: "  \(DisplayText.sanitize(name)) (\(count))", x: 0, y: y, width: area.width, role: .emphasis)
        case .row(let row, let status):
            let step = row.responsibleStep.map { " · chậm ở \($0.department)\($0.official.map { " " + env.shortPersonName($0) } ?? "")" } ?? ""
            let procedure = area.width >= 100 ? TextWidth.fit(row.procedureShortName, to: 14) + " " : ""
            let text = "    \(shortCode(row.code, agency: env.session.agency)) \(TextWidth.fit(DisplayText.sanitize(row.applicant), to: 18)) "
                + "\(procedure)\(row.holder.department)\(row.holder.official.map { " " + env.shortPersonName($0) } ?? "") "
                + "\(status.remaining)\(row.extended ? " · đã xin lỗi" : "")\(step)"
            buffer.put(fitting: text, x: 0, y: y, width: area.width, role: item.isSelected ? .selected : StyleRole(status.tone))
        }
        return true
    }
}

func renderReport(_ buffer: inout ScreenBuffer, _ layout: ScreenLayout, _ view: ReportView) {
    let area = Rect(x: 0, y: layout.tabs.y, width: layout.tabs.width, height: layout.status.maxY - layout.tabs.y)
    buffer.put(fitting: " BÁO CÁO THEO KỲ · \(KeyMap.reportHint)",
               x: 0, y: area.y, width: area.width, role: .dialogTitle)
    let y = area.y + 1
    var x = buffer.put(" Từ ngày: ", x: 0, y: y, role: .label)
    buffer.put(fitting: view.from.text, x: x, y: y, width: 11, role: view.focus == 0 ? .inputFocused : .input)
    x += 12
    x += buffer.put(" Đến ngày: ", x: x, y: y, role: .label)
    buffer.put(fitting: view.to.text, x: x, y: y, width: 11, role: view.focus == 1 ? .inputFocused : .input)
    x += 12
    x += buffer.put(" Nhóm theo: ", x: x, y: y, role: .label)
    buffer.put("◂ \(view.grouping.vietnamese) ▸", x: x, y: y, role: view.focus == 2 ? .inputFocused : .input)
    if view.focus < 2 {
        let field = view.focus == 0 ? view.from : view.to
        buffer.cursor = CursorPosition(x: (view.focus == 0 ? 10 : 33) + field.visible(width: 11).cursorColumn, y: y)
    }
    if let error = view.error { buffer.put(fitting: " " + error, x: 0, y: y + 1, width: area.width, role: .error) }
    let lines = view.lines.map { StyledLine($0.text, $0.kind == .total ? .emphasis : $0.kind == .rule ? .muted : .normal) }
    TextView(lines, scroll: view.scroll).draw(in: &buffer, Rect(x: 0, y: y + 2, width: area.width, height: area.height - 3))
}

func renderPrintMenu(_ buffer: inout ScreenBuffer, _ menu: PrintMenu, _ env: AppEnvironment) {
    var lines = menu.forms.map { FormCatalog.shipped.form($0) }.map { "Mẫu \($0.number): \($0.title)" }
    let roles = menu.forms.indices.map { $0 == menu.index ? StyleRole.selected : .dialog } + [.muted, .muted, .muted]
    // The paper the HTML's @page asks for is the selected form's: Mẫu 01–03 are A5, the rest A4.
    let chosen = FormCatalog.shipped.form(menu.forms[min(menu.index, menu.forms.count - 1)])
    let paper = chosen.paper.rawValue + (chosen.orientation == .landscape ? " ngang" : "")
    lines += ["", "Định dạng: \(menu.html ? "HTML (\(paper), in từ trình duyệt)" : "văn bản 80 cột") — \(KeyMap.printFormatHint)",
              "Gửi máy in (lp): \(menu.toPrinter ? "có" : "không") — \(KeyMap.printHint)"]
    renderBox(&buffer, title: "In giấy tờ — \(shortCode(menu.code, agency: env.session.agency))", lines: lines, width: 72, roles: roles)
}
