import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaDesk
import MotCuaTUI
import TerminalUI

struct DisplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "display", abstract: "Màn hình sảnh: số đang phục vụ ở mỗi quầy (chữ số lớn), các số vừa gọi, số người chờ. F10/q: thoát.")

    @Option(name: .customLong("speak-command"), help: "Lệnh đọc mỗi lượt gọi, nhận câu \"Mời số A012 đến quầy 2\" làm tham số cuối (ví dụ: espeak-ng -v vi).")
    var speakCommand: String?
    @OptionGroup var store: StoreSelection

    func run() throws {
        let context = try StoreContext.open(store, history: .mapped)
        let desk = context.desk
        let started = Date()
        let clock = { context.now.adding(seconds: Int64(Date().timeIntervalSince(started))) }
        var state = HallDisplayState(size: Size(width: 80, height: 24), centre: context.store.config.name, counters: try desk.counters(),
                                     groups: desk.queueGroups, queue: try desk.counterQueue(now: clock()), now: clock())
        var previous: CounterQueueDay? = state.queue
        try HallSession.run(mouse: false) { backend, _ in
            state.size = backend.size
            state.now = clock()
            // Every turn (≤ 250 ms): the store's new lines, so a call shows within a second.
            if (try? desk.refresh()) != nil, let queue = try? desk.counterQueue(now: state.now) {
                state.queue = queue
                state.counters = (try? desk.counters()) ?? state.counters
            }
            if let speakCommand {
                for call in HallDisplayScreen.newCalls(from: previous, to: state.queue) {
                    HallSession.launch(speakCommand, argument: HallDisplayScreen.announcement(call))
                }
            }
            previous = state.queue
            backend.present(HallDisplayScreen.render(state, asciiOnly: !backend.isUTF8))
            switch backend.readEvent(timeoutMs: 250) {
            case .key(.function(10))?, .key(.character("q"))?, .hangup?: return false
            case .key(.control("l"))?: backend.invalidate(); return true
            default: return true
            }
        }
    }
}
