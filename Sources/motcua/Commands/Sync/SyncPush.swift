import ArgumentParser
import MotCuaCore
import MotCuaStore
import MotCuaSync

extension SyncCommand {
    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Gửi các sự kiện chưa gửi lên Cổng rồi thoát (cho systemd timer hoặc cron).",
            discussion: """
            Mã thoát 0 khi mọi sự kiện đã được Cổng xác nhận, 1 khi còn sự kiện chờ gửi hoặc hồ sơ bị Cổng từ chối \
            (xem motcua sync status). --json in {"sent":N,"pending":N,"parked":N,"lastSeq":N}.
            """)

        @Flag(name: .customLong("retry-parked"), help: "Gửi lại cả các hồ sơ đã bị Cổng từ chối.") var retryParked = false
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func run() throws {
            let context = try StoreContext.open(store)
            let (settings, credentials) = try SyncCommand.configured(context.store)
            let client = PortalClient(settings: settings, password: credentials.password, transport: CurlTransport())
            let outbox = try Outbox(store: context.store, settings: settings, client: client, now: try SyncCommand.clock())
            guard let result = try outbox.push(retryParked: retryParked) else {
                throw CLIError.failure("Một tiến trình gửi khác (sync push hoặc sync watch) đang chạy trên kho này")
            }
            if output.json {
                Console.json(result.json)
            } else {
                print("Đã gửi \(result.sent) sự kiện; chờ gửi \(result.pending); hồ sơ bị từ chối \(result.parked); đến số \(result.lastSeq)")
            }
            if let stopped = result.stopped { Console.error("Dừng gửi: \(DisplayText.sanitize(stopped))") }
            if result.pending > 0 || result.parked > 0 { throw ExitCode(1) }
        }
    }
}
