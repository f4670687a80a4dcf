import Foundation
import MotCuaCore
import TerminalUI

/// Where the panes are for a terminal size. Used by `render` and by `update` (page sizes).
public struct ScreenLayout: Equatable, Sendable {
    public let header: Rect
    public let tabs: Rect
    public let queue: Rect
    public let detail: Rect
    public let warnings: Rect
    public let status: Rect
    public let bar: Rect

    public init(_ size: Size) {
        let all = Rect(size: size)
        let (header, rest1) = all.takeTop(1)
        let (tabs, rest2) = rest1.takeTop(1)
        let (middle, bottom) = rest2.takeBottom(2)
        let (status, bar) = bottom.takeTop(1)
        let queueHeight = max(10, middle.height * 11 / 20)
        let (queue, lower) = middle.takeTop(queueHeight)
        let warningsWidth = min(44, max(32, size.width * 3 / 10))
        let (detail, warnings) = lower.takeLeft(lower.width - warningsWidth)
        self.header = header
        self.tabs = tabs
        self.queue = queue
        self.detail = detail
        self.warnings = warnings
        self.status = status
        self.bar = bar
    }

    /// Data rows of the queue (below its title and column header).
    public var queueRows: Int { max(1, queue.height - 2) }
}

/// The one place state changes: a message in, effects out. Pure, so every mode is testable.
public func update(_ state: inout AppState, _ msg: Msg, _ env: AppEnvironment) -> [Effect] {
    switch msg {
    case .resized(let size):
        state.size = size
        return [.redraw]
    case .tick(let now):
        return tick(&state, now)
    case .storeChanged:
        return [.loadQueue(state.queueRequest)] + (state.awaitingRating.map { [.checkRating(code: $0)] } ?? [])
    case .ratingChecked(let code, let rating):
        ratingChecked(&state, code: code, rating: rating)
        return []
    case .dataLoaded(let data):
        return dataLoaded(&state, data)
    case .counterLoaded(let status):
        state.counterStatus = status
        return []
    case .detailLoaded(let dossier):
        state.detail = dossier
        return []
    case .committed(let code, let text):
        let action: DossierAction? = { if case .action(let dialog) = state.mode { dialog.action } else { nil } }()
        let askedDevice = deviceAsked(state.mode)
        state.mode = .browse
        state.message = .info(text)
        if let counter = askedDevice { awaitDeviceRating(&state, code: code, text: text, counter: counter) }
        // A supplement request or an extension is followed by a form for the citizen (Mẫu 02,
        // Mẫu 04): the print menu opens on it, Enter prints, Esc goes back to the list.
        if let form = PrintMenu.offer(after: action) {
            let summary = state.data.rows.position(code: code).flatMap { state.data.rows[$0]?.summary }
                ?? (state.detail?.summary.code == code ? state.detail?.summary : nil)
            var forms = summary.map { PrintMenu.forms(for: $0, history: state.detail?.summary.code == code ? state.detail?.history : nil) }
                ?? [.receipt, .controlSlip]
            if !forms.contains(form) { forms.append(form) }
            var menu = PrintMenu(code: code, forms: forms)
            menu.index = forms.firstIndex(of: form) ?? 0
            state.mode = .printMenu(menu)
            state.message = .info("\(text) · Enter: in \(form == .apology ? "Mẫu 04 (thư xin lỗi)" : "Mẫu 02 (yêu cầu bổ sung)"), Esc: để sau")
        }
        return [.loadQueue(state.queueRequest), .loadDetail(code: code)]
    case .received(let code, let receipt):
        state.mode = .receipt(ReceiptView(code: code, text: receipt))
        state.message = .info("Đã lưu hồ sơ \(code)")
        state.filter.clear()
        if state.view != .all && state.view != .received { state.view = .received }
        state.cursor.want(.code(code))
        return [.clearDraft, .loadQueue(state.queueRequest)]
    case .accepted(let code, let receipt):
        return accepted(&state, code: code, receipt: receipt)
    case .draftFound(let draft):
        state.mode = .draftOffer(draft)
        return []
    case .failed(let message, let conflict):
        return failed(&state, message, conflict: conflict)
    case .fileWritten(let path):
        if case .receipt(var view) = state.mode {
            view.savedPath = path
            state.mode = .receipt(view)
        }
        state.message = .info("Đã ghi tệp \(path)")
        return []
    case .supervisorLoaded(let lines):
        if case .supervisor(var view) = state.mode {
            view.lines = lines
            view.loaded = true
            if !view.selectableIndices.contains(view.index) { view.index = view.selectableIndices.first ?? 0 }
            state.mode = .supervisor(view)
        }
        return []
    case .reportLoaded(let lines):
        if case .report(var view) = state.mode {
            view.lines = lines
            view.scroll = 0
            state.mode = .report(view)
        }
        return []
    case .scorecardLoaded(let period, let rule, let lines):
        // An answer for a month or rule the supervisor has since left is dropped.
        if case .scorecard(var view) = state.mode, view.period == period, view.rule == rule {
            view.lines = lines
            view.loaded = true
            state.mode = .scorecard(view)
        }
        return []
    case .notice(let text, let isError):
        if case .scorecard(var view) = state.mode, isError {
            view.lines = [ReportView.Line(text)]
            view.loaded = true
            state.mode = .scorecard(view)
        }
        if case .report(var view) = state.mode, isError {
            view.error = text
            view.lines = []                     // a refused period leaves no table of another one
            view.scroll = 0
            state.mode = .report(view)
        } else {
            state.message = isError ? .error(text) : .info(text)
        }
        return []
    case .signal:
        if case .intake(let form) = state.mode, form.isDirty {
            return [.saveDraft(IntakeDraft(form, savedAt: state.now)), .quit]
        }
        return [.quit]
    case .key(let key):
        return keyPressed(&state, key, env)
    }
}

/// The clock moved. Minutes are enough for the screen; a status that changes by time alone (a
/// due instant passed, midnight) reloads the queue at once, and every new minute reloads it too,
/// so the rows' working days left are those of the current minute, as every other client counts them.
private func tick(_ state: inout AppState, _ now: Instant) -> [Effect] {
    if let prefix = state.escapePrefix { state.escapePrefix = prefix.at(now) }
    if let next = state.data.nextChange, now >= next, state.now < next {
        state.now = now
        return [.loadQueue(state.queueRequest)]
    }
    if now.seconds / 60 != state.now.seconds / 60 || now < state.now {
        state.now = now
        return [.loadQueue(state.queueRequest)]
    }
    return []
}

private func dataLoaded(_ state: inout AppState, _ data: QueueData) -> [Effect] {
    let previousIndex: Int? = { if case .position(let p) = state.cursor.wanted { return p } else { return state.selectedIndex } }()
    let previousSelection = state.selection
    state.data = data
    state.cursor.settle(in: data, previousIndex: previousIndex, visible: ScreenLayout(state.size).queueRows)
    if case .action(var dialog) = state.mode, dialog.needsRebase,
       let current = data.rows.position(code: dialog.code).flatMap({ data.rows[$0]?.summary }) ?? state.detail?.summary,
       current.code == dialog.code {
        dialog.version = current.version
        dialog.needsRebase = false
        state.mode = .action(dialog)
    }
    if let row = state.selectedRow, row.summary.id != previousSelection || row.summary.version != state.detail?.summary.version {
        return [.loadDetail(code: row.summary.code)]
    }
    if state.selection == nil { state.detail = nil }
    return []
}

private func failed(_ state: inout AppState, _ message: String, conflict: Bool) -> [Effect] {
    switch state.mode {
    case .action(var dialog):
        dialog.saving = false
        dialog.error = conflict ? "\(message)\nĐã tải lại dữ liệu; kiểm tra rồi xác nhận lại nếu vẫn muốn làm." : message
        dialog.needsRebase = conflict
        state.mode = .action(dialog)
    case .intake(var form):
        form.saving = false
        form.error = message
        state.mode = .intake(form)
    case .fee(var dialog):
        dialog.saving = false
        dialog.error = message
        state.mode = .fee(dialog)
    case .documents(var dialog):
        dialog.saving = false
        dialog.error = message
        state.mode = .documents(dialog)
    default:
        state.message = .error(message)
    }
    return conflict ? [.loadQueue(state.queueRequest)] : []
}

private func keyPressed(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    // Below the minimum size only the "too small" notice is drawn, but every key keeps its
    // meaning for the mode underneath: q in a text field is text, F10 in the list asks first.
    switch state.mode {
    case .browse: return browseKey(&state, key, env)
    case .filter: return filterKey(&state, key)
    case .help(let scroll): return scrollKey(&state, KeyMap.help.command(for: key), scroll: scroll) { .help(scroll: $0) }
    case .detail(let scroll):
        if let command = KeyMap.browse.command(for: key), isAction(command) { return browseKey(&state, key, env) }
        return scrollKey(&state, KeyMap.detail.command(for: key), scroll: scroll) { .detail(scroll: $0) }
    case .intake(let form): return intakeKey(&state, form, key, env)
    case .actionMenu(let menu): return actionMenuKey(&state, menu, key, env)
    case .action(let dialog): return actionKey(&state, dialog, key, env)
    case .receipt(let view): return receiptKey(&state, view, key)
    case .confirmQuit:
        switch KeyMap.confirmQuit.command(for: key) {
        case .quit: return [.quit]
        case .stay, nil:
            state.mode = .browse
            return []
        }
    case .supervisor(let view): return supervisorKey(&state, view, key)
    case .report(let view): return reportKey(&state, view, key)
    case .scorecard(let view): return scorecardKey(&state, view, key)
    case .printMenu(let menu): return printKey(&state, menu, key)
    case .fee(let dialog): return feeKey(&state, dialog, key, env)
    case .documents(let dialog): return documentsKey(&state, dialog, key, env)
    case .counterQueue(let scroll):
        return scrollKey(&state, KeyMap.counterQueue.command(for: key), scroll: scroll) { .counterQueue(scroll: $0) }
    case .draftOffer(let draft):
        switch KeyMap.draftOffer.command(for: key) {
        case .resume:
            state.mode = .intake(draft.form)
            return [.clearDraft]
        case .discard:
            state.mode = .browse
            state.message = .info("Đã bỏ bản nháp")
            return [.clearDraft]
        case .later: state.mode = .browse
        case nil: break
        }
        return []
    }
}

private func isAction(_ command: BrowseCommand) -> Bool {
    switch command {
    case .transfer, .resultReady, .returnResult, .actions, .print, .intake, .quit, .help, .supervisor, .report: return true
    default: return false
    }
}

private func scrollKey(_ state: inout AppState, _ command: ScrollCommand?, scroll: Int, _ make: (Int) -> Mode) -> [Effect] {
    let page = max(1, state.size.height - 4)
    var s = scroll
    switch command {
    case .up: s -= 1
    case .down: s += 1
    case .pageUp: s -= page
    case .pageDown: s += page
    case .top: s = 0
    case .close:
        state.mode = .browse
        return []
    case nil: return []
    }
    state.mode = make(max(0, s))
    return []
}

private func filterKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch KeyMap.filter.command(for: key) {
    case .clear:
        state.filter.clear()
        state.mode = .browse
        return [.loadQueue(state.queueRequest)]
    case .keep:
        state.mode = .browse
        return []
    case .up:
        state.mode = .browse
        return browseMove(&state, -1)
    case .down:
        state.mode = .browse
        return browseMove(&state, 1)
    case nil:
        let before = state.filter.text
        state.filter.handle(key)
        guard state.filter.text != before else { return [] }
        state.cursor.reset()
        return [.loadQueue(state.queueRequest)]
    }
}

private func browseKey(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    var key = key
    if state.escapeArmed, case .character(let c) = key, let digit = c.wholeNumberValue {
        key = .function(digit == 0 ? 10 : digit)
    }
    state.escapePrefix = nil
    guard let command = KeyMap.browse.command(for: key) else { return [] }
    state.message = nil
    switch command {
    case .escape:
        // An Esc that clears the filter has done its work: only a bare Esc arms the F-key prefix.
        if !state.filter.isEmpty {
            state.filter.clear()
            return [.loadQueue(state.queueRequest)]
        }
        state.escapePrefix = EscapePrefix()
    case .help: state.mode = .help(scroll: 0)
    case .intake:
        guard AccessPolicy.allows(env.session.role, .receive) else {
            state.message = .error("\(env.session.role.vietnamese) không có quyền tiếp nhận hồ sơ")
            return []
        }
        if let accept = acceptSelectedOnline(&state, env) { return accept }
        state.mode = .intake(IntakeForm(op: env.newOperationID()))
        return []
    case .transfer: return openAction(&state, .transfer, env)
    case .resultReady: return openAction(&state, .resultReady, env)
    case .returnResult: return openAction(&state, .returnResult, env)
    case .actions:
        guard let row = state.selectedRow else { return noSelection(&state) }
        let allowed = DossierAction.allCases.filter {
            $0.isAllowed(in: row.summary.state) && AccessPolicy.allows(env.session.role, .dossier($0))
        }
        var menu = ActionMenu(code: row.summary.code, actions: allowed)
        menu.offersFee = AccessPolicy.allows(env.session.role, .takeFee) && FeeDialog.takesFee(in: row.summary.state)
        menu.offersDocuments = AccessPolicy.allows(env.session.role, .recordDocuments) && row.summary.state != .submitted
        state.mode = .actionMenu(menu)
    case .print:
        guard let row = state.selectedRow else { return noSelection(&state) }
        let history = state.detail?.summary.id == row.summary.id ? state.detail?.history : nil
        state.mode = .printMenu(PrintMenu(code: row.summary.code, forms: PrintMenu.forms(for: row.summary, history: history)))
    case .supervisor:
        guard AccessPolicy.allows(env.session.role, .viewReports) else {
            state.message = .error("\(env.session.role.vietnamese) không có quyền xem báo cáo")
            return []
        }
        let grouping: OverdueReport.Grouping = env.session.role >= .supervisor ? .department : .official
        state.mode = .supervisor(SupervisorView(grouping: grouping))
        return [.loadSupervisor(grouping, at: state.now)]
    case .report:
        guard AccessPolicy.allows(env.session.role, .viewReports) else {
            state.message = .error("\(env.session.role.vietnamese) không có quyền xem báo cáo")
            return []
        }
        var view = ReportView(today: state.now.date)
        if let from = ReportView.parse(view.from.text) {
            state.mode = .report(view)
            return [.loadReport(from: from, to: state.now.date, grouping: view.grouping)]
        }
        view.error = nil
        state.mode = .report(view)
    case .quit: state.mode = .confirmQuit
    case .filter: state.mode = .filter
    case .nextPane: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count)!
    case .previousPane: state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
    case .open:
        if state.focus == .warnings {
            // The warnings pane focused: Enter opens the most urgent dossier it shows.
            guard let urgent = state.data.warnings.urgent.first else {
                state.message = .info("Không có hồ sơ gấp.")
                return []
            }
            state.view = .all
            state.filter.clear()
            state.focus = .queue
            state.cursor.want(.code(urgent.summary.code))
            state.mode = .detail(scroll: 0)
            return [.loadQueue(state.queueRequest)]
        }
        guard state.selectedRow != nil else { return noSelection(&state) }
        state.mode = .detail(scroll: 0)
    case .up: return browseMove(&state, -1)
    case .down: return browseMove(&state, 1)
    case .pageUp: return browseMove(&state, -ScreenLayout(state.size).queueRows)
    case .pageDown: return browseMove(&state, ScreenLayout(state.size).queueRows)
    case .top: return browseMove(&state, Int.min / 2)
    case .bottom: return browseMove(&state, Int.max / 2)
    case .view(let v):
        state.view = v
        state.cursor.reset()
        if v == .online { state.message = .info(onlineViewHint) }
        return [.loadQueue(state.queueRequest)]
    case .redraw: return [.redraw]
    case .callNext, .recall, .noShow, .counterQueue:
        return counterKey(&state, command, env)
    }
    return []
}

/// Moves the selection (queue focused) or scrolls the focused pane.
private func browseMove(_ state: inout AppState, _ delta: Int) -> [Effect] {
    switch state.focus {
    case .detail:
        state.detailScroll = max(0, state.detailScroll + max(-1000, min(1000, delta)))
        return []
    case .warnings:
        state.warningsScroll = max(0, state.warningsScroll + max(-1000, min(1000, delta)))
        return []
    case .queue:
        guard !state.data.rows.isEmpty else { return [] }
        let current = state.selectedIndex ?? 0
        let next = max(0, min(state.data.rows.count - 1, current.addingReportingOverflow(delta).partialValue))
        guard let row = state.data.rows[next] else {
            // Beyond the rows made into values: fetch the page around the new place.
            state.cursor.want(.position(next))
            return [.loadQueue(state.queueRequest)]
        }
        state.cursor.select(row.summary.id, at: next, rows: state.data.rows, visible: ScreenLayout(state.size).queueRows)
        state.detailScroll = 0
        return next == current && state.detail != nil ? [] : [.loadDetail(code: row.summary.code)]
    }
}

func noSelection(_ state: inout AppState) -> [Effect] {
    state.message = .error("Chưa chọn hồ sơ nào (dùng ↑↓ để chọn)")
    return []
}
