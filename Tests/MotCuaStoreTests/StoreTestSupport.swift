import Foundation
import Synchronization
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

func at(_ text: String) -> Instant {
    guard let instant = Instant(iso8601: text) else { preconditionFailure("bad instant \(text)") }
    return instant
}

/// A fresh directory under the system temp dir, removed by `cleanup()`.
struct TempDirectory {
    let path: String

    init(_ label: String = "store") {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-test-\(label)-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// A training store with an admin, a clerk and an officer.
struct TestStore {
    let directory: TempDirectory
    let store: Store
    let admin: Actor
    let clerk: Actor
    let officer: Actor

    var path: String { directory.path + "/s" }

    init(fs: FileSystem = PosixFileSystem(), label: String = "store") throws {
        directory = TempDirectory(label)
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử nghiệm", training: true, createdAt: at("2026-11-01T08:00"))
        let path = directory.path + "/s"
        store = try Store.create(at: path, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin), fs: fs)
        admin = try store.actor(login: "admin", terminal: "test")
        try store.addUser(User(login: "lan", name: "Lê Thị Lan", role: .clerk), actor: admin, now: at("2026-11-01T08:00"))
        try store.addUser(User(login: "hoa", name: "Nguyễn Thị Hoa", role: .officer, department: "VP"), actor: admin, now: at("2026-11-01T08:00"))
        clerk = try store.actor(login: "lan", terminal: "test")
        officer = try store.actor(login: "hoa", terminal: "test")
    }

    func intake(_ name: String = "Nguyễn Văn Ánh", procedure: String = "1.004873") -> Intake {
        Intake(procedureCode: procedure, applicant: Person(name: name, idNumber: "046090001234", phone: "0912345678"))
    }

    @discardableResult
    func receive(_ name: String = "Nguyễn Văn Ánh", at time: String = "2026-11-30T08:00", op: String? = nil) throws -> Commit {
        try store.receive(intake(name), actor: clerk, op: op, now: at(time))
    }

    func journalFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/journal").filter { $0.hasSuffix(".jsonl") }.sorted()
            .map { path + "/journal/" + $0 }
    }
}

/// The real file system with failures injected on demand, like SQLite's test VFS.
final class FaultyFileSystem: FileSystem, @unchecked Sendable {
    struct Faults {
        /// Write at most this many bytes per call (a short write), then report ENOSPC once exhausted.
        var bytesBeforeDiskFull: Int?
        var failDataSync: Int32?
        var failRead: Int32?
    }

    private let real = PosixFileSystem()
    private let state = Mutex(Faults())

    func set(_ change: (inout Faults) -> Void) { state.withLock { change(&$0) } }

    func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemError) -> Int32 { try real.open(path, flags: flags, mode: mode) }
    func close(_ fd: Int32) { real.close(fd) }

    func pwrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String) throws(SystemError) -> Int {
        let allowance = state.withLock { $0.bytesBeforeDiskFull }
        if let allowance {
            if allowance <= 0 { throw SystemError("write", path, ENOSPC) }
            let n = try real.pwrite(fd, UnsafeRawBufferPointer(rebasing: bytes.prefix(allowance)), at: offset, path: path)
            state.withLock { $0.bytesBeforeDiskFull = allowance - n }
            return n
        }
        return try real.pwrite(fd, bytes, at: offset, path: path)
    }

    func pread(_ fd: Int32, count: Int, at offset: Int64, path: String) throws(SystemError) -> [UInt8] {
        if let code = state.withLock({ $0.failRead }) { throw SystemError("read", path, code) }
        return try real.pread(fd, count: count, at: offset, path: path)
    }

    func fdatasync(_ fd: Int32, path: String) throws(SystemError) {
        if let code = state.withLock({ $0.failDataSync }) { throw SystemError("fdatasync", path, code) }
        try real.fdatasync(fd, path: path)
    }

    func fsync(_ fd: Int32, path: String) throws(SystemError) { try real.fsync(fd, path: path) }
    func ftruncate(_ fd: Int32, to size: Int64, path: String) throws(SystemError) { try real.ftruncate(fd, to: size, path: path) }
    func fstat(_ fd: Int32, path: String) throws(SystemError) -> FileStatus { try real.fstat(fd, path: path) }
    func stat(_ path: String) throws(SystemError) -> FileStatus? { try real.stat(path) }
    func rename(_ from: String, _ to: String) throws(SystemError) { try real.rename(from, to) }
    func unlink(_ path: String) throws(SystemError) { try real.unlink(path) }
    func mkdir(_ path: String, mode: UInt32) throws(SystemError) { try real.mkdir(path, mode: mode) }
    func listDirectory(_ path: String) throws(SystemError) -> [String] { try real.listDirectory(path) }
    func tryLock(_ fd: Int32, exclusive: Bool, path: String) throws(SystemError) -> Bool { try real.tryLock(fd, exclusive: exclusive, path: path) }
    func unlock(_ fd: Int32) { real.unlock(fd) }
    func fchmod(_ fd: Int32, mode: UInt32, path: String) throws(SystemError) { try real.fchmod(fd, mode: mode, path: path) }
    func fchown(_ fd: Int32, group: UInt32, path: String) throws(SystemError) { try real.fchown(fd, group: group, path: path) }
}
