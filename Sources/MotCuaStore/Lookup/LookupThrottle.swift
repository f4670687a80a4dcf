#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation

/// Failed lookups, per source and overall, in `lookup.attempts`: the only file the citizen's
/// lookup writes, derived state (losing it forgets recent failures, nothing else). One line per
/// failure, `<unix seconds>\t<source>`, kept for the window and at most `maxLines`; read and
/// rewritten under `flock` on the file itself (never the writer lock), so concurrent lookups
/// count every failure. A correct pair writes nothing.
public struct LookupThrottle: Sendable {
    public struct Policy: Sendable, Equatable {
        /// The delay after the first failure; each further one doubles it up to `maxDelay`.
        public var baseDelay: Double = 0.5
        public var maxDelay: Double = 8
        /// Failures count for this long.
        public var window: Double = 15 * 60
        /// This many failures from one source in the window lock it out until they age out.
        public var lockoutAfter = 10
        /// This many failures from everyone in the window: every failure waits `maxDelay`…
        public var globalSlowAfter = 100
        /// …and this many lock the lookup out for everyone (guessing at scale, not a citizen's typo).
        public var globalLockoutAfter = 1000
        public var maxLines = 4096

        public init() {}

        /// A policy with every delay scaled (tests, on training stores only).
        public func scaled(baseDelay: Double) -> Policy {
            var p = self
            p.maxDelay = maxDelay / self.baseDelay * baseDelay
            p.baseDelay = baseDelay
            return p
        }
    }

    public enum Verdict: Equatable, Sendable {
        case open
        /// Locked out until this instant (unix seconds).
        case lockedOut(until: Double)
    }

    public static let globalSource = "*"
    let path: String
    let fs: FileSystem
    public let group: UInt32?
    public let policy: Policy

    public init(storePath: String, policy: Policy = Policy(), fs: FileSystem = PosixFileSystem(), group: UInt32? = nil) {
        path = "\(storePath)/lookup.attempts"
        self.fs = fs
        self.group = group
        self.policy = policy
    }

    /// A source as recorded: letters, digits and `.:/_-` only, at most 64 characters.
    public static func sourceName(_ raw: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:/_-")
        let kept = String(raw.filter { allowed.contains($0) }.prefix(64))
        return kept.isEmpty || kept == globalSource ? "unknown" : kept
    }

    /// Whether `source` may try now. An unreadable file locks nobody out (the failure path fails closed).
    public func verdict(source: String, now: Double) -> Verdict {
        let failures = (try? withLockedFile(exclusive: false) { fd in read(fd) }) ?? []
        return verdict(source: Self.sourceName(source), now: now, failures: failures)
    }

    func verdict(source: String, now: Double, failures: [(Double, String)]) -> Verdict {
        let recent = failures.filter { $0.0 > now - policy.window }
        let mine = recent.filter { $0.1 == source }.map(\.0).sorted()
        if recent.count >= policy.globalLockoutAfter {
            return .lockedOut(until: recent.map(\.0).sorted()[recent.count - policy.globalLockoutAfter] + policy.window)
        }
        if mine.count >= policy.lockoutAfter { return .lockedOut(until: mine[mine.count - policy.lockoutAfter] + policy.window) }
        return .open
    }

    /// Records one failure from `source` and answers how long to wait before saying so. A file
    /// that cannot be written costs the longest delay: failing open would let guesses run free.
    public func recordFailure(source: String, now: Double) -> Double {
        let source = Self.sourceName(source)
        let counted: (mine: Int, all: Int)? = try? withLockedFile(exclusive: true) { fd in
            var failures = read(fd).filter { $0.0 > now - policy.window && $0.0 <= now + 60 }
            failures.append((now, source))
            failures = Array(failures.suffix(policy.maxLines))
            let text = failures.map { "\(Int64($0.0))\t\($0.1)\n" }.joined()
            try fs.ftruncate(fd, to: 0, path: path)
            try fs.writeAll(fd, Array(text.utf8), at: 0, path: path)
            return (failures.filter { $0.1 == source }.count, failures.count)
        }
        guard let counted else { return policy.maxDelay }
        if counted.all >= policy.globalSlowAfter { return policy.maxDelay }
        return min(policy.maxDelay, policy.baseDelay * pow(2, Double(min(counted.mine, 30) - 1)))
    }

    private func read(_ fd: Int32) -> [(Double, String)] {
        guard let size = try? fs.fstat(fd, path: path).size, size > 0,
              let bytes = try? fs.pread(fd, count: Int(min(size, 1 << 20)), at: 0, path: path) else { return [] }
        return bytes.split(separator: 10).compactMap { line in
            let fields = line.split(separator: 9, maxSplits: 1)
            guard fields.count == 2, let at = Double(String(decoding: fields[0], as: UTF8.self)) else { return nil }
            return (at, String(decoding: fields[1], as: UTF8.self))
        }
    }

    /// Opens (creating, never through a link) and locks the file for `body`; waits at most 5 s.
    private func withLockedFile<T>(exclusive: Bool, _ body: (Int32) throws -> T) throws -> T {
        let fd = try fs.open(path, flags: exclusive ? O_RDWR | O_CREAT : O_RDONLY, mode: 0o660)
        defer { fs.close(fd) }
        if exclusive, let group { try? fs.fchown(fd, group: group, path: path) }
        let deadline = Date().addingTimeInterval(5)
        while try !fs.tryLock(fd, exclusive: exclusive, path: path) {
            if Date() > deadline { throw SystemError("flock", path, EWOULDBLOCK) }
            usleep(2_000)
        }
        defer { fs.unlock(fd) }
        return try body(fd)
    }
}
