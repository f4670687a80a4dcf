#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaStore

/// `store.boundary` of `motcua doctor`: whether the office's store is reachable only through
/// this program — the binary set-group-ID to the store's group, and nobody in that group
/// (Docs/SECURITY.md). Without either, officials can read and rewrite the files directly.
enum BoundaryDoctor {
    static func check(store: String) -> DoctorCheck {
        if Privilege.droppedForUserPath {
            return DoctorCheck("store.boundary", .ok, "Kho \(store) là kho riêng của người dùng (--data/MOTCUA_DATA): motcua đã bỏ quyền nhóm")
        }
        var st = stat()
        guard stat(store, &st) == 0, let group = getgrgid(st.st_gid) else {
            return DoctorCheck("store.boundary", .warning, "Không xem được nhóm sở hữu thư mục kho \(store)")
        }
        if !Privilege.isElevated && st.st_uid == getuid() {
            return DoctorCheck("store.boundary", .ok, "Kho \(store) là của chính tài khoản này (kho đào tạo, bản sao): không cần ranh giới nhóm")
        }
        let name = String(cString: group.pointee.gr_name)
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/usr/local/bin/motcua"
        var bin = stat()
        let setgid = stat(exe, &bin) == 0 && bin.st_mode & S_ISGID != 0 && bin.st_gid == st.st_gid && bin.st_uid == 0
        let members = members(of: group)
        if !setgid {
            return DoctorCheck("store.boundary", .warning,
                               "motcua (\(exe)) không được cài setgid nhóm \(name): cán bộ chỉ dùng được kho nếu thuộc nhóm, và khi đó đọc, sửa được tệp của kho trực tiếp",
                               fix: "chown root:\(name) \(exe) && chmod 2755 \(exe)   # rồi bỏ mọi cán bộ khỏi nhóm: DEPLOYMENT.md §3")
        }
        guard members.isEmpty else {
            return DoctorCheck("store.boundary", .warning,
                               "Nhóm \(name) có thành viên \(members.joined(separator: ", ")): họ đọc, sửa được tệp của kho trực tiếp, không qua motcua",
                               fix: members.map { "gpasswd -d \($0) \(name)" }.joined(separator: " && "))
        }
        return DoctorCheck("store.boundary", .ok, "Kho chỉ vào được qua motcua (setgid nhóm \(name), nhóm không có thành viên)")
    }

    /// The group's listed members and the accounts whose primary group it is, except the service
    /// account that owns the store's directory tree.
    private static func members(of group: UnsafeMutablePointer<group>) -> [String] {
        var names: [String] = []
        if var member = group.pointee.gr_mem {
            while let name = member.pointee {
                names.append(String(cString: name))
                member += 1
            }
        }
        let gid = group.pointee.gr_gid
        setpwent()
        while let account = getpwent() {
            let login = String(cString: account.pointee.pw_name)
            if account.pointee.pw_gid == gid && account.pointee.pw_uid != 0 && !isServiceAccount(account) && !names.contains(login) {
                names.append(login)
            }
        }
        endpwent()
        return names
    }

    /// A system account that cannot log in (the service account of DEPLOYMENT.md §3).
    private static func isServiceAccount(_ account: UnsafeMutablePointer<passwd>) -> Bool {
        let shell = String(cString: account.pointee.pw_shell)
        return shell.hasSuffix("/nologin") || shell.hasSuffix("/false")
    }
}
