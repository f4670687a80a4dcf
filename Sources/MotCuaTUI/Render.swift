import Foundation
import MotCuaCore
import TerminalUI

/// Draws the whole screen from the state. Pure: the same state always gives the same buffer.
public func render(_ state: AppState, _ env: AppEnvironment, ascii: Bool = false) -> ScreenBuffer {
    var buffer = ScreenBuffer(size: state.size)
    buffer.asciiOnly = ascii
    if state.isTooSmall {
        renderTooSmall(&buffer, state)
        return buffer
    }
    let layout = ScreenLayout(state.size)
    renderHeader(&buffer, layout.header, state, env)
    switch state.mode {
    case .intake(let form):
        renderIntake(&buffer, layout, form, state, env)
        renderBar(&buffer, layout.bar, items: KeyMap.form.barItems)
        return buffer
    case .counterQueue(let scroll):
        renderCounterQueue(&buffer, layout, state, scroll: scroll)
        renderBar(&buffer, layout.bar, items: KeyMap.counterQueue.barItems)
        return buffer
    case .help(let scroll):
        renderHelp(&buffer, layout, scroll: scroll, env)
        renderBar(&buffer, layout.bar, items: KeyMap.help.barItems)
        return buffer
    case .detail(let scroll):
        renderFullDetail(&buffer, layout, state, env, scroll: scroll)
        renderBar(&buffer, layout.bar, items: KeyMap.browse.barItems)
        return buffer
    case .receipt(let view):
        renderReceipt(&buffer, layout, view)
        renderBar(&buffer, layout.bar, items: KeyMap.receipt.barItems)
        return buffer
    case .supervisor(let view):
        renderSupervisor(&buffer, layout, view, env)
        renderBar(&buffer, layout.bar, items: KeyMap.supervisor.barItems)
        return buffer
    case .report(let view):
        renderReport(&buffer, layout, view)
        renderBar(&buffer, layout.bar, items: KeyMap.report.barItems)
        return buffer
    case .scorecard(let view):
        renderScorecard(&buffer, layout, view)
        renderBar(&buffer, layout.bar, items: KeyMap.scorecard.barItems)
        return buffer
    default:
        break
    }
    renderTabs(&buffer, layout.tabs, state)
    renderQueue(&buffer, layout.queue, state, env)
    renderDetailPane(&buffer, layout.detail, state, env)
    renderWarnings(&buffer, layout.warnings, state, env)
    renderStatus(&buffer, layout.status, state)
    renderBar(&buffer, layout.bar, items: KeyMap.browse.barItems)
    switch state.mode {
    case .actionMenu(let menu): renderActionMenu(&buffer, menu, env)
    case .printMenu(let menu): renderPrintMenu(&buffer, menu, env)
    case .fee(let dialog): renderFeeDialog(&buffer, dialog, env)
    case .documents(let dialog): renderDocumentsDialog(&buffer, dialog, env)
    case .action(let dialog): renderDialog(&buffer, dialog, env)
    case .confirmQuit:
        renderBox(&buffer, title: "Thoát motcua?", lines: [KeyMap.confirmQuitHint], width: 40)
    case .draftOffer(let draft):
        renderBox(&buffer, title: "Bản nháp chưa lưu", lines: [
            "Có hồ sơ đang nhập dở lúc \(draft.savedAt.vietnameseShort):",
            "\(DisplayText.sanitize(draft.name.isEmpty ? "(chưa có tên)" : draft.name)) — \(draft.procedureQuery)",
            "", KeyMap.draftOfferHint,
        ], width: 60)
    default: break
    }
    return buffer
}

// MARK: - Deadline look

extension StyleRole {
    /// The colour role of a deadline tone (`DeadlineBucket` decides the tone, the mark and the words).
    init(_ tone: DeadlineTone) {
        switch tone {
        case .overdue: self = .overdue
        case .dueToday: self = .dueToday
        case .dueSoon: self = .dueSoon
        case .paused: self = .paused
        case .resolved: self = .resolved
        case .muted: self = .muted
        case .normal: self = .normal
        }
    }
}

func shortState(_ state: DossierState) -> String {
    switch state {
    case .received: return "Mới"
    case .inProgress: return "Đang XL"
    case .awaitingSupplement: return "Chờ BS"
    case .suspended: return "Tạm dừng"
    case .resultReady: return "Có KQ"
    case .returned: return "Đã trả"
    case .refused: return "Từ chối"
    case .withdrawn: return "Đã rút"
    case .submitted: return "Chờ TN"
    case .notAccepted: return "Không TN"
    }
}

func shortCode(_ code: String, agency: String) -> String {
    code.hasPrefix(agency + "-") ? String(code.dropFirst(agency.count + 1)) : code
}

// MARK: - Chrome

/// Only a notice is drawn; the keys still go to the mode underneath, so the notice says what
/// they do there (a quit question must be answerable, a half-typed form is kept).
private func renderTooSmall(_ buffer: inout ScreenBuffer, _ state: AppState) {
    let size = state.size
    let advice: String
    switch state.mode {
    case .browse: advice = "Hãy phóng to cửa sổ; \(KeyMap.tooSmallHint)."
    case .confirmQuit: advice = "Thoát motcua? \(KeyMap.confirmQuitHint)"
    case .intake: advice = "Hãy phóng to cửa sổ để nhập tiếp; hồ sơ đang nhập vẫn giữ nguyên."
    default: advice = "Hãy phóng to cửa sổ để làm tiếp."
    }
    let lines = ["Cửa sổ quá nhỏ (cần 80×24)", "Hiện tại: \(size.width)×\(size.height)", advice]
    for (i, line) in lines.enumerated() {
        let y = size.height / 2 - 1 + i
        let x = max(0, (size.width - TextWidth.of(line)) / 2)
        buffer.put(line, x: x, y: y, role: i == 0 ? .error : .normal)
    }
}

private func renderHeader(_ buffer: inout ScreenBuffer, _ rect: Rect, _ state: AppState, _ env: AppEnvironment) {
    buffer.fill(rect, role: .header)
    let now = state.now
    var lunar = ""
    if let l = LunarCalendar.lunarDate(for: now.date) {
        lunar = rect.width >= 110 ? " (ÂL \(l.day)/\(l.month)\(l.isLeap ? "n" : "") \(LunarCalendar.canChi(ofLunarYear: l.year)))"
                                  : " ÂL \(l.day)/\(l.month)\(l.isLeap ? "n" : "")"
    }
    let weekday = rect.width >= 110 ? now.date.weekdayName : shortWeekday(now.date)
    let wide = rect.width >= 110
    let store = (env.session.storePath as NSString).lastPathComponent + (env.session.training ? (wide ? " (đào tạo)" : " ĐT") : "")
    let role = wide ? env.session.role.vietnamese : shortRole(env.session.role)
    let date = wide ? now.date.vietnamese : String(now.date.vietnamese.prefix(5))
    let counter = state.counterStatus.map { $0.headerText + " │ " } ?? ""
    let right = counter + "\(DisplayText.sanitize(env.session.userName)) (\(role)) │ \(store) │ \(weekday) \(date)\(lunar) \(now.clockText) "
    let rightWidth = min(TextWidth.of(right), rect.width - 16)
    buffer.put(fitting: " " + DisplayText.sanitize(env.session.centreName), x: rect.x, y: rect.y, width: rect.width - rightWidth - 1, role: .header)
    buffer.put(fitting: right, x: rect.maxX - rightWidth, y: rect.y, width: rightWidth, role: .header, alignRight: true)
}

private func shortWeekday(_ date: CivilDate) -> String { date.isoWeekday == 7 ? "CN" : "T\(date.isoWeekday + 1)" }

private func shortRole(_ role: Role) -> String {
    switch role {
    case .clerk: return "Một cửa"
    case .officer: return "Chuyên môn"
    case .supervisor: return "Lãnh đạo"
    case .admin: return "Quản trị"
    }
}

/// The view tabs: full titles when they fit, then short ones, then numbers and counts with
/// only the active view named.
private func renderTabs(_ buffer: inout ScreenBuffer, _ rect: Rect, _ state: AppState) {
    let count = { (v: QueueView) in state.data.counts[v] ?? 0 }
    let views = QueueView.tabs(counts: state.data.counts, selected: state.view)
    let variants: [[String]] = [
        views.map { "\($0.rawValue) \($0.title) \(count($0))" },
        views.map { "\($0.rawValue) \($0.shortTitle) \(count($0))" },
        views.map { $0 == state.view ? "\($0.rawValue) \($0.shortTitle) \(count($0))" : "\($0.rawValue) \($0.shortTitle)" },
        views.map { $0 == state.view ? "\($0.rawValue) \($0.shortTitle) \(count($0))" : "\($0.rawValue):\(count($0))" },
    ]
    let labels = variants.first { TextWidth.of($0.joined(separator: "│")) + 2 <= rect.width } ?? variants[2]
    var x = rect.x + 1
    for (i, view) in views.enumerated() {
        if i > 0 { x += buffer.put("│", x: x, y: rect.y, role: .border) }
        x += buffer.put(labels[i], x: x, y: rect.y, role: view == state.view ? .tabActive : .tab, maxWidth: rect.maxX - x)
    }
}

/// The status line: the filter being typed; else a message (the queue's title still names a kept
/// filter, "lọc: …"); else the kept filter; else the Esc prompt or the key hints.
private func renderStatus(_ buffer: inout ScreenBuffer, _ rect: Rect, _ state: AppState) {
    if let message = state.message, state.mode != .filter {
        let text = DisplayText.sanitize(message.text)
        let role: StyleRole = message.isError ? .error : .message
        // A message wider than the line takes the lines above too, up to three (until the next key
        // ends it): a path and what happened to it, or the demo's greeting, are read whole.
        let wrapped = TextWidth.of(text) + 1 > rect.width ? TextWidth.wrap(text, to: rect.width - 2) : [text]
        let count = min(wrapped.count, 3, rect.y + 1)
        for i in 0..<count {
            let row = Rect(x: rect.x, y: rect.y - (count - 1) + i, width: rect.width, height: 1)
            let line = i == count - 1 ? wrapped[i...].joined(separator: " ") : wrapped[i]
            buffer.fill(row, role: role)
            buffer.put(fitting: " " + line, x: rect.x, y: row.y, width: rect.width, role: role)
        }
        return
    }
    if state.mode == .filter || !state.filter.isEmpty {
        let prompt = "Lọc (không dấu): "
        let x = rect.x + buffer.put(prompt, x: rect.x, y: rect.y, role: .label)
        let hint = state.mode == .filter ? "  " + KeyMap.filterHint : "  (\(KeyMap.keptFilterHint))"
        // The input leaves room for the hint, which is not cut at 80 columns.
        let width = max(min(16, rect.maxX - x), min(40, rect.maxX - x - TextWidth.of(hint)))
        let visible = state.filter.visible(width: width)
        buffer.put(fitting: visible.text, x: x, y: rect.y, width: width, role: state.mode == .filter ? .inputFocused : .input)
        if state.mode == .filter { buffer.cursor = CursorPosition(x: x + visible.cursorColumn, y: rect.y) }
        buffer.put(hint, x: x + width, y: rect.y, role: .muted, maxWidth: rect.maxX - x - width)
        return
    }
    if state.escapeArmed {
        buffer.put(" Esc: bấm một số 1–9, 0 để dùng F1–F10", x: rect.x, y: rect.y, role: .muted)
    } else {
        buffer.put(" " + KeyMap.browseHint, x: rect.x, y: rect.y, role: .muted, maxWidth: rect.width)
    }
}

/// The F-key bar, generated from the key map (htop style: key, then label on colour).
func renderBar(_ buffer: inout ScreenBuffer, _ rect: Rect, items: [(key: String, label: String)]) {
    buffer.fill(rect, role: .keyLabel)
    let items = barItems(items, width: rect.width)
    let natural = items.reduce(max(0, items.count - 1)) { $0 + TextWidth.of($1.key) + TextWidth.of($1.label) }
    let spare = items.isEmpty ? 0 : max(0, (rect.width - natural) / items.count)
    var x = rect.x
    for (i, item) in items.enumerated() {
        // One plain cell between items: a visible gap in colour and in monochrome (NO_COLOR, vt100),
        // and a space in a text capture ("F1Giúp F2Nhận").
        if i > 0 { x += buffer.put(" ", x: x, y: rect.y, role: .normal, maxWidth: rect.maxX - x) }
        x += buffer.put(item.key, x: x, y: rect.y, role: .keyName, maxWidth: rect.maxX - x)
        x += buffer.put(TextWidth.fit(item.label, to: TextWidth.of(item.label) + spare), x: x, y: rect.y, role: .keyLabel, maxWidth: rect.maxX - x)
    }
}

/// The bar's items fitted to `width` with one cell between items: while they do not fit, the
/// longest two-word label is shortened to its first word's initial ("Thao tác" → "T.tác"), as
/// the queue's "T.thái".
func barItems(_ items: [(key: String, label: String)], width: Int) -> [(key: String, label: String)] {
    var items = items
    func natural() -> Int { items.reduce(max(0, items.count - 1)) { $0 + TextWidth.of($1.key) + TextWidth.of($1.label) } }
    while natural() > width {
        let candidates = items.indices.filter { items[$0].label.contains(" ") }
        guard let i = candidates.max(by: { TextWidth.of(items[$0].label) < TextWidth.of(items[$1].label) }) else { break }
        let words = items[i].label.split(separator: " ")
        items[i].label = "\(words[0].prefix(1))." + words.dropFirst().joined(separator: " ")
    }
    return items
}

/// A centred box over the screen with a title and lines of text.
@discardableResult
func renderBox(_ buffer: inout ScreenBuffer, title: String, lines: [String], width: Int, roles: [StyleRole]? = nil) -> Rect {
    let w = min(width, buffer.size.width - 2)
    let rect = buffer.bounds.centered(width: w, height: lines.count + 2)
    buffer.fill(rect, role: .dialog)
    buffer.frame(rect, role: .border, title: title, titleRole: .dialogTitle)
    for (i, line) in lines.enumerated() where i < rect.height - 2 {
        buffer.put(fitting: line, x: rect.x + 2, y: rect.y + 1 + i, width: rect.width - 4, role: roles?[i] ?? .dialog)
    }
    return rect
}
