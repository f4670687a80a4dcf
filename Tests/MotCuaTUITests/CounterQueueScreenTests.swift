import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// The number queue on screen: the clerk's counter keys and header, the kiosk's choices and
/// touches, the hall display (issue 16).
@Suite("Counter queue screens")
struct CounterQueueScreenTests {
    static let day = Fixture.now.date
    static func ticket(_ number: String, group: String = "A", priority: Bool = false, minutesAgo: Int64 = 5) -> QueueTicket {
        QueueTicket(number: number, group: group, groupName: group == "A" ? "Hộ tịch" : "Chứng thực", priority: priority,
                    issuedAt: Fixture.now.adding(seconds: -minutesAgo * 60))
    }

    @Test func theClerksKeysCallRecallAndMarkAbsentAtTheirCounter() {
        var state = Fixture.state()
        let env = AppEnvironment(session: Fixture.env.session, catalogue: Fixture.env.catalogue, calendar: Fixture.env.calendar, officialNames: [:],
                                 newOperationID: { "op-1" })
        #expect(update(&state, .key(.character("c")), env).isEmpty, "no counter configured: nothing asked")
        #expect(render(state, env).contains("Bạn chưa được cấu hình quầy"))
        var called = Self.ticket("A012")
        called.state = .called
        called.counter = 2
        _ = update(&state, .counterLoaded(CounterStatus(number: 2, current: called, waiting: [Self.ticket("B003", group: "B", priority: true)])), env)
        #expect(render(state, env).lines[0].contains("Quầy 2: A012 (1 chờ)"))
        #expect(update(&state, .key(.character("c")), env) == [.queueCommand(.call(counter: 2), op: "op-1")])
        #expect(update(&state, .key(.character("l")), env) == [.queueCommand(.recall(counter: 2, number: nil), op: "op-1")])
        #expect(update(&state, .key(.character("v")), env) == [.queueCommand(.noShow(counter: 2), op: "op-1")])
        #expect(update(&state, .key(.character("0")), env).isEmpty)
        let screen = render(state, env)
        #expect(screen.contains("HÀNG ĐỢI SỐ — Quầy 2: A012 (1 chờ)"))
        #expect(screen.contains("ƯT B003  Chứng thực"))
        #expect(screen.contains("chờ 5 phút"))
        _ = update(&state, .key(.escape), env)
        #expect(state.mode == .browse)
    }

    static let groups = [QueueGroup(letter: "A", name: "Hộ tịch"), QueueGroup(letter: "B", name: "Chứng thực"), QueueGroup(letter: "C", name: "Đất đai")]

    @Test func theKioskTakesALetterOrATouchOnATile() {
        var kiosk = KioskState(size: Size(width: 80, height: 24), centre: "Phường thử", groups: Self.groups, now: Fixture.now)
        let screen = KioskScreen.render(kiosk)
        #expect(screen.lines[4].hasPrefix(" │ A  Hộ tịch"))
        #expect(screen.contains("│ B  Chứng thực"))
        #expect(KioskScreen.update(&kiosk, key: .character("b")) == .issue(group: "B", priority: false))
        // A touch on the right tile of the first row is Chứng thực; on the second row's left, Đất đai.
        #expect(KioskScreen.update(&kiosk, key: .click(x: 50, y: 4)) == .issue(group: "B", priority: false))
        #expect(KioskScreen.update(&kiosk, key: .click(x: 5, y: 7)) == .issue(group: "C", priority: false))
        #expect(KioskScreen.update(&kiosk, key: .click(x: 5, y: 1)) == KioskAction.none, "the title is no button")
        #expect(KioskScreen.update(&kiosk, key: .character("*")) == KioskAction.none)
        #expect(KioskScreen.render(kiosk).contains("[x] Ưu tiên"))
        #expect(KioskScreen.update(&kiosk, key: .character("a")) == .issue(group: "A", priority: true))
        #expect(!kiosk.priority, "priority is for one ticket")
        kiosk.shown = .init(number: "A012", groupName: "Hộ tịch", ahead: 3, at: Fixture.now, printed: "Đã in phiếu")
        let ticket = KioskScreen.render(kiosk)
        #expect(ticket.contains("3 người chờ trước") && ticket.contains(" ███  █████   █   █████"))
        KioskScreen.tick(&kiosk, now: Fixture.now.adding(seconds: KioskScreen.showSeconds))
        #expect(kiosk.shown == nil, "the ticket leaves the screen for the next citizen")
    }

    @Test func theSlipIs32ColumnsWithoutControlCharacters() {
        let slip = KioskScreen.slip(number: "B007", groupName: "Chứng thực", centre: "Phường \u{1B}[31mthử", at: Fixture.now, ahead: 2, priority: true)
        #expect(slip.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= 32 })
        #expect(slip.contains("Số B007") && slip.contains("(Ưu tiên)") && slip.contains("Trước bạn: 2 người"))
        #expect(!slip.unicodeScalars.contains("\u{1B}"))
    }

    @Test func theHallScreenShowsEachCounterLastCallsAndWaiting() {
        let at = Fixture.now
        let entries = [
            QueueEntry(seq: 1, at: at, by: "lan", event: QueueEvent(kind: .ticketIssued, number: "A001", group: "A", groupName: "Hộ tịch")),
            QueueEntry(seq: 2, at: at, by: "lan", event: QueueEvent(kind: .ticketIssued, number: "B001", group: "B", groupName: "Chứng thực")),
            QueueEntry(seq: 3, at: at, by: "lan", event: QueueEvent(kind: .ticketIssued, number: "A002", group: "A", groupName: "Hộ tịch")),
            QueueEntry(seq: 4, at: at, by: "lan", event: QueueEvent(kind: .called, number: "A001", counter: 1)),
        ]
        let before = CounterQueueDay(day: at.date, entries: entries)
        let after = CounterQueueDay(day: at.date, entries: entries + [QueueEntry(seq: 5, at: at, by: "minh", event: QueueEvent(kind: .called, number: "B001", counter: 2))])
        #expect(HallDisplayScreen.newCalls(from: before, to: after).map(HallDisplayScreen.announcement) == ["Mời số B001 đến quầy 2"])
        let state = HallDisplayState(size: Size(width: 80, height: 24), centre: "Phường thử",
                                     counters: [CounterSetting(number: 1, groups: [], official: "lan"), CounterSetting(number: 2, groups: ["B"], official: "minh"),
                                                CounterSetting(number: 3, groups: [], official: nil)],
                                     groups: Self.groups, queue: after, now: at)
        let lines = HallDisplayScreen.render(state).lines
        #expect(lines[2].hasPrefix(" QUẦY 1                    QUẦY 2                    QUẦY 3"))
        #expect(lines[3].hasPrefix("  ███  █████ █████   █     ████  █████ █████   █"))
        #expect(lines[5].contains("(chưa gọi)"))
        #expect(lines[20].hasPrefix(" Vừa gọi: B001→2  A001→1  "))
        #expect(lines[21].hasPrefix(" Đang chờ (1): A Hộ tịch: 1  "))
        #expect(!lines.joined().contains("lan") && !lines.joined().contains("minh"), "no official, no citizen on the hall screen")
    }
}
