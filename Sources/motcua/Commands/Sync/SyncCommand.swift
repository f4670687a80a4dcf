import ArgumentParser
import MotCuaCore
import MotCuaStore
import MotCuaSync

/// `motcua sync …`: the store's outbox to the national public service portal (Docs/INTEROP.md).
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Đồng bộ trạng thái hồ sơ lên Cổng Dịch vụ công quốc gia (DVCQG).",
        discussion: """
        Mọi sự kiện làm thay đổi điều Cổng biết (tiếp nhận, chuyển, bổ sung, tạm dừng, có kết quả, trả, từ chối, rút, \
        gia hạn) được gửi theo thứ tự nhật ký (DongBoHoSoMC và CapNhatTienDoHoSoMC). Con trỏ đã gửi nằm trong \
        sync/outbox.json của kho (dữ liệu dẫn xuất: mất thì gửi lại, Cổng coi là cập nhật). Chiều ngược lại: \
        sync pull lấy hồ sơ nộp trực tuyến từ --feed-endpoint của Cổng.
        """,
        subcommands: [Configure.self, Push.self, Pull.self, Watch.self, Status.self]
    )
}

extension SyncCommand {
    /// The settings and password of a configured store, or why it cannot sync.
    static func configured(_ store: Store) throws -> (SyncSettings, SyncCredentials) {
        guard let settings = try SyncSettings.load(from: store) else {
            throw CLIError.badInput("Kho chưa cấu hình đồng bộ: quản trị chạy motcua sync configure --adapter-url … trước")
        }
        return (settings, try SyncCredentials.load(from: store))
    }

    /// The clock acknowledgements are timed by: the training clock when set, else the system's, read each time.
    static func clock() throws -> () -> Instant {
        if Environment.clockOverride != nil {
            let fixed = try Clock.current().now
            return { fixed }
        }
        return { Clock.system.now }
    }
}
