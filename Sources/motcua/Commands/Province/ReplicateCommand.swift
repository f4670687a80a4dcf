import ArgumentParser
import Foundation
import MotCuaProvince
import MotCuaStore

/// `motcua replicate --postgres URL [--watch] [--json]`: the centre's journal into the province's
/// PostgreSQL database, line for line (Docs/PROVINCE.md). The work is the province's `Replicator`;
/// this file parses, wires the signals of `--watch` and prints.
struct ReplicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replicate",
        abstract: "Sao chép nhật ký của trung tâm lên cơ sở dữ liệu PostgreSQL của tỉnh (Lãnh đạo, Quản trị).",
        discussion: """
        Mỗi lô --batch dòng là một giao dịch: chạy lại hay bị ngắt giữa chừng không chép dòng nào hai lần; lần sau \
        tiếp từ seq cuối cùng cơ sở dữ liệu đã có. Cơ sở dữ liệu đã có nhật ký khác cho cùng mã cơ quan thì dừng, \
        không gộp. --json in {"replicated":N,"lastSeq":N}. --watch chạy thường trực (mỗi --interval giây), \
        dừng gọn bằng SIGTERM hoặc SIGINT. Mã thoát: 0 xong, 1 lỗi máy chủ hoặc nhật ký, 2 địa chỉ sai, 4 vai trò không được phép.
        """)

    @OptionGroup var postgres: PostgresOption
    @Flag(help: "Chạy thường trực: sao chép ngay khi nhật ký có dòng mới.") var watch = false
    @Option(help: "Số giây giữa hai lần xem nhật ký khi --watch (mặc định 5).") var interval: Double = 5
    @Option(help: "Số dòng mỗi giao dịch (1–20000, mặc định 2000).") var batch = 2_000
    @OptionGroup var store: StoreSelection
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard interval >= 0.1, interval <= 3600 else { throw CLIError.badInput("--interval: từ 0.1 đến 3600 giây") }
        guard (1...20_000).contains(batch) else { throw CLIError.badInput("--batch: từ 1 đến 20000 dòng") }
    }

    func run() throws {
        let context = try StoreContext.open(store, history: .deferred)
        do {
            let address = try postgres.address()
            // The role first: an official who may not replicate learns it without a server round trip.
            try Replicator.checkRole(context.actor)
            let database = try ProvinceDatabase.open(address)
            defer { database.close() }
            let replicator = try Replicator(store: context.store, actor: context.actor, database: database, batchSize: batch)
            if watch {
                WatchLoop(replicator: replicator, interval: interval).run()
            } else {
                let result = try replicator.replicate()
                if output.json {
                    Console.json(result.json)
                } else {
                    print("Đã sao chép \(result.replicated) dòng nhật ký của \(replicator.agency) lên \(address.display); đến seq \(result.lastSeq)")
                }
            }
        } catch {
            throw error.cliError
        }
    }
}

/// `replicate --watch`: a round every interval, a log line when lines went or the problem
/// changed; a server that fails is retried with a doubling wait (at most 5 minutes). SIGTERM and
/// SIGINT end it between rounds; a round cut by kill -9 loses nothing (one transaction a batch).
private struct WatchLoop {
    let replicator: Replicator
    let interval: Double

    func run() {
        let stop = StopSignal()
        var wait = interval
        var lastProblem: String?
        while !stop.requested {
            do {
                let result = try replicator.replicate()
                if result.replicated > 0 { Console.error("replicate: \(result.replicated) dòng, đến seq \(result.lastSeq)") }
                if lastProblem != nil { Console.error("replicate: máy chủ trả lời trở lại, đến seq \(result.lastSeq)") }
                lastProblem = nil
                wait = interval
            } catch {
                if case .differentJournal = error { Console.error(error.description); Foundation.exit(1) }
                if case .damagedJournal = error { Console.error(error.description); Foundation.exit(1) }
                if error.description != lastProblem { Console.error("replicate: \(error.description); thử lại sau") }
                lastProblem = error.description
                wait = min(max(wait, interval) * 2, 300)
            }
            stop.sleep(seconds: wait)
        }
        Console.error("replicate: dừng theo yêu cầu")
    }
}

/// SIGTERM and SIGINT as a request to stop after the current round (and to cut a sleep short).
private final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private let wake = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.withLock { self.stopped = true }
                self.wake.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    var requested: Bool { lock.withLock { stopped } }

    func sleep(seconds: Double) {
        guard !requested else { return }
        _ = wake.wait(timeout: .now() + seconds)
    }
}
