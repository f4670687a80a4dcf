import Foundation
import MotCuaStore
import Synchronization

/// A file system that can inject short writes, full disks and failed syncs and reads, and that
/// logs what was read (in the spirit of SQLite's test VFS).
public final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    public struct Faults {
        /// Write at most this many bytes per call (a short write), then report ENOSPC once exhausted.
        public var bytesBeforeDiskFull: Int?
        public var failDataSync: Int32?
        public var failRead: Int32?
    }

    private let real = PosixFileSystem()
    private let state = Mutex(Faults())
    /// The paths read with `pread`, in order (a test asks what a step read).
    private let readLog = Mutex([String]())

    public init() {}

    public var reads: [String] { readLog.withLock { $0 } }
    public func clearReads() { readLog.withLock { $0 = [] } }

    public func set(_ change: (inout Faults) -> Void) { state.withLock { change(&$0) } }

    public func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemError) -> Int32 { try real.open(path, flags: flags, mode: mode) }
    public func close(_ fd: Int32) { real.close(fd) }

    public func pwrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws(SystemError) -> Int {
        let allowance = state.withLock { $0.bytesBeforeDiskFull }
        if let allowance {
            if allowance <= 0 { throw SystemError("write", path, ENOSPC) }
            let n = try real.pwrite(fd, UnsafeRawBufferPointer(rebasing: bytes.prefix(allowance)), at: offset, path: path)
            state.withLock { $0.bytesBeforeDiskFull = allowance - n }
            return n
        }
        return try real.pwrite(fd, bytes, at: offset, path: path)
    }

    public func pread(_ fd: Int32, count: Int, at offset: Int64, path: String) throws(SystemError) -> [UInt8] {
        if let code = state.withLock({ $0.failRead }) { throw SystemError("read", path, code) }
        readLog.withLock { $0.append(path) }
        return try real.pread(fd, count: count, at: offset, path: path)
    }

    public func fdatasync(_ fd: Int32, path: String) throws(SystemError) {
        if let code = state.withLock({ $0.failDataSync }) { throw SystemError("fdatasync", path, code) }
        try real.fdatasync(fd, path: path)
    }

    public func fsync(_ fd: Int32, path: String) throws(SystemError) { try real.fsync(fd, path: path) }
    public func ftruncate(_ fd: Int32, to size: Int64, path: String) throws(SystemError) { try real.ftruncate(fd, to: size, path: path) }
    public func fstat(_ fd: Int32, path: String) throws(SystemError) -> FileStatus { try real.fstat(fd, path: path) }
    public func stat(_ path: String) throws(SystemError) -> FileStatus? { try real.stat(path) }
    public func rename(_ from: String, _ to: String) throws(SystemError) { try real.rename(from, to) }
    public func unlink(_ path: String) throws(SystemError) { try real.unlink(path) }
    public func mkdir(_ path: String, mode: UInt32) throws(SystemError) { try real.mkdir(path, mode: mode) }
    public func listDirectory(_ path: String) throws(SystemError) -> [String] { try real.listDirectory(path) }
    public func tryLock(_ fd: Int32, exclusive: Bool, path: String) throws(SystemError) -> Bool { try real.tryLock(fd, exclusive: exclusive, path: path) }
    public func unlock(_ fd: Int32) { real.unlock(fd) }
    public func fchmod(_ fd: Int32, mode: UInt32, path: String) throws(SystemError) { try real.fchmod(fd, mode: mode, path: path) }
    public func fchown(_ fd: Int32, group: UInt32, path: String) throws(SystemError) { try real.fchown(fd, group: group, path: path) }
}
