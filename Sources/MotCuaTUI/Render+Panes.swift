import Foundation
import MotCuaCore
import TerminalUI

/// The title line of a pane: a rule with the title, highlighted when the pane has the focus.
private func paneTitle(_ buffer: inout ScreenBuffer, _ rect: Rect, _ title: String, focused: Bool, right: String = "") {
    buffer.horizontalRule(y: rect.y, x: rect.x, width: rect.width, role: .border)
    buffer.put(" \(title) ", x: rect.x + 1, y: rect.y, role: focused ? .paneTitleFocused : .paneTitle, maxWidth: rect.width - 2)
    if !right.isEmpty {
        let w = min(TextWidth.of(right) + 2, rect.width / 2)
        buffer.put(fitting: " \(right) ", x: rect.maxX - w - 1, y: rect.y, width: w, role: .muted)
    }
}

/// Column widths of the queue for a pane width: fixed columns first, the name takes the rest.
struct QueueColumns {
    let mark = 2, code = 11, holder: Int, due: Int, left: Int, state: Int
    let procedure: Int
    let name: Int
    let showTime: Bool
    /// The cells the selection highlights: the mark, a space and the code ("!! 261120-0001").
    static let selectionWidth = 14

    init(width: Int) {
        showTime = width >= 100
        due = showTime ? 11 : 5
        holder = width >= 110 ? 12 : 4
        procedure = width >= 120 ? 24 : 13
        state = width >= 120 ? 10 : 8
        left = width >= 120 ? 20 : 11           // room for "trễ 29 ngày làm việc"
        let fixed = mark + code + holder + due + left + state + procedure + 7
        name = max(8, width - fixed)
    }
}

extension AppEnvironment {
    /// A person as a narrow column shows them: the initials of the family and middle names and
    /// the given name in full ("Nguyễn Thị Hoa" → "N.T. Hoa"); the login only when the users
    /// file does not know it.
    func shortPersonName(_ login: String) -> String {
        guard let name = officialNames[login] else { return login }
        let words = name.split(separator: " ")
        guard words.count > 1, let given = words.last else { return name }
        return words.dropLast().map { "\($0.prefix(1))." }.joined() + " " + given
    }
}

/// The due column in 5 cells (below 100 columns): the date, or the time of day when the dossier
/// is due today before the end of the working day ("15:46" beside "hạn hôm nay"); the date is
/// then today's, said by the words.
func narrowDue(_ due: Instant, status: DeadlineStatus, now: Instant, calendar: WorkCalendar) -> String {
    let running = status.bucket == .dueToday || status.bucket == .overdue
    if running, due.date == now.date, due < calendar.closing(of: due.date) { return due.clockText }
    return String(due.date.vietnamese.prefix(5))
}

func renderQueue(_ buffer: inout ScreenBuffer, _ rect: Rect, _ state: AppState, _ env: AppEnvironment) {
    let visibleRows = max(0, rect.height - 2)
    var note = state.filter.isEmpty ? "sắp theo hạn trả" : "lọc: \(state.filter.text)"
    if state.data.rows.count > visibleRows {
        note = "\(state.scroll + 1)–\(min(state.data.rows.count, state.scroll + visibleRows))/\(state.data.rows.count) · " + note
    }
    if state.data.partial && state.view == .all { note = "đang tải hồ sơ cũ… · " + note }
    paneTitle(&buffer, rect, "\(state.view.title) (\(state.data.rows.count))", focused: state.focus == .queue, right: note)
    let c = QueueColumns(width: rect.width)
    let header = [TextWidth.fit("", to: c.mark), TextWidth.fit("Mã hồ sơ", to: c.code), TextWidth.fit("Người nộp", to: c.name),
                  TextWidth.fit("Thủ tục", to: c.procedure), TextWidth.fit(c.holder > 4 ? "Đang giữ" : "Giữ", to: c.holder),
                  TextWidth.fit(c.showTime ? "Hẹn trả" : "Hạn", to: c.due), TextWidth.fit("Còn/trễ", to: c.left),
                  TextWidth.fit(c.state >= 10 ? "Trạng thái" : "T.thái", to: c.state)].joined(separator: " ")
    buffer.put(fitting: header, x: rect.x, y: rect.y + 1, width: rect.width, role: .columnHeader)
    if state.data.rows.isEmpty {
        let text = state.filter.isEmpty ? "Không có hồ sơ nào trong danh sách này." : "Không có hồ sơ khớp \"\(state.filter.text)\"."
        buffer.put(text, x: rect.x + 2, y: rect.y + 2, role: .muted, maxWidth: rect.width - 2)
        return
    }
    let list = ListView(count: state.data.rows.count, selection: state.selectedIndex, window: .offset(state.scroll))
    list.draw(in: &buffer, Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 2)) { buffer, line in
        guard let row = state.data.rows[line.index] else { return false }     // beyond the fetched page
        let d = row.summary
        let y = line.rect.y
        let highlight: StyleRole = state.focus == .queue ? .selected : .selectedDim
        let deadline = StyleRole(row.status.tone)
        let holder = c.holder > 4 ? [d.holder.department, d.holder.official.map { env.shortPersonName($0) } ?? ""].filter { !$0.isEmpty }
            .joined(separator: " ") : d.holder.department
        let due = c.showTime ? d.due.vietnameseShort.replacingOccurrences(of: "/\(d.due.date.year)", with: "")
                             : narrowDue(d.due, status: row.status, now: state.now, calendar: env.calendar)
        buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .normal)
        var x = rect.x
        func cell(_ text: String, _ width: Int, _ r: StyleRole) {
            buffer.put(fitting: DisplayText.sanitize(text), x: x, y: y, width: width, role: r)
            x += width + 1
        }
        cell(row.status.mark, c.mark, deadline)
        cell(shortCode(d.code, agency: env.session.agency), c.code, .normal)
        cell(d.applicantName, c.name, .normal)
        cell(d.procedure.shortName, c.procedure, .normal)
        cell(holder, c.holder, .normal)
        cell(due, c.due, .normal)
        cell(c.left >= 20 ? row.status.remainingInWorkingDays : row.status.remaining, c.left, deadline)
        cell(shortState(d.state), c.state, .normal)
        // The selection covers the mark and the code, one piece: moving it rewrites 14 cells of two
        // rows instead of both whole rows (issue 17, defect 15: bytes over a slow link; mutt's
        // arrow_cursor for the same reason). The `!!`/"trễ N ngày" texts still say the state.
        if line.isSelected { buffer.paint(Rect(x: rect.x, y: y, width: QueueColumns.selectionWidth, height: 1), role: highlight) }
        return true
    }
}

/// The dossier's detail as lines: used by the small pane and the full-screen view.
/// The full view wraps long lines. The small pane gives each field fixed rows instead, each cut
/// with "…" (the whole text is one Enter away): moving the selection then changes only the
/// characters that differ, and no unchanged label moves a row and is sent again (issue 17, defect 15).
func detailLines(_ state: AppState, _ env: AppEnvironment, width: Int, full: Bool) -> [StyledLine] {
    guard let row = state.selectedRow else { return [StyledLine("Chọn một hồ sơ trong danh sách.", .muted)] }
    let d = state.detail?.summary.id == row.summary.id ? state.detail!.summary : row.summary
    let status = DeadlineClock(now: state.now, calendar: env.calendar).status(of: d)
    let safe: (String) -> String = { DisplayText.sanitize($0) }
    var lines: [StyledLine] = []
    func add(_ text: String, _ role: StyleRole = .normal, plain lead: String = "") {
        let lead = (width: TextWidth.of(lead), role: StyleRole.normal)
        if full {
            for (i, line) in TextWidth.wrap(text, to: max(10, width)).enumerated() { lines.append(StyledLine(line, role, lead: i == 0 ? lead : (0, role))) }
        } else {
            lines.append(StyledLine(TextWidth.truncate(text, to: max(10, width)), role, lead: lead))
        }
    }
    // An unpaid fee: the small pane says so on its first row (no row moves for it).
    let account = state.detail.flatMap { $0.summary.id == d.id ? FeeAccount($0) : nil }
    let unpaidMark = !full && (account?.outstanding ?? 0) > 0 ? " · nợ phí" : ""
    add(full ? "\(d.code)  [\(d.state.vietnamese)]  phiên bản \(d.version)"
             : "\(shortCode(d.code, agency: env.session.agency)) [\(d.state.vietnamese)] v\(d.version)\(unpaidMark)", .emphasis)
    if full {
        add("Người nộp: \(safe(d.applicantName)) · ĐD \(safe(d.idNumber ?? "-")) · ĐT \(safe(d.phone ?? "-"))")
    } else {
        add("Người nộp: \(safe(d.applicantName))")
        add("ĐD \(safe(d.idNumber ?? "-")) · ĐT \(safe(d.phone ?? "-"))")
    }
    if full, let reception = state.detail?.reception {
        if let address = reception.applicant.address { add("Địa chỉ: \(safe(address))") }
        if let email = reception.applicant.email { add("Thư điện tử: \(safe(email))") }
        if let proxy = reception.proxy {
            add("Nộp thay: \(safe(proxy.name))" + (proxy.idNumber.map { " · ĐD \(safe($0))" } ?? "") + (proxy.phone.map { " · ĐT \(safe($0))" } ?? ""))
            if let paper = proxy.authorisation { add("Văn bản ủy quyền: \(safe(paper))") }
        }
        add("Kênh nộp: \(reception.channel.vietnamese)")
    }
    add("Thủ tục: \(d.procedure.code) \(d.procedure.name) (\(d.procedure.field); \(d.procedure.processing.vietnamese); danh mục v\(d.procedure.catalogueVersion))")
    if full, state.detail?.reception != nil {
        add("Giấy tờ đã nhận (F6 s: số hóa):", .label)
        let papers = DocumentsView(state.detail!).papers
        for p in papers {
            let doc = p.document
            add("  \(p.index). \(safe(doc.name)) (bản chính \(doc.originals), bản sao \(doc.copies)) — \(DocumentsDialog.statusText(p.record))")
        }
        if let result = DocumentsView(state.detail!).result { add("Kết quả: \(result.form.vietnamese)" + (result.code.map { ", số \(safe($0))" } ?? "")) }
    }
    // The small pane names departments without their parenthesis, so the official shows too.
    let department = full ? env.departmentName : env.shortDepartmentName
    let official = d.holder.official.map { " — \(env.officialNames[$0] ?? $0)" } ?? ""
    add("Đang giữ: \(department(d.holder.department))\(official)")
    // The small pane leaves out the weekday so that the marker fits its one row. Only the marker
    // takes the deadline's colour: the label and the date are not sent again when it changes.
    let dueLabel = d.state == .submitted ? "Hạn tiếp nhận" : "Hẹn trả"     // an online dossier not yet accepted
    let dueText = full ? "\(dueLabel): \(d.due.vietnameseShort) (\(d.due.date.weekdayName))  " : "\(dueLabel): \(d.due.vietnameseShort)  "
    add(dueText + (full ? status.markerInWorkingDays : status.marker), StyleRole(status.tone), plain: dueText)
    if d.extended { add("Hẹn gốc (thống kê): \(d.statsDue.vietnameseShort)") }
    if full, let account { feeLine(account).map { add($0.0, $0.1) } }
    if let step = d.responsibleStep(at: state.now) {
        // The small pane does not repeat the holder's long name on the next row.
        if !full && step == d.holder {
            add("Trễ tại: nơi đang giữ", .warning)
        } else {
            add("Trễ tại: \(department(step.department))\(step.official.map { " — \(env.officialNames[$0] ?? $0)" } ?? "")", .warning)
        }
    }
    for flag in d.flags.sorted(by: { $0.rawValue < $1.rawValue }) { add("Lưu ý: \(flag.vietnamese)", .warning) }
    // The history first, then the day-by-day explanation of the due time.
    add("Lịch sử:", .label)
    if let history = state.detail?.history, state.detail?.summary.id == d.id {
        for rec in history.reversed() {
            // The small pane: the day and time without the year, the person as the columns name them.
            let when = full ? rec.at.vietnameseShort : "\(rec.at.date.vietnamese.prefix(5)) \(rec.at.clockText)"
            let who = full ? env.officialNames[rec.by] ?? rec.by : env.shortPersonName(rec.by)
            add("  \(when) \(safe(who)): \(safe(HistoryText.text(rec, env: env)))")
        }
    } else {
        add("  (đang tải…)", .muted)
    }
    add("Diễn giải hạn trả:", .label)
    for line in d.appointmentExplanation(calendar: env.calendar) { add("  \(line.text)") }
    return lines
}

func renderDetailPane(_ buffer: inout ScreenBuffer, _ rect: Rect, _ state: AppState, _ env: AppEnvironment) {
    paneTitle(&buffer, rect, "Chi tiết", focused: state.focus == .detail, right: KeyMap.detailPaneHint)
    TextView(detailLines(state, env, width: rect.width - 1, full: false), scroll: state.detailScroll)
        .draw(in: &buffer, Rect(x: rect.x, y: rect.y + 1, width: rect.width - 1, height: rect.height - 1))
}

func renderFullDetail(_ buffer: inout ScreenBuffer, _ layout: ScreenLayout, _ state: AppState, _ env: AppEnvironment, scroll: Int) {
    let rect = Rect(x: 0, y: layout.tabs.y, width: layout.tabs.width, height: layout.status.maxY - layout.tabs.y)
    paneTitle(&buffer, rect, "Chi tiết hồ sơ", focused: true, right: KeyMap.detailHint)
    TextView(detailLines(state, env, width: rect.width - 2, full: true), scroll: scroll)
        .draw(in: &buffer, Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 1))
}

func renderWarnings(_ buffer: inout ScreenBuffer, _ rect: Rect, _ state: AppState, _ env: AppEnvironment) {
    paneTitle(&buffer, rect, "Cảnh báo hạn", focused: state.focus == .warnings)
    let w = state.data.warnings
    var lines: [(String, StyleRole)] = [
        ("!! Quá hạn".padding(to: rect.width - 8) + String(w.overdue).leftPadded(6), w.overdue > 0 ? .overdue : .normal),
        ("!  Hạn hôm nay".padding(to: rect.width - 8) + String(w.dueToday).leftPadded(6), w.dueToday > 0 ? .dueToday : .normal),
        ("!  Còn 1 ngày".padding(to: rect.width - 8) + String(w.dueWithin1).leftPadded(6), w.dueWithin1 > 0 ? .dueSoon : .normal),
        ("   Còn ≤ 3 ngày".padding(to: rect.width - 8) + String(w.dueWithin3).leftPadded(6), .normal),
        ("|| Đang dừng tính giờ".padding(to: rect.width - 8) + String(w.paused).leftPadded(6), w.paused > 0 ? .paused : .normal),
    ]
    if env.session.role >= .supervisor, !w.overdueByHolder.isEmpty {
        lines.append(("Quá hạn theo nơi giữ:", .label))
        for entry in w.overdueByHolder {
            let (holder, count) = (entry.holder, entry.count)
            let who = holder.department + (holder.official.map { " " + (env.officialNames[$0] ?? $0) } ?? "")
            lines.append(("  " + TextWidth.fit(DisplayText.sanitize(who), to: rect.width - 9) + String(count).leftPadded(5), .overdue))
        }
    }
    lines.append(("Gấp nhất:", .label))
    for row in w.urgent {
        let text = "\(row.status.mark) \(shortCode(row.summary.code, agency: env.session.agency)) \(row.status.remaining) \(row.summary.holder.department)"
        lines.append((text, StyleRole(row.status.tone)))
    }
    TextView(lines, scroll: state.warningsScroll)
        .draw(in: &buffer, Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 1, height: rect.height - 1))
}

/// The fee as the full detail shows it: owed and unpaid, or paid with its receipts.
func feeLine(_ account: FeeAccount) -> (String, StyleRole)? {
    guard account.due > 0 || account.paid > 0 else { return nil }
    if account.outstanding > 0 {
        return ("Phí: \(Money.text(account.due)) · CHƯA THU \(Money.text(account.outstanding)) (F6 p: thu phí)", .warning)
    }
    let receipts = account.payments.compactMap(\.receipt).map { DisplayText.sanitize($0) }.joined(separator: ", ")
    return ("Phí: \(Money.text(account.due)) · đã thu đủ, biên lai \(receipts)", .normal)
}

/// One history line in Vietnamese, with department names.
enum HistoryText {
    static func text(_ rec: RecordedEvent, env: AppEnvironment) -> String {
        let e = rec.event
        switch e.kind {
        case .received: return "Tiếp nhận, hẹn trả \(e.due?.vietnameseShort ?? "?")"
        case .transferred:
            return "Chuyển \(env.departmentName(e.department ?? "?"))\(e.official.map { " (\(env.officialNames[$0] ?? $0))" } ?? "")"
        case .supplementRequested: return "Yêu cầu bổ sung: \(e.reason ?? "")"
        case .supplementReceived: return "Nhận đủ bổ sung, hẹn mới \(e.due?.vietnameseShort ?? "?")"
        case .suspended: return "Tạm dừng: \(e.reason ?? "")"
        case .resumed: return "Tiếp tục, hẹn \(e.due?.vietnameseShort ?? "?")"
        case .resultReady: return "Có kết quả" + (e.text.map { ": \($0)" } ?? "") + (e.result.map { " — \($0.form.vietnamese)" } ?? "")
        case .returned:
            return "Trả kết quả: \(e.returnMethod?.vietnamese ?? "")" + (e.rating.map { "; người dân đánh giá: \($0.level.vietnamese)" } ?? "")
        case .refused: return "Từ chối: \(e.reason ?? "")"
        case .withdrawn: return "Rút/dừng" + (e.reason.map { ": \($0)" } ?? "")
        case .extended: return "Gia hạn đến \(e.due?.vietnameseShort ?? "?"): \(e.reason ?? "")"
        case .note: return "Ghi chú: \(e.text ?? "")"
        case .rated: return "Người dân đánh giá: \(e.rating?.level.vietnamese ?? "?")"
        case .submitted: return "Đăng ký trực tuyến, hạn tiếp nhận \(e.due?.vietnameseShort ?? "?")"
        case .accepted: return "Tiếp nhận hồ sơ trực tuyến, hẹn trả \(e.due?.vietnameseShort ?? "?")"
        case .notAccepted: return "Không tiếp nhận: \(e.reason ?? "")"
        case .feePaid, .feeRefunded, .feeExempted, .documentRecorded: return EventText.feeOrDocument(e) ?? ""
        }
    }
}

extension String {
    func padding(to width: Int) -> String { TextWidth.fit(self, to: width) }
    func leftPadded(_ width: Int) -> String { TextWidth.fit(self, to: width, alignRight: true) }
}
