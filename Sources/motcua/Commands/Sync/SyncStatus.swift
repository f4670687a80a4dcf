import ArgumentParser
import MotCuaCore
import MotCuaStore
import MotCuaSync

extension SyncCommand {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Độ trễ đồng bộ: số sự kiện chờ, hồ sơ bị từ chối, lần gửi được gần nhất, tỷ lệ đồng bộ đúng hạn.",
            discussion: """
            onTimeShare: trong các hồ sơ có sự kiện trong tháng này, tỷ lệ hồ sơ mà mọi sự kiện tới Cổng trong vòng \
            --within phút (chỉ số DOSSIER_SYNC của QĐ 766). Không gửi gì, không cần mạng.
            """)

        @Option(help: "Số phút được coi là đúng hạn (mặc định 15).") var within: Int = 15
        @OptionGroup var store: StoreSelection
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (1...10080).contains(within) else { throw CLIError.badInput("--within: từ 1 đến 10080 phút") }
        }

        func run() throws {
            let context = try StoreContext.open(store)
            let settings = try SyncSettings.load(from: context.store)
            let report = try SyncStatusReport(store: context.store, settings: settings, now: context.now, withinMinutes: within)
            if output.json { Console.json(report.json); return }
            guard let settings else { print("Kho chưa cấu hình đồng bộ Cổng (motcua sync configure)."); return }
            print("Cổng: \(settings.adapterURL) (mã đơn vị \(settings.madonvi))")
            print("Chờ gửi: \(report.pending) sự kiện" + (report.pending > 0 ? ", cũ nhất \(report.oldestPendingAgeSeconds) giây" : ""))
            print("Lần gửi được gần nhất: \(report.lastSuccess?.vietnameseShort ?? "chưa có")")
            print("Đúng hạn (\(within) phút): \(Int((report.onTimeShare * 100).rounded())) % hồ sơ trong tháng")
            for entry in report.parked {
                print("Bị từ chối: \(entry.code) — \(DisplayText.sanitize(entry.reason))")
            }
        }
    }
}
