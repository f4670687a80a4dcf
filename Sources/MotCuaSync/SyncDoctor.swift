import MotCuaCore
import MotCuaStore

/// `motcua doctor`'s lines about the portal sync: the credentials' mode, and whether it is behind.
public enum SyncDoctor {
    public static func checks(store: Store, now: Instant) -> [DoctorCheck] {
        guard let settings = (try? SyncSettings.load(from: store)) ?? nil else { return [] }
        var checks: [DoctorCheck] = []
        let credentials = "\(store.syncDirectory)/\(Store.syncCredentialsFile)"
        if let mode = store.syncFileMode(Store.syncCredentialsFile), mode & 0o037 != 0 {
            checks.append(DoctorCheck("sync-credentials", .warning, "\(credentials) có quyền \(String(mode & 0o777, radix: 8)): người khác đọc được mật khẩu kết nối Cổng",
                                      fix: "chmod 600 \(credentials)"))
        }
        guard let report = try? SyncStatusReport(store: store, settings: settings, now: now) else {
            return checks + [DoctorCheck("sync", .warning, "không đọc được trạng thái đồng bộ trong \(store.syncDirectory)")]
        }
        if let behind = report.behindLine {
            checks.append(DoctorCheck("sync", .warning, behind, fix: "motcua sync status; motcua sync push (hoặc kiểm tra dịch vụ motcua-sync)"))
        } else {
            checks.append(DoctorCheck("sync", .ok, "Đồng bộ Cổng DVCQG kịp thời (lần gửi được gần nhất: \(report.lastSuccess?.vietnameseShort ?? "chưa có"))"))
        }
        return checks
    }
}
