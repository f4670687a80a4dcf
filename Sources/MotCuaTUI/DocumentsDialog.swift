import Foundation
import MotCuaCore
import MotCuaDesk
import TerminalUI

/// F6 → "Số hóa giấy tờ": every submitted paper with its digitisation status, and one of them
/// marked scanned (the file named relative to the scan folder) or reused. The checks on the file
/// (inside the folder, readable, hashed) are the desk's, as for `motcua document`: a refusal comes
/// back as the dialog's error line and nothing is written.
public struct DocumentsDialog: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable { case paper, mark, input }

    /// What the clerk records, in the order the picker offers them.
    public enum Choice: Int, CaseIterable, Sendable {
        case digitised, reused, reusedFromResult

        public var status: DigitisationStatus {
            switch self {
            case .digitised: return .digitised
            case .reused: return .reused
            case .reusedFromResult: return .reusedFromResult
            }
        }
    }

    public let code: String
    public var version: Int
    public let applicant: String
    public let papers: [DocumentsView.Paper]
    /// The paper being marked (a position in `papers`).
    public var selected: Int
    public var choice = Choice.digitised
    /// The scan's file name, or the other dossier's code for `reusedFromResult`.
    public var input = TextField(limit: 255)
    /// Straight on the file name: one key opens the dialog and it asks for the file.
    public var focus = Field.input
    public var error: String?
    public var saving = false
    public let op: String

    public init(dossier: Dossier, op: String) {
        code = dossier.summary.code
        version = dossier.summary.version
        applicant = dossier.summary.applicantName
        papers = DocumentsView(dossier).papers
        selected = papers.firstIndex { $0.record.status == .notDigitised } ?? 0
        self.op = op
    }

    /// Reuse needs no file: its input row is skipped.
    public var fields: [Field] { choice == .reused ? [.paper, .mark] : Field.allCases }

    public var inputLabel: String { choice == .digitised ? "Tệp bản quét:" : "Mã hồ sơ có KQ:" }

    public func mark() -> Result<DocumentMark, DialogError> {
        let text = input.text.trimmingCharacters(in: .whitespaces)
        switch choice {
        case .digitised:
            return text.isEmpty ? .failure(DialogError("Nhập tên tệp bản quét (trong thư mục bản quét)")) : .success(.digitised(file: text))
        case .reused: return .success(.reused)
        case .reusedFromResult:
            return text.isEmpty ? .failure(DialogError("Nhập mã hồ sơ có kết quả được tái sử dụng")) : .success(.reusedFromResult(of: text))
        }
    }

    /// A paper's status as the list shows it, with the scan's file or the dossier it came from.
    static func statusText(_ record: DocumentRecord) -> String {
        switch record.status {
        case .digitised: return record.status.vietnamese + (record.file.map { ": " + TextWidth.truncate(DisplayText.sanitize($0), to: 24) } ?? "")
        case .reusedFromResult: return record.status.vietnamese + (record.from.map { " (\(DisplayText.sanitize($0)))" } ?? "")
        case .notDigitised, .reused: return record.status.vietnamese
        }
    }
}

func openDocumentsDialog(_ state: inout AppState, _ env: AppEnvironment) -> [Effect] {
    guard let row = state.selectedRow else { return noSelection(&state) }
    state.mode = .browse
    guard AccessPolicy.allows(env.session.role, .recordDocuments) else {
        state.message = .error("\(env.session.role.vietnamese) không có quyền ghi nhận số hóa giấy tờ")
        return []
    }
    guard let detail = state.detail, detail.summary.id == row.summary.id else {
        state.message = .info("Đang tải hồ sơ; chọn lại Số hóa giấy tờ sau giây lát")
        return [.loadDetail(code: row.summary.code)]
    }
    let dialog = DocumentsDialog(dossier: detail, op: env.newOperationID())
    guard !dialog.papers.isEmpty else {
        state.message = .info("Hồ sơ không có giấy tờ nào trong thành phần hồ sơ")
        return []
    }
    state.mode = .documents(dialog)
    return []
}

func documentsKey(_ state: inout AppState, _ original: DocumentsDialog, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    var dialog = original
    defer { if case .documents = state.mode { state.mode = .documents(dialog) } }
    if dialog.saving { return [] }
    let fields = dialog.fields
    let position = fields.firstIndex(of: dialog.focus) ?? fields.count - 1
    var command = KeyMap.dialog.command(for: key)
    // ←→ and Space change the paper or the choice; in the text field they are the field's.
    if command == .previousChoice || command == .nextChoice, dialog.focus == .input { command = nil }
    switch command {
    case .cancel:
        state.mode = .browse
        return []
    case .confirm:
        return confirmMark(&dialog)
    case .nextOrConfirm:
        if position == fields.count - 1 { return confirmMark(&dialog) }
        dialog.focus = fields[position + 1]
    case .next: dialog.focus = fields[min(position + 1, fields.count - 1)]
    case .previous: dialog.focus = fields[max(position - 1, 0)]
    case .previousChoice, .nextChoice:
        let step = command == .previousChoice ? -1 : 1
        if dialog.focus == .paper {
            dialog.selected = (dialog.selected + step + dialog.papers.count) % dialog.papers.count
        } else {
            let all = DocumentsDialog.Choice.allCases
            dialog.choice = all[(dialog.choice.rawValue + step + all.count) % all.count]
            dialog.input = TextField(limit: 255)       // a file name is not a dossier code
        }
    case nil:
        if dialog.focus == .input { _ = dialog.input.handle(key) }
    }
    dialog.error = nil
    return []
}

private func confirmMark(_ dialog: inout DocumentsDialog) -> [Effect] {
    switch dialog.mark() {
    case .failure(let error):
        dialog.error = error.message
        dialog.focus = dialog.fields.last ?? .input
        return []
    case .success(let mark):
        dialog.saving = true
        return [.markDocument(index: dialog.papers[dialog.selected].index, mark, code: dialog.code, version: dialog.version, op: dialog.op)]
    }
}

/// At most this many papers are listed at once; the list follows the selected one.
private let visiblePapers = 8

func renderDocumentsDialog(_ buffer: inout ScreenBuffer, _ dialog: DocumentsDialog, _ env: AppEnvironment) {
    let width = min(76, buffer.size.width - 2)
    let listed = min(dialog.papers.count, visiblePapers)
    let rect = buffer.bounds.centered(width: width, height: 13 + listed)
    let inner = rect.width - 4
    buffer.fill(rect, role: .dialog)
    buffer.frame(rect, role: .border, title: "Số hóa giấy tờ — \(shortCode(dialog.code, agency: env.session.agency))", titleRole: .dialogTitle)
    buffer.put(fitting: "Người nộp: \(DisplayText.sanitize(dialog.applicant))", x: rect.x + 2, y: rect.y + 1, width: inner, role: .dialog)
    let folder = env.scanFolder.map { "Thư mục bản quét: \(DisplayText.sanitize($0))" }
        ?? "Chưa cấu hình thư mục bản quét (quản trị: motcua documents configure)"
    buffer.put(fitting: folder, x: rect.x + 2, y: rect.y + 2, width: inner, role: env.scanFolder == nil ? .warning : .muted)
    let first = max(0, min(dialog.selected - listed + 1, dialog.papers.count - listed))
    for (row, paper) in dialog.papers[first..<(first + listed)].enumerated() {
        let isSelected = first + row == dialog.selected
        let lead = (isSelected ? "▸ " : "  ") + "\(paper.index). "
        let status = " — " + DocumentsDialog.statusText(paper.record)
        let name = TextWidth.truncate(DisplayText.sanitize(paper.document.name), to: max(8, inner - TextWidth.of(lead) - TextWidth.of(status)))
        buffer.put(fitting: lead + name + status, x: rect.x + 2, y: rect.y + 4 + row, width: inner, role: isSelected ? .emphasis : .dialog)
    }
    let labelWidth = 18, inputWidth = inner - labelWidth
    var y = rect.y + 5 + listed
    func field(_ label: String, _ text: String, _ f: DocumentsDialog.Field, cursor: Int? = nil) {
        buffer.put(fitting: label, x: rect.x + 2, y: y, width: labelWidth, role: .label)
        buffer.put(fitting: text, x: rect.x + 2 + labelWidth, y: y, width: inputWidth, role: dialog.focus == f ? .inputFocused : .input)
        if dialog.focus == f, let cursor { buffer.cursor = CursorPosition(x: rect.x + 2 + labelWidth + cursor, y: y) }
        y += 1
    }
    field("Giấy tờ:", "◂ số \(dialog.papers[dialog.selected].index) trong \(dialog.papers.count) ▸", .paper)
    field("Ghi nhận:", "◂ \(dialog.choice.status.vietnamese) ▸", .mark)
    if dialog.choice == .reused {
        buffer.put(fitting: "(tái sử dụng: không cần tệp)", x: rect.x + 2, y: y, width: inner, role: .muted)
        y += 1
    } else {
        let input = dialog.input.visible(width: inputWidth)
        field(dialog.inputLabel, input.text, .input, cursor: input.cursorColumn)
    }
    let message: [String]
    let role: StyleRole
    if dialog.saving {
        (message, role) = (["Đang lưu…"], .message)
    } else if let error = dialog.error {
        (message, role) = (TextWidth.wrap("✗ " + DisplayText.sanitize(error), to: inner), .error)
    } else {
        (message, role) = (["Ghi đường dẫn và SHA-256 của tệp bản quét, không lưu nội dung tệp."], .dialog)
    }
    for (i, line) in message.prefix(2).enumerated() {
        buffer.put(fitting: line, x: rect.x + 2, y: y + 1 + i, width: inner, role: role)
    }
    buffer.put(fitting: KeyMap.dialogHint, x: rect.x + 2, y: rect.maxY - 2, width: inner, role: .muted)
}
