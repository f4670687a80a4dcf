#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation

/// Where the office's store is, as the administrator wrote it in a root-owned file:
/// `/etc/motcua/motcua.conf`, or `motcua.conf` beside the binary when the binary's directory
/// and that file belong to root and only root can write them (a second installation, the
/// tests). A user cannot write either, so a set-group-ID motcua cannot be pointed elsewhere.
///
/// ```
/// # /etc/motcua/motcua.conf
/// data = /srv/motcua
/// ```
enum Installation {
    static let systemConfig = "/etc/motcua/motcua.conf"

    /// The store when neither `--data` nor `MOTCUA_DATA` names one: the configured one, else
    /// `/var/lib/motcua`. A configuration that cannot be trusted stops motcua here (exit 1).
    static let storeDirectory: String = {
        do { return try configuredStore() ?? Environment.defaultDataDirectory } catch {
            Console.error("\(error)")
            exit(1)
        }
    }()

    /// The configured store, nil when no configuration file exists; a file anyone but root could
    /// have written, or one without `data = …`, stops motcua with its path and the fix.
    static func configuredStore() throws -> String? {
        guard let path = configPath() else { return nil }
        if let problem = untrusted(path) ?? untrusted((path as NSString).deletingLastPathComponent) {
            throw CLIError.failure("Tệp cấu hình \(path) không an toàn: \(problem). "
                + "Sửa: chown root:root \(path) && chmod 644 \(path) (thư mục chứa nó cũng của root, không cho người khác ghi)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError.failure("Không đọc được tệp cấu hình \(path)")
        }
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if key == "data", value.hasPrefix("/") { return value }
        }
        throw CLIError.failure("Tệp cấu hình \(path) thiếu dòng 'data = /đường/dẫn/kho' (đường dẫn tuyệt đối)")
    }

    /// `motcua.conf` beside the running binary if that place is root's alone, else the system file, if present.
    static func configPath() -> String? {
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let beside = ((exe as NSString).deletingLastPathComponent as NSString).appendingPathComponent("motcua.conf")
            if exists(beside), untrusted((beside as NSString).deletingLastPathComponent) == nil { return beside }
        }
        return exists(systemConfig) ? systemConfig : nil
    }

    private static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Why a file or directory could have been written by someone other than root, or nil.
    static func untrusted(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return "không đọc được thông tin tệp (\(String(cString: strerror(errno))))" }
        if st.st_uid != 0 { return "chủ sở hữu không phải root (uid \(st.st_uid))" }
        if st.st_mode & 0o022 != 0 { return "nhóm hoặc người khác ghi được (quyền \(String(st.st_mode & 0o7777, radix: 8)))" }
        return nil
    }
}
