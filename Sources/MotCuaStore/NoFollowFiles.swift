#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Files the program writes where another official could have put a symbolic link or a hard
/// link first (`output/`, `logs/` of a store shared through a group): the directory is opened
/// without following a link, the file is created inside it with `O_EXCL | O_NOFOLLOW` and renamed
/// over the name (a link there is replaced, not followed), and a log is only appended to when it
/// is this user's own plain file.
public enum NoFollowFiles {
    /// Replaces `directory/name` with `bytes`, durably: readers see the old file or the new one.
    public static func replace(directory: String, name: String, bytes: [UInt8], mode: UInt32, group: UInt32?) throws(SystemError) {
        let dir = try openDirectory(directory)
        defer { close(dir) }
        let tmp = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw SystemError("open", "\(directory)/\(tmp)", errno) }
        var published = false
        defer {
            close(fd)
            if !published { unlinkat(dir, tmp, 0) }
        }
        _ = fchmod(fd, mode_t(mode))
        if let group { _ = fchown(fd, uid_t.max, gid_t(group)) }
        try PosixFileSystem().writeAll(fd, bytes, at: 0, path: "\(directory)/\(name)")
        guard fsync(fd) == 0 else { throw SystemError("fsync", "\(directory)/\(name)", errno) }
        guard renameat(dir, tmp, dir, name) == 0 else { throw SystemError("rename", "\(directory)/\(name)", errno) }
        published = true
        _ = fsync(dir)
    }

    /// `directory/name` opened for appending (created `mode` if missing), or nil when it is a link,
    /// not a plain file, someone else's, or has other names (a hard link to a file elsewhere).
    public static func openLog(directory: String, name: String, mode: UInt32) -> Int32? {
        guard let dir = try? openDirectory(directory) else { return nil }
        defer { close(dir) }
        let fd = openat(dir, name, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == getuid(), st.st_nlink == 1 else {
            close(fd)
            return nil
        }
        return fd
    }

    private static func openDirectory(_ path: String) throws(SystemError) -> Int32 {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("open", path, errno) }
        return fd
    }
}
