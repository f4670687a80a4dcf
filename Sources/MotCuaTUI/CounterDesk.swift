import MotCuaCore
import MotCuaDesk
import TerminalUI

/// The clerk's counter in the terminal app (issue 16): keys c (call next), l (recall), v
/// (absent), 0 (who waits). The counter is the one configured for this official.
func counterKey(_ state: inout AppState, _ command: BrowseCommand, _ env: AppEnvironment) -> [Effect] {
    guard let status = state.counterStatus else {
        state.message = .error("Bạn chưa được cấu hình quầy: quản trị chạy motcua counter set N --official \(env.session.login)")
        return []
    }
    switch command {
    case .callNext: return [.queueCommand(.call(counter: status.number), op: env.newOperationID())]
    case .recall: return [.queueCommand(.recall(counter: status.number, number: nil), op: env.newOperationID())]
    case .noShow: return [.queueCommand(.noShow(counter: status.number), op: env.newOperationID())]
    default:
        state.mode = .counterQueue(scroll: 0)
        return []
    }
}

extension App {
    func counterNotice(_ command: QueueCommand, _ n: String) -> String {
        switch command {
        case .call(let c): return "Mời số \(n) đến quầy \(c)"
        case .recall(let c, _): return "Gọi lại số \(n) đến quầy \(c)"
        case .noShow: return "Số \(n) vắng mặt"
        default: return "Đã ghi: số \(n)"
        }
    }
}

/// Who waits for the clerk's counter, priorities first, with how long.
func renderCounterQueue(_ buffer: inout ScreenBuffer, _ layout: ScreenLayout, _ state: AppState, scroll: Int) {
    let area = Rect(x: 0, y: layout.tabs.y, width: layout.tabs.width, height: layout.status.maxY - layout.tabs.y)
    var lines: [StyledLine] = []
    guard let s = state.counterStatus else {
        lines.append(StyledLine("Bạn chưa được cấu hình quầy nào của hàng đợi số."))
        TextView(lines, scroll: scroll).draw(in: &buffer, area)
        return
    }
    buffer.put(fitting: " HÀNG ĐỢI SỐ — \(s.headerText)", x: 0, y: area.y, width: area.width, role: .dialogTitle)
    for t in s.waiting {
        let minutes = max(0, (state.now.seconds - t.issuedAt.seconds) / 60)
        let mark = t.priority ? "ƯT" : "  "
        lines.append(StyledLine("\(mark) \(t.number)  \(TextWidth.fit(DisplayText.sanitize(t.groupName), to: 22)) lấy \(t.issuedAt.clockText)  chờ \(minutes) phút"))
    }
    if s.waiting.isEmpty { lines.append(StyledLine("Không còn ai chờ.")) }
    TextView(lines, scroll: scroll).draw(in: &buffer, Rect(x: 0, y: area.y + 1, width: area.width, height: area.height - 1))
}
