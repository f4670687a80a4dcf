#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The file system as the citizen's lookup sees the store: every call that could change a file
/// fails with EROFS before reaching the kernel, so no path of the store's code (an index
/// snapshot after a long replay, a torn line cut, a lock file created) can write on its behalf.
public struct ReadOnlyFileSystem: FileSystem {
    let base: FileSystem

    public init(_ base: FileSystem = PosixFileSystem()) { self.base = base }

    private func refuse(_ operation: String, _ path: String) -> SystemError { SystemError(operation, path, EROFS) }

    public func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemError) -> Int32 {
        let writes = flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND) != 0
        if writes { throw refuse("open", path) }
        return try base.open(path, flags: flags, mode: mode)
    }
    public func close(_ fd: Int32) { base.close(fd) }
    public func pwrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws(SystemError) -> Int {
        throw refuse("write", path)
    }
    public func pread(_ fd: Int32, count: Int, at offset: Int64, path: String) throws(SystemError) -> [UInt8] {
        try base.pread(fd, count: count, at: offset, path: path)
    }
    public func fdatasync(_ fd: Int32, path: String) throws(SystemError) { throw refuse("fdatasync", path) }
    public func fsync(_ fd: Int32, path: String) throws(SystemError) { throw refuse("fsync", path) }
    public func ftruncate(_ fd: Int32, to size: Int64, path: String) throws(SystemError) { throw refuse("ftruncate", path) }
    public func fstat(_ fd: Int32, path: String) throws(SystemError) -> FileStatus { try base.fstat(fd, path: path) }
    public func stat(_ path: String) throws(SystemError) -> FileStatus? { try base.stat(path) }
    public func rename(_ from: String, _ to: String) throws(SystemError) { throw refuse("rename", to) }
    public func unlink(_ path: String) throws(SystemError) { throw refuse("unlink", path) }
    public func mkdir(_ path: String, mode: UInt32) throws(SystemError) { throw refuse("mkdir", path) }
    public func listDirectory(_ path: String) throws(SystemError) -> [String] { try base.listDirectory(path) }
    /// A lock taken on a read-only descriptor changes nothing on disk, but a reader never needs one.
    public func tryLock(_ fd: Int32, exclusive: Bool, path: String) throws(SystemError) -> Bool { throw refuse("flock", path) }
    public func unlock(_ fd: Int32) {}
    public func fchmod(_ fd: Int32, mode: UInt32, path: String) throws(SystemError) { throw refuse("fchmod", path) }
    public func fchown(_ fd: Int32, group: UInt32, path: String) throws(SystemError) { throw refuse("fchown", path) }
}
