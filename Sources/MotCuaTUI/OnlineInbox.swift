import MotCuaCore
import MotCuaDesk

// The queue view of online dossiers waiting for acceptance (issue 13): F2 there accepts the
// selected dossier (the receipt follows, as after a receive); F6 offers the refusal.

extension QueueView {
    /// The tabs of the tab line: the online view only while it has dossiers or is open, so a desk
    /// without online dossiers keeps its eight tabs.
    static func tabs(counts: [QueueView: Int], selected: QueueView) -> [QueueView] {
        allCases.filter { $0 != .online || (counts[.online] ?? 0) > 0 || selected == .online }
    }

    /// The views the "1–8 đổi danh sách" hint names (9 is in the help and the tab line).
    static var hinted: [QueueView] { allCases.filter { $0 != .online } }
}

/// F2 in the online view on a dossier waiting for acceptance: accept it. Nil: F2 opens the intake form.
func acceptSelectedOnline(_ state: inout AppState, _ env: AppEnvironment) -> [Effect]? {
    guard state.view == .online, let row = state.selectedRow, row.summary.state == .submitted else { return nil }
    state.message = .info("Đang tiếp nhận hồ sơ trực tuyến \(row.summary.code)…")
    return [.accept(code: row.summary.code, version: row.summary.version, op: env.newOperationID())]
}

/// The answer to an acceptance: the receipt, then the dossier among those just received.
func accepted(_ state: inout AppState, code: String, receipt: String) -> [Effect] {
    state.mode = .receipt(ReceiptView(code: code, text: receipt))
    state.message = .info("Đã tiếp nhận hồ sơ trực tuyến \(code)")
    state.view = .received
    state.cursor.want(.code(code))
    return [.loadQueue(state.queueRequest)]
}

/// What the online view's status line says when it is opened.
let onlineViewHint = "F2: tiếp nhận hồ sơ đang chọn (kiểm tra giấy tờ, in giấy tiếp nhận) · F6: không tiếp nhận (nêu lý do)"
