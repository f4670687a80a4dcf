import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaDesk
import MotCuaStore
import MotCuaSync

extension SyncCommand {
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Chạy thường trực: gửi ngay khi nhật ký có sự kiện mới (dịch vụ systemd, xem DEPLOYMENT.md).",
            discussion: """
            Mỗi --interval giây xem nhật ký (một lệnh stat khi không có gì mới). Khi Cổng không trả lời, chờ lâu dần \
            (gấp đôi, tối đa 10 phút) rồi thử lại. Dừng bằng SIGTERM bất cứ lúc nào: mọi bước đã ghi bền vững. \
            Khi đã cấu hình --feed-endpoint (sync configure), mỗi vòng cũng lấy hồ sơ trực tuyến mới như sync pull \
            (tài khoản dịch vụ cần quyền tiếp nhận: cán bộ một cửa trở lên).
            """)

        @Option(help: "Số giây giữa hai lần xem nhật ký (mặc định 20).") var interval: Double = 20
        @OptionGroup var store: StoreSelection

        func validate() throws {
            guard interval >= 0.1, interval <= 3600 else { throw CLIError.badInput("--interval: từ 0.1 đến 3600 giây") }
        }

        func run() throws {
            let context = try StoreContext.open(store)
            let (settings, credentials) = try SyncCommand.configured(context.store)
            let client = PortalClient(settings: settings, password: credentials.password, transport: CurlTransport())
            let outbox = try Outbox(store: context.store, settings: settings, client: client, now: try SyncCommand.clock())
            let clock = try SyncCommand.clock()
            var feed = FeedRound(settings)
            var wait = interval
            var lastSeqSent: Int64 = -1
            while true {
                let pulled = feed.pull(context.desk, client, now: clock())
                guard let result = try outbox.push() else {
                    Console.error("sync: một tiến trình gửi khác đang chạy; chờ")
                    Thread.sleep(forTimeInterval: interval)
                    continue
                }
                if result.sent > 0 || result.lastSeq != lastSeqSent || result.stopped != nil {
                    Console.error("sync: gửi \(result.sent), chờ \(result.pending), từ chối \(result.parked), đến số \(result.lastSeq)"
                                  + (result.stopped.map { "; dừng: \(DisplayText.sanitize($0))" } ?? ""))
                    lastSeqSent = result.lastSeq
                }
                wait = result.stopped == nil && pulled ? interval : min(max(wait, interval) * 2, 600)
                Thread.sleep(forTimeInterval: wait)
            }
        }
    }
}

/// `sync watch`'s pull of the feed each round: one log line when something came in or the
/// problem changed, not one per round while the portal stays down.
struct FeedRound {
    let endpoint: String?
    /// The feed's address, for the log (never the password).
    let address: String
    private var lastProblem: String?
    /// Refused records come back every round until the portal drops them: said once per change.
    private var lastRefused = 0

    init(_ settings: SyncSettings) {
        endpoint = settings.feedEndpoint
        address = settings.adapterURL + (settings.feedEndpoint ?? "")
    }

    /// False when the portal gave nothing (so the round backs off as a failed push does).
    mutating func pull(_ desk: Desk, _ client: PortalClient, now: Instant) -> Bool {
        guard let endpoint else { return true }
        var problem: String?
        do {
            switch try desk.pullInbox(through: client, from: endpoint, now: now) {
            case .imported(let result):
                if !result.imported.isEmpty || result.refused.count != lastRefused {
                    Console.error("sync: nhận \(result.imported.count) hồ sơ trực tuyến, từ chối \(result.refused.count) bản ghi")
                }
                lastRefused = result.refused.count
            case .portalUnavailable(let why):
                problem = "không lấy được hồ sơ trực tuyến từ \(address): \(why)"
            }
        } catch {
            problem = "không nhập được hồ sơ trực tuyến: \(error)"
        }
        if let problem, problem != lastProblem { Console.error("sync: \(problem)") }
        lastProblem = problem
        return problem == nil
    }
}
