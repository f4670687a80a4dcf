import Foundation
import MotCuaCore
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A scan the clerk names: it must lie inside the store's scan folder (symbolic links resolved),
/// and is read with the clerk's own rights to take its SHA-256. Only the path relative to the
/// folder and the hash are kept; the bytes never reach the journal.
enum ScanFile {
    static func reference(_ file: String, scanFolder: String?) throws -> (file: String, sha256: String) {
        guard let scanFolder else {
            throw CLIError.badInput("Chưa cấu hình thư mục bản quét: quản trị chạy 'motcua documents configure --scan-folder THƯ_MỤC'")
        }
        guard let folder = realPath(scanFolder) else {
            throw CLIError.badInput("Không mở được thư mục bản quét \(scanFolder) (không tồn tại hoặc không có quyền); báo quản trị (motcua doctor)")
        }
        let inFolder = "\(folder)/\(file)"
        let candidate = file.hasPrefix("/") ? file : (realPath(inFolder) != nil ? inFolder : FileManager.default.currentDirectoryPath + "/" + file)
        guard let resolved = realPath(candidate) else {
            throw CLIError.badInput("Không đọc được tệp \(file): không tồn tại trong thư mục bản quét \(folder); chưa ghi gì")
        }
        guard resolved.hasPrefix(folder + "/") else {
            throw CLIError.badInput("Tệp \(file) không nằm trong thư mục bản quét \(folder); chép bản quét vào đó rồi ghi lại. Chưa ghi gì")
        }
        guard let bytes = UserFile.contents(atPath: resolved) else {
            throw CLIError.badInput("Không đọc được tệp \(file) (không có quyền đọc hoặc là thư mục); chưa ghi gì")
        }
        return (String(resolved.dropFirst(folder.count + 1)), SHA256.hex(SHA256.hash(Array(bytes))))
    }

    private static func realPath(_ path: String) -> String? {
        Privilege.withUserRights {
            guard let p = realpath(path, nil) else { return nil }
            defer { free(p) }
            return String(cString: p)
        }
    }
}
