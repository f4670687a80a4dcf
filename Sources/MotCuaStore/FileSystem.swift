#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` tells the store about a file.
public struct FileStatus: Equatable, Sendable {
    public let size: Int64
    public let inode: UInt64
    public let mode: UInt32
    public let group: UInt32
    public let isDirectory: Bool
    /// Last modification, nanoseconds since the epoch (a rows file's stamp, Snapshot.swift).
    public var modified: Int64 = 0
}

/// A failed system call, with the path and the errno, for the administrator's message.
public struct SystemError: Error, Equatable, CustomStringConvertible {
    public let operation: String
    public let path: String
    public let code: Int32

    public init(_ operation: String, _ path: String, _ code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// In Vietnamese, with the file for the administrator and the errno to look up.
    public var description: String { "\(operation) \(path): \(Self.vietnamese(code)) (errno \(code))" }

    /// The errors a store meets, in words; others by number only (never the C library's English).
    static func vietnamese(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "ổ đĩa hết dung lượng"
        case EDQUOT: return "vượt hạn mức dung lượng của tài khoản"
        case EFBIG: return "tệp vượt giới hạn kích thước (ulimit -f?)"
        case EACCES, EPERM: return "không có quyền truy cập"
        case ENOENT: return "tệp hoặc thư mục không tồn tại"
        case EIO: return "lỗi thiết bị lưu trữ (đĩa hỏng?)"
        case EROFS: return "ổ đĩa chỉ cho đọc"
        case EMFILE, ENFILE: return "mở quá nhiều tệp cùng lúc"
        case ENOTDIR: return "một phần của đường dẫn không phải thư mục"
        case EISDIR: return "là thư mục, không phải tệp"
        case EEXIST: return "tệp đã tồn tại"
        case ELOOP: return "đường dẫn là liên kết tượng trưng không được theo"
        case ENOMEM: return "hết bộ nhớ"
        case EBADF: return "mô tả tệp không hợp lệ"
        case EAGAIN: return "tạm thời không thực hiện được"
        default: return "lỗi hệ thống"
        }
    }
    public var isDiskFull: Bool { code == ENOSPC || code == EFBIG || code == EDQUOT }
}

/// Every system call the store makes, behind one protocol, so tests can inject short writes,
/// full disks and fsync failures (in the spirit of SQLite's test VFS).
public protocol FileSystem: Sendable {
    func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemError) -> Int32
    func close(_ fd: Int32)
    /// May write fewer bytes than asked (a full disk does that without errno); callers loop.
    func pwrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws(SystemError) -> Int
    func pread(_ fd: Int32, count: Int, at offset: Int64, path: String) throws(SystemError) -> [UInt8]
    func fdatasync(_ fd: Int32, path: String) throws(SystemError)
    func fsync(_ fd: Int32, path: String) throws(SystemError)
    func ftruncate(_ fd: Int32, to size: Int64, path: String) throws(SystemError)
    func fstat(_ fd: Int32, path: String) throws(SystemError) -> FileStatus
    /// nil when the path does not exist.
    func stat(_ path: String) throws(SystemError) -> FileStatus?
    func rename(_ from: String, _ to: String) throws(SystemError)
    func unlink(_ path: String) throws(SystemError)
    func mkdir(_ path: String, mode: UInt32) throws(SystemError)
    func listDirectory(_ path: String) throws(SystemError) -> [String]
    /// Non-blocking exclusive/shared lock; false when someone else holds it.
    func tryLock(_ fd: Int32, exclusive: Bool, path: String) throws(SystemError) -> Bool
    func unlock(_ fd: Int32)
    func fchmod(_ fd: Int32, mode: UInt32, path: String) throws(SystemError)
    func fchown(_ fd: Int32, group: UInt32, path: String) throws(SystemError)
}

/// The real thing: thin wrappers over Glibc, each retrying EINTR.
public struct PosixFileSystem: FileSystem {
    public init() {}

    /// A file the store may create (journal, lock, SEALED, snapshots) is never opened through a
    /// symbolic link: one planted in the store's place would make a writer append elsewhere.
    public func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemError) -> Int32 {
        let flags = flags & O_CREAT != 0 ? flags | O_NOFOLLOW : flags
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode_t(mode))
            if fd >= 0 { return fd }
            if errno != EINTR { throw SystemError("open", path, errno) }
        }
    }

    public func close(_ fd: Int32) { _ = Glibc.close(fd) }

    public func pwrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws(SystemError) -> Int {
        while true {
            let n = Glibc.pwrite(fd, bytes.baseAddress, bytes.count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw SystemError("write", path, errno) }
        }
    }

    public func pread(_ fd: Int32, count: Int, at offset: Int64, path: String) throws(SystemError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = result.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError("read", path, errno)
            }
            if n == 0 { break }
            done += n
        }
        if done < count { result.removeSubrange(done...) }
        return result
    }

    public func fdatasync(_ fd: Int32, path: String) throws(SystemError) {
        if Glibc.fdatasync(fd) != 0 { throw SystemError("fdatasync", path, errno) }
    }

    public func fsync(_ fd: Int32, path: String) throws(SystemError) {
        if Glibc.fsync(fd) != 0 { throw SystemError("fsync", path, errno) }
    }

    public func ftruncate(_ fd: Int32, to size: Int64, path: String) throws(SystemError) {
        while Glibc.ftruncate(fd, off_t(size)) != 0 {
            if errno != EINTR { throw SystemError("ftruncate", path, errno) }
        }
    }

    public func fstat(_ fd: Int32, path: String) throws(SystemError) -> FileStatus {
        var st = Glibc.stat()
        guard Glibc.fstat(fd, &st) == 0 else { throw SystemError("fstat", path, errno) }
        return FileStatus(st)
    }

    public func stat(_ path: String) throws(SystemError) -> FileStatus? {
        var st = Glibc.stat()
        guard systemStat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw SystemError("stat", path, errno)
        }
        return FileStatus(st)
    }

    public func rename(_ from: String, _ to: String) throws(SystemError) {
        guard Glibc.rename(from, to) == 0 else { throw SystemError("rename", "\(from) → \(to)", errno) }
    }

    public func unlink(_ path: String) throws(SystemError) {
        guard Glibc.unlink(path) == 0 || errno == ENOENT else { throw SystemError("unlink", path, errno) }
    }

    public func mkdir(_ path: String, mode: UInt32) throws(SystemError) {
        guard Glibc.mkdir(path, mode_t(mode)) == 0 || errno == EEXIST else { throw SystemError("mkdir", path, errno) }
    }

    public func listDirectory(_ path: String) throws(SystemError) -> [String] {
        guard let dir = opendir(path) else { throw SystemError("opendir", path, errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func tryLock(_ fd: Int32, exclusive: Bool, path: String) throws(SystemError) -> Bool {
        while true {
            if systemFlock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 { return true }
            if errno == EWOULDBLOCK { return false }
            if errno != EINTR { throw SystemError("flock", path, errno) }
        }
    }

    public func unlock(_ fd: Int32) { _ = systemFlock(fd, LOCK_UN) }

    public func fchmod(_ fd: Int32, mode: UInt32, path: String) throws(SystemError) {
        guard Glibc.fchmod(fd, mode_t(mode)) == 0 else { throw SystemError("chmod", path, errno) }
    }

    public func fchown(_ fd: Int32, group: UInt32, path: String) throws(SystemError) {
        guard Glibc.fchown(fd, uid_t.max, gid_t(group)) == 0 else { throw SystemError("chown", path, errno) }
    }
}

// Free functions, because inside the struct `stat`/`flock` name the struct types.
private func systemStat(_ path: String, _ st: inout Glibc.stat) -> Int32 { stat(path, &st) }
private func systemFlock(_ fd: Int32, _ operation: Int32) -> Int32 { flock(fd, operation) }

extension FileStatus {
    init(_ st: Glibc.stat) {
        size = Int64(st.st_size)
        inode = UInt64(st.st_ino)
        mode = UInt32(st.st_mode)
        group = UInt32(st.st_gid)
        isDirectory = (st.st_mode & S_IFMT) == S_IFDIR
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }
}

// MARK: - Helpers built on the seam

extension FileSystem {
    /// Writes every byte at `offset`, looping over short writes. A zero-byte write means the disk
    /// refused more without saying why (a full tmpfs does that), reported as ENOSPC.
    public func writeAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int64, path: String) throws(SystemError) {
        var done = 0
        while done < bytes.count {
            let result: Result<Int, SystemError> = bytes.withUnsafeBytes { raw in
                Result { () throws(SystemError) -> Int in
                    try pwrite(fd, UnsafeRawBufferPointer(rebasing: raw[done...]), at: offset + Int64(done), path: path)
                }
            }
            let n = try result.get()
            if n == 0 { throw SystemError("write", path, ENOSPC) }
            done += n
        }
    }

    /// The whole file, or nil when it does not exist.
    public func readFile(_ path: String) throws(SystemError) -> [UInt8]? {
        let fd: Int32
        do { fd = try open(path, flags: O_RDONLY, mode: 0) } catch where error.code == ENOENT { return nil }
        defer { close(fd) }
        let size = try fstat(fd, path: path).size
        return try pread(fd, count: Int(size), at: 0, path: path)
    }

    /// Makes a directory entry durable.
    public func fsyncDirectory(_ path: String) throws(SystemError) {
        let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, mode: 0)
        defer { close(fd) }
        try fsync(fd, path: path)
    }

    /// tmp (O_EXCL, same directory) → write all → fsync → rename → fsync(dir): readers see the old
    /// file or the new one, never half of either, and the result survives a power cut.
    public func atomicReplace(_ path: String, with bytes: [UInt8], mode: UInt32, group: UInt32?) throws(SystemError) {
        try atomicReplace(path, mode: mode, group: group) { (fd, tmp) throws(SystemError) in try writeAll(fd, bytes, at: 0, path: tmp) }
    }

    /// As above, `write` filling the temporary file (given its descriptor and path) in place of a buffer.
    func atomicReplace(_ path: String, mode: UInt32, group: UInt32?, write: (Int32, String) throws(SystemError) -> Void) throws(SystemError) {
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let tmp = "\(dir)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = try open(tmp, flags: O_WRONLY | O_CREAT | O_EXCL, mode: mode)
        var published = false
        defer {
            close(fd)
            if !published { try? unlink(tmp) }
        }
        try fchmod(fd, mode: mode, path: tmp)
        if let group { try? fchown(fd, group: group, path: tmp) }
        try write(fd, tmp)
        try fsync(fd, path: tmp)
        try rename(tmp, path)
        published = true
        try fsyncDirectory(dir.isEmpty ? "." : dir)
    }
}
