import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaDesk
import MotCuaTUI
import TerminalUI

struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk", abstract: "Máy lấy số ở sảnh: chọn lĩnh vực bằng phím chữ hoặc chạm (chuột), in phiếu qua lp. F10: thoát.")

    @Option(name: .customLong("print-command"), help: "Lệnh in phiếu (đọc phiếu 32 cột từ stdin).") var printCommand = "lp"
    @Flag(name: .customLong("no-print"), help: "Không in, chỉ hiện số trên màn hình.") var noPrint = false
    @OptionGroup var store: StoreSelection

    func run() throws {
        let context = try StoreContext.open(store, history: .mapped)
        let desk = context.desk
        let started = Date()
        let clock = { context.now.adding(seconds: Int64(Date().timeIntervalSince(started))) }
        var state = KioskState(size: Size(width: 80, height: 24), centre: context.store.config.name, groups: desk.queueGroups, now: clock())
        let printed = Mailbox<(String, Int32)>()
        // One kiosk session: its presses are numbered, so a press retried after a failure is one ticket.
        let session = UUID().uuidString.prefix(8)
        var presses = 0
        try HallSession.run(mouse: true) { backend, _ in
            state.size = backend.size
            for (number, status) in printed.take() where state.shown?.number == number {
                state.shown?.printed = status == 0 ? "Đã in phiếu" : "Máy in lỗi (mã \(status)): nhớ số trên màn hình"
            }
            backend.present(KioskScreen.render(state, asciiOnly: !backend.isUTF8))
            let event = backend.readEvent(timeoutMs: 250)
            KioskScreen.tick(&state, now: clock())
            guard case .key(let key)? = event else { return true }
            switch KioskScreen.update(&state, key: key) {
            case .none: return true
            case .quit: return false
            case .issue(let group, let priority):
                presses += 1
                do {
                    let commit = try desk.issueTicket(group: group, priority: priority, op: "kiosk-\(session)-\(presses)", now: clock())
                    let e = commit.entry.event
                    let ahead = max(0, commit.day.waiting(groups: [e.group ?? ""]).count - 1)
                    state.shown = .init(number: e.number, groupName: e.groupName ?? "", ahead: ahead, at: commit.entry.at,
                                        printed: noPrint ? nil : "Đang in phiếu…")
                    if !noPrint {
                        let slip = KioskScreen.slip(number: e.number, groupName: e.groupName ?? "", centre: context.store.config.name,
                                                    at: commit.entry.at, ahead: ahead, priority: priority)
                        let number = e.number
                        HallSession.launch(printCommand, input: slip) { printed.put((number, $0)) }
                    }
                } catch {
                    state.message = "Chưa lấy được số: \(error). Vui lòng thử lại hoặc báo cán bộ"
                }
                return true
            }
        }
    }
}
