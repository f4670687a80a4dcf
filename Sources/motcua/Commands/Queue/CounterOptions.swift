import ArgumentParser
import MotCuaCore
import MotCuaDesk
import MotCuaStore

/// What every counter command shares: the counter (default: the one the official staffs), the
/// store, the idempotency key and the output.
struct CounterOptions: ParsableArguments {
    @Option(help: "Số quầy (mặc định: quầy được cấu hình cho bạn, motcua counter set N --official LOGIN).") var counter: Int?
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("op"), help: "Khóa thao tác (idempotency): gửi lại đúng lệnh này với cùng khóa không ghi thêm.")
    var op: String?

    func validate() throws {
        if let counter, !(1...99).contains(counter) { throw CLIError.badInput("--counter \(counter): số quầy từ 1 đến 99") }
        if let op, op.isEmpty || op.count > 200 || op.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw CLIError.badInput("--op: khóa thao tác phải từ 1 đến 200 ký tự, không có ký tự điều khiển")
        }
    }

    /// Runs `make(counter)` at the counter and prints the ticket it acted on.
    func perform(_ make: (Int) -> QueueCommand, done: String) throws {
        let context = try StoreContext.open(store)
        // A store with one counter needs no --counter (a fresh store's counter 1).
        let only = try context.desk.counters()
        guard let number = counter ?? context.desk.myCounter()?.number ?? (only.count == 1 ? only[0].number : nil) else {
            throw CLIError.badInput("Bạn chưa được cấu hình quầy nào: thêm --counter N (xem motcua counter list)")
        }
        let commit = try context.desk.queueCommand(make(number), op: op, now: context.now)
        QueueText.printCommit(commit, json: output.json, done: done)
    }
}

enum QueueText {
    static func printCommit(_ commit: QueueCommit, json: Bool, done: String) {
        let ticket = commit.day.ticket(commit.entry.event.number)
        if json {
            var pairs: [(String, JSONText)] = []
            if let ticket, case .object(let fields) = QueueFigures.ticketJSON(ticket) { pairs = fields }
            pairs.append(("seq", .int(commit.entry.seq)))
            pairs.append(("replayed", .bool(commit.replayed)))
            Console.json(.object(pairs))
            return
        }
        let counter = commit.entry.event.counter.map { " đến quầy \($0)" } ?? ""
        let again = commit.replayed ? " (đã ghi trước đó với cùng khóa thao tác)" : ""
        print("\(done): số \(commit.entry.event.number)\(counter) lúc \(commit.entry.at.clockText)\(again)")
    }
}
