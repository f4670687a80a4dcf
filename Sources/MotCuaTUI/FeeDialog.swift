import Foundation
import MotCuaCore
import MotCuaDesk
import TerminalUI

/// F6 → "Thu phí": the amount (the whole of what is owed, to start with), the method and an
/// optional receipt number; without one the store gives the agency's next. The rules (nothing
/// more than owed, a receipt used once) are the store's: a refusal comes back as the status line.
public struct FeeDialog: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable { case amount, method, receipt }

    public let code: String
    public var version: Int
    public let applicant: String
    /// What is still owed, when the detail pane had the dossier loaded.
    public let outstanding: Int?
    public var amount = TextField(limit: 12)
    public var method = PaymentMethod.cash
    public var receipt = TextField(limit: FeeRules.maxReceiptLength)
    public var focus = Field.amount
    public var error: String?
    public var saving = false
    public let op: String

    public init(summary: DossierSummary, outstanding: Int?, op: String) {
        code = summary.code
        version = summary.version
        applicant = summary.applicantName
        self.outstanding = outstanding
        self.op = op
        if let outstanding, outstanding > 0 { amount = TextField(String(outstanding), limit: 12) }
    }

    /// A fee is taken on a dossier still at the desk or in progress, or with its result waiting.
    public static func takesFee(in state: DossierState) -> Bool {
        ![.refused, .withdrawn, .notAccepted, .submitted].contains(state)
    }

    public func command() -> Result<FeeCommand, DialogError> {
        let digits = amount.text.filter { $0 != "." && $0 != " " }
        guard let value = Int(digits), value > 0 else { return .failure(DialogError("Nhập số tiền lớn hơn 0 (đồng)")) }
        if let outstanding, value > outstanding {
            return .failure(DialogError("Số tiền lớn hơn số còn phải nộp (\(Money.text(outstanding)))"))
        }
        return .success(.pay(amount: value, method: method, receipt: receipt.isEmpty ? nil : receipt.text))
    }
}

func openFeeDialog(_ state: inout AppState, _ env: AppEnvironment) -> [Effect] {
    guard let row = state.selectedRow else { return noSelection(&state) }
    guard AccessPolicy.allows(env.session.role, .takeFee) else {
        state.message = .error("\(env.session.role.vietnamese) không có quyền thu phí, lệ phí")
        state.mode = .browse
        return []
    }
    let detail = state.detail?.summary.id == row.summary.id ? state.detail : nil
    let outstanding = detail.map { FeeAccount($0).outstanding }
    if outstanding == 0 {
        state.message = .info("Hồ sơ không còn khoản phí, lệ phí nào phải nộp")
        state.mode = .browse
        return []
    }
    state.mode = .fee(FeeDialog(summary: row.summary, outstanding: outstanding, op: env.newOperationID()))
    return []
}

func feeKey(_ state: inout AppState, _ original: FeeDialog, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    var dialog = original
    defer { if case .fee = state.mode { state.mode = .fee(dialog) } }
    if dialog.saving { return [] }
    var command = KeyMap.dialog.command(for: key)
    if command == .previousChoice || command == .nextChoice, dialog.focus != .method { command = nil }
    switch command {
    case .cancel:
        state.mode = .browse
        return []
    case .confirm:
        return confirmFee(&dialog)
    case .nextOrConfirm:
        if dialog.focus == .receipt { return confirmFee(&dialog) }
        dialog.focus = FeeDialog.Field(rawValue: dialog.focus.rawValue + 1) ?? .receipt
    case .next:
        dialog.focus = FeeDialog.Field(rawValue: dialog.focus.rawValue + 1) ?? .receipt
    case .previous:
        dialog.focus = FeeDialog.Field(rawValue: dialog.focus.rawValue - 1) ?? .amount
    case .previousChoice, .nextChoice:
        let all = PaymentMethod.allCases, step = command == .previousChoice ? -1 : 1
        dialog.method = all[(all.firstIndex(of: dialog.method)! + step + all.count) % all.count]
    case nil:
        switch dialog.focus {
        case .amount: _ = dialog.amount.handle(key)
        case .receipt: _ = dialog.receipt.handle(key)
        case .method:
            if key == .character(" ") {
                let all = PaymentMethod.allCases
                dialog.method = all[(all.firstIndex(of: dialog.method)! + 1) % all.count]
            }
        }
    }
    dialog.error = nil
    return []
}

private func confirmFee(_ dialog: inout FeeDialog) -> [Effect] {
    switch dialog.command() {
    case .failure(let error):
        dialog.error = error.message
        dialog.focus = .amount
        return []
    case .success(let command):
        dialog.saving = true
        return [.fee(command, code: dialog.code, version: dialog.version, op: dialog.op)]
    }
}

func renderFeeDialog(_ buffer: inout ScreenBuffer, _ dialog: FeeDialog, _ env: AppEnvironment) {
    let width = min(72, buffer.size.width - 2)
    let rect = buffer.bounds.centered(width: width, height: 10)
    buffer.fill(rect, role: .dialog)
    buffer.frame(rect, role: .border, title: "Thu phí, lệ phí — \(shortCode(dialog.code, agency: env.session.agency))", titleRole: .dialogTitle)
    let owed = dialog.outstanding.map { " · còn phải nộp \(Money.text($0))" } ?? ""
    buffer.put(fitting: "Người nộp: \(DisplayText.sanitize(dialog.applicant))\(owed)", x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, role: .dialog)
    let labelWidth = 18, inputWidth = rect.width - labelWidth - 4
    func field(_ label: String, _ text: String, _ f: FeeDialog.Field, y: Int, cursor: Int? = nil) {
        buffer.put(fitting: label, x: rect.x + 2, y: y, width: labelWidth, role: .label)
        buffer.put(fitting: text, x: rect.x + 2 + labelWidth, y: y, width: inputWidth, role: dialog.focus == f ? .inputFocused : .input)
        if dialog.focus == f, let cursor { buffer.cursor = CursorPosition(x: rect.x + 2 + labelWidth + cursor, y: y) }
    }
    let amount = dialog.amount.visible(width: inputWidth)
    field("Số tiền (đồng):", amount.text, .amount, y: rect.y + 3, cursor: amount.cursorColumn)
    field("Hình thức:", "◂ \(dialog.method.vietnamese) ▸", .method, y: rect.y + 4)
    let receipt = dialog.receipt.visible(width: inputWidth)
    field("Số biên lai:", receipt.text, .receipt, y: rect.y + 5, cursor: receipt.cursorColumn)
    if dialog.receipt.isEmpty && dialog.focus != .receipt {
        buffer.put("(trống: motcua cấp số tiếp theo)", x: rect.x + 3 + labelWidth, y: rect.y + 5, role: .muted)
    }
    let line: (String, StyleRole) = dialog.saving ? ("Đang lưu…", .message)
        : dialog.error.map { ("✗ " + $0, .error) } ?? ("Ghi khoản thu và số biên lai vào hồ sơ; in biên lai: F7.", .dialog)
    buffer.put(fitting: line.0, x: rect.x + 2, y: rect.y + 7, width: rect.width - 4, role: line.1)
    buffer.put(fitting: KeyMap.dialogHint, x: rect.x + 2, y: rect.y + 8, width: rect.width - 4, role: .muted)
}
