#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// What the store checks ask the operating system beyond `FileSystem`, replaceable in tests
/// (a test cannot mount NFS or fill a disk, and root passes every access check).
public struct DoctorSystem: Sendable {
    /// `statfs(2)` `f_type` of the file system holding a path.
    public var fileSystemType: @Sendable (String) -> UInt64?
    /// Bytes an unprivileged user may still write there (`statvfs`: `f_bavail × f_frsize`).
    public var availableBytes: @Sendable (String) -> Int64?
    /// `access(2)`: may this process read, and when asked write and enter, the path.
    public var accessible: @Sendable (_ path: String, _ write: Bool, _ directory: Bool) -> Bool
    public var groupID: @Sendable (String) -> UInt32?
    public var groupName: @Sendable (UInt32) -> String?
    /// Whether an OS account of that name exists (getpwnam).
    public var userExists: @Sendable (String) -> Bool
    /// Root passes every permission check, so membership does not matter for it.
    public var isRoot: Bool
    /// The effective and supplementary groups of this process.
    public var groups: [UInt32]

    public init(fileSystemType: @escaping @Sendable (String) -> UInt64?, availableBytes: @escaping @Sendable (String) -> Int64?,
                accessible: @escaping @Sendable (String, Bool, Bool) -> Bool, groupID: @escaping @Sendable (String) -> UInt32?,
                groupName: @escaping @Sendable (UInt32) -> String?, userExists: @escaping @Sendable (String) -> Bool, isRoot: Bool, groups: [UInt32]) {
        self.fileSystemType = fileSystemType
        self.availableBytes = availableBytes
        self.accessible = accessible
        self.groupID = groupID
        self.groupName = groupName
        self.userExists = userExists
        self.isRoot = isRoot
        self.groups = groups
    }

    /// The real system, for this process.
    public static var current: DoctorSystem {
        DoctorSystem(
            fileSystemType: fileSystemMagic,
            availableBytes: { path in
                var s = Glibc.statvfs()
                guard systemStatvfs(path, &s) == 0 else { return nil }
                return Int64(s.f_bavail) * Int64(s.f_frsize)
            },
            accessible: { path, write, directory in
                // The effective IDs: a set-group-ID motcua reaches the store through its group.
                Glibc.faccessat(AT_FDCWD, path, R_OK | (write ? W_OK : 0) | (directory ? X_OK : 0), AT_EACCESS) == 0
            },
            groupID: ProcessIdentity.groupID(named:),
            groupName: { gid in getgrgid(gid_t(gid)).flatMap { $0.pointee.gr_name.map { String(cString: $0) } } },
            userExists: { getpwnam($0) != nil },
            isRoot: geteuid() == 0,
            groups: processGroups())
    }

    private static func processGroups() -> [UInt32] {
        let count = getgroups(0, nil)
        var list = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let n = getgroups(count, &list)
        return [UInt32(getegid())] + list.prefix(Int(max(n, 0))).map { UInt32($0) }
    }

    /// `statfs(2)`'s `f_type`, the first field of the struct, a long on every 64-bit Linux.
    private static func fileSystemMagic(_ path: String) -> UInt64? {
        typealias StatfsFunction = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32
        guard MemoryLayout<Int>.size == 8 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 512)                  // struct statfs is 120 bytes
        let status = callSystemFunction("statfs", as: StatfsFunction.self) { statfs in
            buffer.withUnsafeMutableBytes { statfs(path, $0.baseAddress!) }
        }
        guard status == 0 else { return nil }
        return UInt64(UInt32(truncatingIfNeeded: buffer.withUnsafeBytes { $0.load(as: Int.self) }))
    }
}

// A free function, because inside a closure `statvfs` names the struct type.
private func systemStatvfs(_ path: String, _ s: inout Glibc.statvfs) -> Int32 { statvfs(path, &s) }

/// File systems by `statfs` magic number (linux/magic.h), and whether a shared store may live there.
enum FileSystemKind {
    case local(String)
    /// Works, with a caveat for the administrator.
    case caution(String, String)
    /// flock and O_APPEND are not reliable across hosts: a shared journal would be corrupted.
    case refused(String)
    case unknown

    init(magic: UInt64) {
        switch magic {
        case 0xEF53: self = .local("ext4")
        case 0x5846_5342: self = .local("xfs")
        case 0x9123_683E: self = .local("btrfs")
        case 0x2FC1_2FC1: self = .local("zfs")
        case 0xF2F5_2010: self = .local("f2fs")
        case 0x0102_1994: self = .caution("tmpfs", "mất toàn bộ khi khởi động lại máy")
        case 0x794C_7630: self = .caution("overlayfs", "lớp ghi của container mất khi xóa container; hãy gắn thư mục kho từ ổ đĩa máy chủ")
        case 0x6969: self = .refused("NFS")
        case 0xFF53_4D42: self = .refused("CIFS")
        case 0xFE53_4D42: self = .refused("SMB2")
        case 0x517B: self = .refused("SMB")
        case 0x6573_5546: self = .refused("FUSE")
        default: self = .unknown
        }
    }
}

enum ShellText {
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:,@%".unicodeScalars)

    /// A path as the shell reads it back unchanged.
    static func quoted(_ text: String) -> String {
        if !text.isEmpty && text.unicodeScalars.allSatisfy(plain.contains) { return text }
        return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
