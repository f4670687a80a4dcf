#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import MotCuaCore

/// The files of a store directory.
///
/// ```
/// FORMAT              {"store":"motcua","format":1}: written last at creation
/// config.json         agency, name, training, deadline model, sessions, modes, group
/// users.json          the officials allowed to use the store
/// catalogue.json      the current procedure catalogue (older versions in catalogue/)
/// counters.json       optional: the number queue's counters, their groups and officials
/// calendar/holidays.json   optional: official schedules overriding the shipped ones
/// store.lock          flock target for writers; never renamed or deleted
/// journal/YYYY-MM.jsonl    the source of truth; journal/SEALED lists closed months
/// index/              derived snapshots (rebuilt from the journal when missing or bad)
/// drafts/ logs/ tmp/
/// ```
struct StoreFiles {
    static let formatVersion = 1
    let root: String

    var format: String { "\(root)/FORMAT" }
    var config: String { "\(root)/config.json" }
    var users: String { "\(root)/users.json" }
    var catalogue: String { "\(root)/catalogue.json" }
    /// The number queue's counters (absent: counter 1 calls every group); each change is also an admin line.
    var counters: String { "\(root)/counters.json" }
    var catalogueVersions: String { "\(root)/catalogue" }
    var calendarDir: String { "\(root)/calendar" }
    var holidays: String { "\(root)/calendar/holidays.json" }
    var lock: String { "\(root)/store.lock" }
    var snapshotLock: String { "\(root)/index/snapshot.lock" }
    var journal: String { "\(root)/journal" }
    var sealed: String { "\(root)/journal/SEALED" }
    var index: String { "\(root)/index" }
    var drafts: String { "\(root)/drafts" }
    var logs: String { "\(root)/logs" }
    var tmp: String { "\(root)/tmp" }

    var directories: [String] { [root, journal, index, catalogueVersions, calendarDir, drafts, logs, tmp] }
}

/// Reading and writing the small JSON files, with errors that name the file.
struct JSONFiles {
    let fs: FileSystem

    func read<T: Decodable>(_ type: T.Type, at path: String) throws -> T? {
        let bytes: [UInt8]?
        do { bytes = try fs.readFile(path) } catch { throw StoreError.io(error) }
        guard let bytes else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw StoreError.invalidFile(path: path, reason: Self.describe(error))
        }
    }

    func write<T: Encodable>(_ value: T, at path: String, mode: UInt32, group: UInt32?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        do {
            try fs.atomicReplace(path, with: Array(data) + [10], mode: mode, group: group)
        } catch {
            throw error.isDiskFull ? StoreError.diskFull(error) : StoreError.io(error)
        }
    }

    /// A decoding error in words an administrator can act on.
    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c):
            return "dữ liệu hỏng tại \(path(c.codingPath)): \(c.debugDescription)"
        case DecodingError.keyNotFound(let key, let c):
            return "thiếu khóa \"\(key.stringValue)\" tại \(path(c.codingPath))"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "sai kiểu dữ liệu tại \(path(c.codingPath)): \(c.debugDescription)"
        default:
            return String(describing: error)
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "gốc" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// `FORMAT`: which store layout this is.
struct FormatFile: Codable {
    var store: String
    var format: Int
}

/// The official running motcua, and from where.
public struct Actor: Sendable, Equatable {
    public let login: String
    public let name: String
    public let role: Role
    public let office: String?
    public let department: String?
    public let terminal: String?
    /// The admin's own login when acting with `--as`.
    public let actingAdmin: String?

    public init(user: User, terminal: String?, actingAdmin: String? = nil) {
        login = user.login
        name = user.name
        role = user.role
        office = user.office
        department = user.department
        self.terminal = terminal
        self.actingAdmin = actingAdmin
    }
}

/// The OS account and terminal of this process.
public enum ProcessIdentity {
    /// The login of the real uid (getpwuid), as SSH and the desk terminal know it.
    public static var login: String? {
        guard let pw = getpwuid(getuid()), let name = pw.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// `pts/3`, or `ssh 10.0.0.5` for a ward office's session.
    public static func terminal(environment: [String: String]) -> String? {
        var parts: [String] = []
        if let tty = ttyname(0) {
            let path = String(cString: tty)
            parts.append(path.hasPrefix("/dev/") ? String(path.dropFirst(5)) : path)
        }
        if let client = environment["SSH_CLIENT"]?.split(separator: " ").first {
            parts.append("ssh \(client)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    public static func groupID(named name: String) -> UInt32? {
        guard let group = getgrnam(name) else { return nil }
        return UInt32(group.pointee.gr_gid)
    }
}
