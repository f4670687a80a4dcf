import Foundation
import MotCuaStore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `doctor`: the scan folder is there and the account running it can read it (scans are hashed
/// with the clerk's own rights).
enum ScanDoctor {
    static func check(store: Store?) -> DoctorCheck {
        guard let folder = store?.documentSettings()?.scanFolder else {
            return DoctorCheck("documents.scan-folder", .ok, "Chưa cấu hình thư mục bản quét (chỉ cần khi ghi nhận số hóa giấy tờ)",
                               fix: "motcua documents configure --scan-folder THƯ_MỤC")
        }
        var isDirectory: ObjCBool = false
        let readable = Privilege.withUserRights {
            FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue && access(folder, R_OK | X_OK) == 0
        }
        guard readable else {
            return DoctorCheck("documents.scan-folder", .failure,
                               "Thư mục bản quét \(folder) không tồn tại hoặc tài khoản này không đọc được",
                               fix: "tạo thư mục và cấp quyền đọc cho nhóm cán bộ, hoặc: motcua documents configure --scan-folder THƯ_MỤC")
        }
        return DoctorCheck("documents.scan-folder", .ok, "Thư mục bản quét \(folder) đọc được")
    }
}
