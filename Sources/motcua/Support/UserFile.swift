import Foundation
import MotCuaDesk
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A file the user named (`--output`, an import, a head file, a password file): read and written
/// with the user's own rights, never the store's group (a set-group-ID motcua must not read the
/// store's files for a clerk who names them), and never written through a symbolic link
/// (someone else's link in /tmp must not redirect it).
enum UserFile {
    /// The file's bytes, or nil when the user may not read it (or it does not exist).
    static func contents(atPath path: String) -> Data? {
        Privilege.withUserRights { FileManager.default.contents(atPath: path) }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Privilege.withUserRights {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw CLIError.failure("Không ghi được \(path): \(reason(errno))") }
            defer { close(fd) }
            var done = 0
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw CLIError.failure("Không ghi được \(path): \(reason(n < 0 ? errno : ENOSPC))") }
                done += n
            }
            guard fsync(fd) == 0 || errno == EINVAL else { throw CLIError.failure("Không ghi được \(path): \(reason(errno))") }
        }
    }

    private static func reason(_ code: Int32) -> String {
        switch code {
        case ELOOP: return "là một liên kết tượng trưng (symlink); motcua không ghi qua liên kết"
        case EACCES, EPERM: return "không có quyền ghi"
        case ENOSPC, EDQUOT, EFBIG: return "hết chỗ trên đĩa"
        case ENOENT: return "thư mục không tồn tại"
        case EISDIR: return "là một thư mục"
        default: return "lỗi hệ thống (errno \(code))"
        }
    }
}

extension UserFileReader {
    /// Scans named by the user are resolved and read with the user's rights, never the service group's.
    static let asUser = UserFileReader(
        realPath: { path in
            Privilege.withUserRights {
                guard let resolved = realpath(path, nil) else { return nil }
                defer { free(resolved) }
                return String(cString: resolved)
            }
        },
        contents: { path in UserFile.contents(atPath: path).map(Array.init) })
}
