import Foundation
import Testing
@testable import MotCuaCore

/// The day's number queue as a pure fold: priorities, numbering, calls, absent, recall, figures.
@Suite("Counter queue fold")
struct CounterQueueTests {
    static let day = CivilDate(2026, 12, 1)
    static let groups = [QueueGroup(letter: "A", name: "Hộ tịch"), QueueGroup(letter: "B", name: "Chứng thực")]
    static let counters = [CounterSetting(number: 1, groups: [], official: "lan"), CounterSetting(number: 2, groups: ["B"], official: "minh")]

    /// Runs commands at the given minutes after 08:00, deciding each on the fold so far.
    struct Day {
        var entries: [QueueEntry] = []
        var queue: CounterQueueDay { CounterQueueDay(day: CounterQueueTests.day, entries: entries) }

        @discardableResult
        mutating func run(_ command: QueueCommand, minute: Int, by: String = "lan") throws -> QueueEvent {
            let event = try queue.decide(command, groups: CounterQueueTests.groups, counters: CounterQueueTests.counters)
            let at = Instant(date: CounterQueueTests.day, time: TimeOfDay(8, 0)).adding(seconds: Int64(minute * 60))
            entries.append(QueueEntry(seq: Int64(entries.count + 1), at: at, by: by, event: event))
            return event
        }
    }

    @Test func numbersArePerGroupAndDay() throws {
        var d = Day()
        #expect(try d.run(.issue(group: "A", priority: false), minute: 0).number == "A001")
        #expect(try d.run(.issue(group: "b", priority: false), minute: 1).number == "B001")
        #expect(try d.run(.issue(group: "ho tich", priority: false), minute: 2).number == "A002")
        // The next day starts again at 001: the fold takes only its own day's lines.
        let tomorrow = CounterQueueDay(day: Self.day.adding(days: 1), entries: d.entries)
        #expect(tomorrow.nextNumber(group: "A") == "A001")
        #expect(tomorrow.tickets.isEmpty)
    }

    @Test func prioritiesAreCalledFirstThenInOrder() throws {
        var d = Day()
        try d.run(.issue(group: "A", priority: false), minute: 0)
        try d.run(.issue(group: "A", priority: false), minute: 1)
        try d.run(.issue(group: "A", priority: true), minute: 2)
        #expect(d.queue.waiting().map(\.number) == ["A003", "A001", "A002"])
        #expect(try d.run(.call(counter: 1), minute: 3).number == "A003")
        #expect(try d.run(.call(counter: 1), minute: 4).number == "A001")
        // Calling the next finishes the counter's previous citizen.
        #expect(d.queue.ticket("A003")?.state == .finished)
        #expect(d.queue.ticket("A003")?.serviceSeconds == 60)
    }

    @Test func aCounterCallsOnlyItsGroups() throws {
        var d = Day()
        try d.run(.issue(group: "A", priority: false), minute: 0)
        #expect(throws: QueueError.nobodyWaiting(counter: 2)) { try d.run(.call(counter: 2), minute: 1) }
        #expect(throws: QueueError.unknownCounter(3, [1, 2])) { try d.run(.call(counter: 3), minute: 1) }
        #expect(throws: QueueError.unknownGroup("Z", Self.groups)) { try d.run(.issue(group: "Z", priority: false), minute: 1) }
    }

    @Test func noShowAndRecall() throws {
        var d = Day()
        try d.run(.issue(group: "A", priority: false), minute: 0)
        try d.run(.issue(group: "A", priority: false), minute: 1)
        try d.run(.call(counter: 1), minute: 2)
        #expect(try d.run(.recall(counter: 1, number: nil), minute: 3).number == "A001")
        #expect(d.queue.ticket("A001")?.recalls == 1)
        #expect(try d.run(.noShow(counter: 1), minute: 4).number == "A001")
        #expect(d.queue.ticket("A001")?.state == .noShow)
        #expect(throws: QueueError.nothingAtCounter(counter: 1)) { try d.run(.noShow(counter: 1), minute: 5) }
        try d.run(.call(counter: 1), minute: 5)
        // The absent citizen comes back: recalled by number, A002 is done.
        #expect(try d.run(.recall(counter: 1, number: "a001"), minute: 9).number == "A001")
        #expect(d.queue.ticket("A002")?.state == .finished)
        #expect(d.queue.current(counter: 1)?.number == "A001")
        #expect(d.queue.lastCalls(3).map(\.number) == ["A001", "A002", "A001"])
        #expect(throws: QueueError.ticketNotAbsent("A002")) { try d.run(.recall(counter: 1, number: "A002"), minute: 10) }
    }

    @Test func startAndFinishMeasureTheService() throws {
        var d = Day()
        try d.run(.issue(group: "B", priority: false), minute: 0)
        try d.run(.call(counter: 2), minute: 10, by: "minh")
        try d.run(.start(counter: 2), minute: 12, by: "minh")
        try d.run(.finish(counter: 2), minute: 20, by: "minh")
        let t = try #require(d.queue.ticket("B001"))
        #expect(t.waitingSeconds == 600)
        #expect(t.serviceSeconds == 480)
        #expect(t.official == "minh")
        #expect(d.queue.current(counter: 2) == nil)
    }

    @Test func theEndOfTheDayClosesWhoStillWaits() throws {
        var d = Day()
        try d.run(.issue(group: "A", priority: false), minute: 0)
        let later = CounterQueueDay(day: Self.day, entries: d.entries, now: Instant(date: Self.day.adding(days: 1)))
        #expect(later.ticket("A001")?.state == .closed)
        #expect(later.waiting().isEmpty)
    }

    @Test func foldNamesLinesThatDoNotFit() {
        let at = Instant(date: Self.day, time: TimeOfDay(9, 0))
        let q = CounterQueueDay(day: Self.day, entries: [QueueEntry(seq: 1, at: at, by: "lan", event: QueueEvent(kind: .called, number: "A009", counter: 1))])
        #expect(q.problems.count == 1)
    }

    @Test func figuresAverageAndNinetiethPercentile() throws {
        #expect(QueueFigures.percentile90([]) == nil)
        #expect(QueueFigures.percentile90([5]) == 5)
        #expect(QueueFigures.percentile90(Array(1...10).map(Int64.init)) == 9)
        #expect(QueueFigures.percentile90(Array(1...20).map(Int64.init)) == 18)
        #expect(QueueFigures.percentile90([1, 2, 100]) == 100)
        var d = Day()
        for m in 0..<4 { try d.run(.issue(group: "A", priority: false), minute: m) }
        try d.run(.call(counter: 1), minute: 10)             // A001 waited 10 min
        try d.run(.call(counter: 1), minute: 15)             // A002 waited 14; A001 served 5
        try d.run(.noShow(counter: 1), minute: 16)
        try d.run(.call(counter: 1), minute: 20)             // A003 waited 18
        try d.run(.finish(counter: 1), minute: 30)           // A003 served 10
        let f = QueueFigures(d.queue)
        #expect(f.total.tickets == 4)
        #expect(f.total.served == 2)
        #expect(f.total.noShows == 1)
        #expect(f.total.waitAverage == Int64(14 * 60))
        #expect(f.total.waitP90 == Int64(18 * 60))
        #expect(f.total.serviceAverage == 450)
        #expect(f.byCounter.map(\.counter) == [1])
        #expect(f.byOfficial.map(\.key) == ["lan"])
        #expect(QueueFigures.duration(450) == "7:30")
    }
}
