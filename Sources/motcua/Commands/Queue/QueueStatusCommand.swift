import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

struct QueueStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "Hàng đợi hôm nay: ai đang chờ (ưu tiên trước), mỗi quầy đang phục vụ số nào, các số vừa gọi.")
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = try StoreContext.open(store)
        let day = try context.desk.counterQueue(now: context.now)
        let counters = try context.desk.counters()
        let groups = context.desk.queueGroups
        let waiting = day.waiting()
        if output.json {
            Console.json(.object([
                ("date", .string(day.day.iso)),
                ("groups", .array(groups.map { g in .object([("group", .string(g.letter)), ("name", .string(g.name)),
                                                             ("waiting", .int(Int64(waiting.filter { $0.group == g.letter }.count)))]) })),
                ("counters", .array(counters.map { c in .object([
                    ("counter", .int(Int64(c.number))), ("groups", .array(c.groups.map(JSONText.string))),
                    ("official", c.official.map(JSONText.string) ?? .null),
                    ("ticket", day.current(counter: c.number).map { QueueFigures.ticketJSON($0) } ?? .null)]) })),
                ("waiting", .array(waiting.map { QueueFigures.ticketJSON($0) })),
                ("lastCalls", .array(day.lastCalls(5).map { .object([("number", .string($0.number)), ("counter", .int(Int64($0.counter))),
                                                                      ("at", .string($0.at.iso8601))]) })),
            ]))
            return
        }
        print("Hàng đợi ngày \(day.day.vietnamese): \(waiting.count) người chờ")
        for c in counters {
            let now = day.current(counter: c.number).map { "\($0.number) (\(QueueFigures.stateNames[$0.state] ?? ""))" } ?? "—"
            let who = c.official.map { " · \(context.desk.officials.name($0))" } ?? ""
            let serves = c.groups.isEmpty ? "mọi nhóm" : "nhóm " + c.groups.joined(separator: ",")
            print("Quầy \(c.number) (\(serves)\(who)): \(now)")
        }
        for g in groups {
            let list = waiting.filter { $0.group == g.letter }
            guard !list.isEmpty else { continue }
            let items = list.map { t in "\(t.number)\(t.priority ? "*" : "") chờ \((context.now.seconds - t.issuedAt.seconds) / 60) ph" }
            print("\(g.letter) \(g.name): " + items.joined(separator: ", "))
        }
        if waiting.contains(where: \.priority) { print("* ưu tiên") }
    }
}
