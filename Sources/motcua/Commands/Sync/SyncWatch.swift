import ArgumentParser
import Foundation
import MotCuaCore
import MotCuaStore
import MotCuaSync

extension SyncCommand {
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Chạy thường trực: gửi ngay khi nhật ký có sự kiện mới (dịch vụ systemd, xem DEPLOYMENT.md).",
            discussion: """
            Mỗi --interval giây xem nhật ký (một lệnh stat khi không có gì mới). Khi Cổng không trả lời, chờ lâu dần \
            (gấp đôi, tối đa 10 phút) rồi thử lại. Dừng bằng SIGTERM bất cứ lúc nào: mọi bước đã ghi bền vững.
            """)

        @Option(help: "Số giây giữa hai lần xem nhật ký (mặc định 20).") var interval: Double = 20
        @OptionGroup var store: StoreSelection

        func validate() throws {
            guard interval >= 0.1, interval <= 3600 else { throw CLIError.badInput("--interval: từ 0.1 đến 3600 giây") }
        }

        func run() throws {
            let context = try StoreContext.open(store)
            let (settings, credentials) = try SyncCommand.configured(context.store)
            let client = PortalClient(settings: settings, password: credentials.password, transport: URLSessionTransport())
            let outbox = try Outbox(store: context.store, settings: settings, client: client, now: try SyncCommand.clock())
            var wait = interval
            var lastSeqSent: Int64 = -1
            while true {
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
                wait = result.stopped == nil ? interval : min(max(wait, interval) * 2, 600)
                Thread.sleep(forTimeInterval: wait)
            }
        }
    }
}
