import Foundation
import MotCuaCore
import TerminalUI

/// A labelled text input; sets the cursor when focused. Returns the issue whose note was cut
/// beside the field, for the status line to read whole.
@discardableResult
private func inputField(_ buffer: inout ScreenBuffer, label: String, field: TextField, x: Int, y: Int, labelWidth: Int,
                        width: Int, focused: Bool, issue: ValidationIssue? = nil, showEmptyIssue: Bool = false) -> ValidationIssue? {
    buffer.put(fitting: label, x: x, y: y, width: labelWidth, role: .label)
    let visible = field.visible(width: width)
    buffer.put(fitting: visible.text, x: x + labelWidth, y: y, width: width, role: focused ? .inputFocused : .input)
    if focused { buffer.cursor = CursorPosition(x: x + labelWidth + visible.cursorColumn, y: y) }
    if let issue, !field.isEmpty || showEmptyIssue {
        let note = issue.severity == .error ? "✗ \(issue.message)" : "! \(issue.message)"
        let room = buffer.size.width - (x + labelWidth + width + 1)
        buffer.put(note, x: x + labelWidth + width + 1, y: y, role: issue.severity == .error ? .error : .warning, maxWidth: room)
        if TextWidth.of(note) > room { return issue }
    }
    return nil
}

func renderIntake(_ buffer: inout ScreenBuffer, _ layout: ScreenLayout, _ form: IntakeForm, _ state: AppState, _ env: AppEnvironment) {
    let area = Rect(x: 0, y: layout.tabs.y, width: layout.tabs.width, height: layout.status.y - layout.tabs.y)
    buffer.fill(area, role: .normal)
    buffer.put(fitting: " TIẾP NHẬN HỒ SƠ MỚI", x: area.x, y: area.y, width: area.width, role: .dialogTitle)
    let labelWidth = 15
    let inputWidth = min(44, area.width - labelWidth - 22)
    let issues = form.issues(catalogue: env.catalogue)
    var y = area.y + 1
    let chosen = form.procedureCode.flatMap(env.catalogue.procedure)
    inputField(&buffer, label: " Thủ tục:", field: form.procedureQuery, x: 0, y: y, labelWidth: labelWidth, width: min(24, inputWidth),
               focused: form.focus == .procedure)
    if let chosen {
        buffer.put("\(chosen.code) \(chosen.name)", x: labelWidth + min(24, inputWidth) + 1, y: y, role: .emphasis,
                   maxWidth: area.width - labelWidth - min(24, inputWidth) - 1)
    } else if form.focus != .procedure {
        buffer.put("✗ chưa chọn thủ tục", x: labelWidth + min(24, inputWidth) + 1, y: y, role: .error)
    }
    let dropdownY = y + 1
    y += 1
    let rows: [(String, IntakeForm.Field, TextField)] = [
        (" Họ tên:", .name, form.name), (" Số định danh:", .id, form.id), (" Điện thoại:", .phone, form.phone),
        (" Thư điện tử:", .email, form.email), (" Địa chỉ:", .address, form.address),
    ]
    var cutNote: ValidationIssue?                  // the focused field's note, when cut beside it
    for (label, field, text) in rows {
        let cut = inputField(&buffer, label: label, field: text, x: 0, y: y, labelWidth: labelWidth, width: inputWidth,
                   focused: form.focus == field, issue: issues[field], showEmptyIssue: form.attemptedSave)
        if form.focus == field, let cut { cutNote = cut }
        if field == .email && text.isEmpty && form.focus != .email {
            buffer.put("(không bắt buộc: nhận thông báo qua email)", x: labelWidth + 1, y: y, role: .muted)
        }
        y += 1
    }
    buffer.put(fitting: " Kênh nộp:", x: 0, y: y, width: labelWidth, role: .label)
    let channels = Channel.allCases.map { $0 == form.channel ? "[\($0.vietnamese)]" : " \($0.vietnamese) " }.joined(separator: " ")
    buffer.put(channels, x: labelWidth, y: y, role: form.focus == .channel ? .inputFocused : .normal, maxWidth: area.width - labelWidth)
    if form.focus == .channel { buffer.put(" " + KeyMap.channelHint, x: labelWidth + TextWidth.of(channels), y: y, role: .muted) }
    y += 1
    if let cut = inputField(&buffer, label: " Nộp thay:", field: form.proxy, x: 0, y: y, labelWidth: labelWidth, width: inputWidth,
                            focused: form.focus == .proxy, issue: issues[.proxy]), form.focus == .proxy { cutNote = cut }
    if form.proxy.isEmpty && form.focus != .proxy { buffer.put("(trống nếu chính chủ)", x: labelWidth + 1, y: y, role: .muted) }
    y += 1
    if !form.proxy.isEmpty {                       // the proxy's ID, phone and paper, once a proxy is named
        for (label, field, text) in [(" ĐD nộp thay:", IntakeForm.Field.proxyID, form.proxyID), (" ĐT nộp thay:", .proxyPhone, form.proxyPhone)] {
            if let cut = inputField(&buffer, label: label, field: text, x: 0, y: y, labelWidth: labelWidth, width: min(24, inputWidth),
                                    focused: form.focus == field, issue: issues[field]), form.focus == field { cutNote = cut }
            y += 1
        }
        inputField(&buffer, label: " VB ủy quyền:", field: form.proxyDocument, x: 0, y: y, labelWidth: labelWidth, width: inputWidth,
                   focused: form.focus == .proxyDocument)
        if form.proxyDocument.isEmpty && form.focus != .proxyDocument {
            buffer.put("(số, ngày, nơi chứng thực)", x: labelWidth + 1, y: y, role: .muted)
        }
        y += 1
    }
    buffer.put(" Giấy tờ nhận (\(KeyMap.documentsHint)):", x: 0, y: y, role: .label)
    if let chosen, case let due = FeeLine.lines(for: chosen, channel: form.channel).reduce(0, { $0 + $1.amount }), due > 0 {
        // The fee as the catalogue states it for this channel, and F6's mark beside it.
        let text = "Phí \(Money.text(due)) \(form.paidInCash ? "[x]" : "[ ]") đã thu tiền mặt (F6)"
        let x = max(40, area.width - TextWidth.of(text) - 1)
        buffer.put(text, x: x, y: y, role: form.paidInCash ? .emphasis : .label, maxWidth: area.width - x)
    }
    y += 1
    let previewRows = 2
    let docRows = max(1, area.maxY - y - previewRows)
    let focusedDoc: Int? = { if case .document(let i) = form.focus { return i } else { return nil } }()
    ListView(count: form.documents.count, selection: focusedDoc, window: .revealing(from: 0))
        .draw(in: &buffer, Rect(x: 0, y: y, width: area.width, height: docRows)) { buffer, row in
            let doc = form.documents[row.index]
            let box = doc.checked ? "[x]" : "[ ]"
            let text = "  \(box) \(doc.name) (chính \(doc.originals), sao \(doc.copies))\(doc.required ? "" : " – không bắt buộc")"
            buffer.put(fitting: text, x: row.rect.x, y: row.rect.y, width: row.rect.width, role: row.isSelected ? .inputFocused : .normal)
            return true
        }
    if form.documents.isEmpty { buffer.put("   (chọn thủ tục để hiện danh sách giấy tờ)", x: 0, y: y, role: .muted) }
    let previewY = area.maxY - previewRows
    if let preview = form.preview(at: state.now, catalogue: env.catalogue, calendar: env.calendar), let procedure = chosen {
        // Worded as the clerk reads it out and the receipt prints it (68 cells: it fits 80 columns);
        // the processing time and where the count starts go to the line below.
        buffer.put(fitting: " Hẹn trả dự kiến: \(preview.due.vietnameseForCitizen)", x: 0, y: previewY, width: area.width, role: .emphasis)
        let skipped = preview.explanation.filter { $0.kind == .skipped }.count
        buffer.put(fitting: "   \(procedure.processing.vietnamese) tính từ \(preview.effectiveStart.vietnameseShort), "
                       + "bỏ qua \(skipped) ngày nghỉ · \(KeyMap.explainHint)",
                   x: 0, y: previewY + 1, width: area.width, role: .muted)
        if form.showExplanation {
            renderBox(&buffer, title: "Diễn giải hẹn trả", lines: preview.explanation.map(\.text), width: 76)
        }
    } else {
        buffer.put(" Hẹn trả dự kiến: (chọn thủ tục)", x: 0, y: previewY, role: .muted)
    }
    if form.focus == .procedure && !form.matches.isEmpty {
        let list = form.matches.prefix(8).compactMap(env.catalogue.procedure)
        let box = Rect(x: labelWidth - 1, y: dropdownY, width: min(area.width - labelWidth, 64), height: list.count + 2)
        buffer.fill(box, role: .dialog)
        buffer.frame(box, role: .border, title: "\(form.matches.count) thủ tục khớp · \(KeyMap.procedureListHint)")
        for (i, p) in list.enumerated() {
            buffer.put(fitting: " \(p.code) \(p.name)", x: box.x + 1, y: box.y + 1 + i, width: box.width - 2,
                       role: i == form.matchIndex ? .selected : .dialog)
        }
    }
    let statusText: (String, StyleRole)
    if form.saving {
        statusText = (" Đang lưu…", .message)
    } else if let error = form.error {
        statusText = (" \(error)", .error)
    } else if form.confirmingCancel {
        statusText = (" Bỏ hồ sơ đang nhập? \(KeyMap.cancelIntakeHint) · phím khác: nhập tiếp (Esc rồi 2: lưu)", .warning)
    } else if let issue = cutNote {
        // The note beside the focused field is cut there: the status line reads it whole.
        statusText = (" " + (issue.severity == .error ? "✗ " : "! ") + issue.message, issue.severity == .error ? .error : .warning)
    } else if case .document = form.focus {
        statusText = (" \(KeyMap.documentsHint) · \(KeyMap.documentCountsHint) · " + KeyMap.formHint, .muted)
    } else {
        statusText = (" " + KeyMap.formHint, .muted)
    }
    buffer.put(fitting: statusText.0, x: 0, y: layout.status.y, width: layout.status.width, role: statusText.1)
}

func renderActionMenu(_ buffer: inout ScreenBuffer, _ menu: ActionMenu, _ env: AppEnvironment) {
    guard !menu.actions.isEmpty else {
        renderBox(&buffer, title: "Thao tác", lines: ["Không có thao tác nào được phép với hồ sơ này.", KeyMap.emptyMenuHint], width: 56)
        return
    }
    let lines = menu.actions.map { "\(ActionMenu.letter($0))  \($0.vietnamese.prefix(1).uppercased())\($0.vietnamese.dropFirst())" }
        + menu.extras.map { $0 == .fee ? "p  Thu phí, lệ phí" : "s  Số hóa giấy tờ" }
    let roles = lines.indices.map { $0 == menu.index ? StyleRole.selected : .dialog }
    renderBox(&buffer, title: "Thao tác với \(shortCode(menu.code, agency: env.session.agency))", lines: lines, width: 44, roles: roles)
}

func renderDialog(_ buffer: inout ScreenBuffer, _ dialog: ActionDialog, _ env: AppEnvironment) {
    let width = min(76, buffer.size.width - 2)
    let fields = dialog.fields
    let consequence = TextWidth.wrap("Thao tác này sẽ: " + dialog.consequence(env: env), to: width - 4)
    // The extension's sentence grows once the typed date is read (it names the new appointment):
    // room for that is kept from the start, so the box does not move while the clerk types.
    var longest = dialog
    if dialog.action == .extend { longest.until = TextField("27/12/2026 15:46") }      // a Sunday: "Chủ nhật"
    let consequenceRows = max(consequence.count, TextWidth.wrap("Thao tác này sẽ: " + longest.consequence(env: env), to: width - 4).count)
    let errorLines = dialog.error.map { TextWidth.wrap(DisplayText.sanitize($0, keepNewlines: true), to: width - 4) } ?? []
    // One line is always kept for an error (blank without one), so a refused save does not move the box.
    let height = 2 + 1 + fields.count + 1 + consequenceRows + max(1, errorLines.count) + 1
    let rect = buffer.bounds.centered(width: width, height: height)
    buffer.fill(rect, role: .dialog)
    let title = "\(dialog.action.vietnamese.prefix(1).uppercased())\(dialog.action.vietnamese.dropFirst()) — \(shortCode(dialog.code, agency: env.session.agency))"
    buffer.frame(rect, role: .border, title: title, titleRole: .dialogTitle)
    buffer.put(fitting: "Người nộp: \(DisplayText.sanitize(dialog.applicant)) · hẹn trả \(dialog.due.vietnameseShort)",
               x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, role: .dialog)
    var y = rect.y + 2
    let labelWidth = 18
    let inputWidth = rect.width - labelWidth - 4
    for (i, field) in fields.enumerated() {
        let focused = i == dialog.focus
        switch field {
        case .department:
            buffer.put(fitting: "Phòng ban:", x: rect.x + 2, y: y, width: labelWidth, role: .label)
            let code = dialog.departments.indices.contains(dialog.departmentIndex) ? dialog.departments[dialog.departmentIndex] : ""
            buffer.put(fitting: "◂ \(code) \(env.departmentName(code)) ▸", x: rect.x + 2 + labelWidth, y: y, width: inputWidth,
                       role: focused ? .inputFocused : .input)
        case .official:
            buffer.put(fitting: "Cán bộ:", x: rect.x + 2, y: y, width: labelWidth, role: .label)
            buffer.put(fitting: "◂ \(DisplayText.sanitize(dialog.officialLabel)) ▸", x: rect.x + 2 + labelWidth, y: y, width: inputWidth,
                       role: focused ? .inputFocused : .input)
        case .resultForm:
            buffer.put(fitting: "Kết quả:", x: rect.x + 2, y: y, width: labelWidth, role: .label)
            buffer.put(fitting: "◂ \(dialog.resultForm.vietnamese) ▸", x: rect.x + 2 + labelWidth, y: y, width: inputWidth,
                       role: focused ? .inputFocused : .input)
        case .returnMethod:
            buffer.put(fitting: "Trả cho:", x: rect.x + 2, y: y, width: labelWidth, role: .label)
            buffer.put(fitting: "◂ \(dialog.returnMethod.label) ▸", x: rect.x + 2 + labelWidth, y: y, width: inputWidth,
                       role: focused ? .inputFocused : .input)
        case .rating:
            buffer.put(fitting: "Đánh giá:", x: rect.x + 2, y: y, width: labelWidth, role: .label)
            buffer.put(fitting: "◂ \(dialog.ratingChoice.label) ▸", x: rect.x + 2 + labelWidth, y: y, width: inputWidth,
                       role: focused ? .inputFocused : .input)
        default:
            let label: String = {
                switch field {
                case .reason: return "Lý do:"
                case .documents: return "Giấy tờ (;):"
                case .until: return "Hẹn mới:"
                case .proxyName: return "Người nhận thay:"
                case .waybill: return "Số vận đơn:"
                default: return "Ghi chú:"
                }
            }()
            inputField(&buffer, label: label, field: dialog.text(field) ?? TextField(), x: rect.x + 2, y: y, labelWidth: labelWidth,
                       width: inputWidth, focused: focused)
            if field == .until && dialog.until.isEmpty && !focused {
                buffer.put("dd/MM/yyyy HH:mm", x: rect.x + 3 + labelWidth, y: y, role: .muted)
            }
        }
        y += 1
    }
    y += 1
    for line in consequence {
        buffer.put(line, x: rect.x + 2, y: y, role: .emphasis, maxWidth: rect.width - 4)
        y += 1
    }
    y += consequenceRows - consequence.count
    for line in errorLines {
        buffer.put(line, x: rect.x + 2, y: y, role: .error, maxWidth: rect.width - 4)
        y += 1
    }
    let keys = dialog.saving ? "Đang lưu…" : KeyMap.dialogHint
    buffer.put(fitting: keys, x: rect.x + 2, y: rect.maxY - 2, width: rect.width - 4, role: .muted)
}

func renderHelp(_ buffer: inout ScreenBuffer, _ layout: ScreenLayout, scroll: Int, _ env: AppEnvironment) {
    let area = Rect(x: 0, y: layout.tabs.y, width: layout.tabs.width, height: layout.status.maxY - layout.tabs.y)
    var lines: [(String, StyleRole)] = [("TRỢ GIÚP — các phím (sinh từ bảng phím của chương trình)", .dialogTitle)]
    for table in KeyMap.all {
        lines.append(("", .normal))
        lines.append((table.title, .label))
        let width = max(18, table.lines.map { TextWidth.of($0.keys) }.max() ?? 0)
        for (keys, help) in table.lines { lines.append(("  " + TextWidth.fit(keys, to: width) + " " + help, .normal)) }
    }
    lines.append(("", .normal))
    for note in KeyMap.notes { lines.append((note, .muted)) }
    // The codes the narrow columns show (Giữ, the warnings pane, F8), spelled out.
    lines.append(("", .normal))
    lines.append(("Mã phòng ban (cột Giữ, khung cảnh báo, màn hình giám sát)", .label))
    for department in env.catalogue.departments {
        lines.append(("  " + TextWidth.fit(department.code, to: 6) + " " + DisplayText.sanitize(department.name), .normal))
    }
    TextView(lines, scroll: scroll).draw(in: &buffer, area)
}

func renderReceipt(_ buffer: inout ScreenBuffer, _ layout: ScreenLayout, _ view: ReceiptView) {
    let area = Rect(x: 0, y: layout.tabs.y, width: layout.tabs.width, height: layout.status.maxY - layout.tabs.y)
    buffer.put(fitting: " Đã lưu hồ sơ \(view.code) — giấy tiếp nhận và hẹn trả kết quả", x: 0, y: area.y, width: area.width, role: .dialogTitle)
    let lines = view.text.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(DisplayText.sanitize(String($0))) }
    TextView(lines, scroll: view.scroll).draw(in: &buffer, Rect(x: 0, y: area.y + 1, width: area.width, height: area.height - 2))
    let note = view.savedPath.map { "Đã ghi: \($0)" } ?? KeyMap.receiptHint
    buffer.put(fitting: " " + note, x: 0, y: area.maxY - 1, width: area.width, role: view.savedPath == nil ? .muted : .message)
}
