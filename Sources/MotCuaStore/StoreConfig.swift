import Foundation
import MotCuaCore

/// The store's settings (`config.json`).
public struct StoreConfig: Codable, Sendable, Equatable {
    public var schema: Int
    /// Agency identifier (QCVN 102:2016), e.g. `000.00.xx.H57`: the prefix of every dossier code.
    public var agency: String
    /// The centre's name, printed on forms and in the header.
    public var name: String
    /// A training store: the clock and the login may be simulated (MOTCUA_NOW, MOTCUA_USER).
    public var training: Bool
    public var deadlineModel: DeadlineModel
    public var sessions: [WorkSession]
    /// Octal modes for new files and directories (group-shared by default).
    public var fileMode: String
    public var directoryMode: String
    /// Unix group that owns the store, if any.
    public var group: String?
    /// The body above the centre, first line of printed forms (e.g. "UBND phường Hương Trà").
    public var governingBody: String?
    /// The place name before dates on forms (e.g. "Huế").
    public var place: String?
    /// The desk's telephone, printed on supplement requests.
    public var phone: String?
    public var createdAt: Instant
    /// Working hours the desk has to accept or refuse an online dossier (nil: 8, one working day).
    public var onlineAcceptanceHours: Double? = nil

    public static let defaultOnlineAcceptanceHours = 8.0

    public init(agency: String, name: String, training: Bool, createdAt: Instant) {
        schema = 1
        self.agency = agency
        self.name = name
        self.training = training
        deadlineModel = .workingHours
        sessions = WorkingHours.standard.sessions
        fileMode = "0660"
        directoryMode = "2770"
        group = nil
        self.createdAt = createdAt
    }

    public var fileModeBits: UInt32 { UInt32(fileMode, radix: 8) ?? 0o660 }
    public var directoryModeBits: UInt32 { UInt32(directoryMode, radix: 8) ?? 0o2770 }

    /// QCVN 102:2016 shape: four dot-separated parts, e.g. `000.00.xx.H57`.
    public static func isValidAgency(_ code: String) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.map(\.count) == [3, 2, 2, 3] else { return false }
        return code.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." }
    }
}

/// One official in the users file.
public struct User: Codable, Sendable, Equatable {
    public var login: String
    public var name: String
    public var role: Role
    /// The office (ward branch) the user belongs to, if the store is split by office.
    public var office: String?
    /// The department an officer works in.
    public var department: String?

    public init(login: String, name: String, role: Role, office: String? = nil, department: String? = nil) {
        self.login = login
        self.name = name
        self.role = role
        self.office = office
        self.department = department
    }
}

/// The users file (`users.json`).
///
/// An entry that cannot be used (an unknown role, a missing name) blocks that login only: it is
/// kept in `rejected` with the reason, written back unchanged, and replaced when an admin adds
/// that login again; everyone else keeps working.
public struct UserDirectory: Codable, Sendable, Equatable {
    public var schema = 1
    public var users: [User]
    public private(set) var rejected: [RejectedUser] = []

    public init(users: [User]) { self.users = users }

    public func user(_ login: String) -> User? { users.first { $0.login == login } }
    public func rejection(_ login: String) -> RejectedUser? { rejected.first { $0.raw.login == login } }

    /// Drops the unusable entry of `login` (an admin has just written a valid one, or removed it).
    public mutating func dropRejected(_ login: String) { rejected.removeAll { $0.raw.login == login } }

    enum CodingKeys: String, CodingKey { case schema, users }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decodeIfPresent(Int.self, forKey: .schema) ?? 1
        users = []
        for (n, raw) in try c.decode([RawUser].self, forKey: .users).enumerated() {
            if let user = raw.user { users.append(user) } else { rejected.append(RejectedUser(position: n + 1, raw: raw)) }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(users.map(RawUser.init) + rejected.map(\.raw), forKey: .users)
    }
}

/// One entry of users.json as written, every field optional, so a bad one can be kept and named.
public struct RawUser: Codable, Sendable, Equatable {
    var login: String?
    var name: String?
    var role: String?
    var office: String?
    var department: String?

    init(_ user: User) {
        login = user.login
        name = user.name
        role = user.role.rawValue
        office = user.office
        department = user.department
    }

    var user: User? {
        guard let login, UserDirectory.isValidLogin(login), let name, !name.isEmpty, let role = role.flatMap(Role.init(rawValue:)) else { return nil }
        return User(login: login, name: name, role: role, office: office, department: department)
    }
}

/// An entry of users.json that could not be used, and why, in words an admin can act on.
public struct RejectedUser: Sendable, Equatable {
    public let position: Int
    let raw: RawUser

    public var login: String? { raw.login }

    public var reason: String {
        let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
        let field: String
        if raw.login.map(UserDirectory.isValidLogin) != true {
            field = "\"login\" \(raw.login.map { "'\($0)'" } ?? "thiếu") không hợp lệ (chữ, số, dấu chấm, gạch)"
        } else if raw.name?.isEmpty != false {
            field = "thiếu \"name\" (họ tên)"
        } else {
            field = "\"role\" \(raw.role.map { "'\($0)'" } ?? "thiếu") không hợp lệ (một trong: \(roles))"
        }
        let fix = raw.login.map { "motcua users add \($0) --name \"…\" --role clerk" } ?? "sửa mục này trong tệp"
        return "mục thứ \(position)\(raw.login.map { " (\($0))" } ?? ""): \(field); sửa bằng: \(fix)"
    }
}

extension UserDirectory {

    /// A login as Unix allows it: letters, digits, dot, dash, underscore; not starting with a dash.
    public static func isValidLogin(_ login: String) -> Bool {
        !login.isEmpty && login.count <= 32 && !login.hasPrefix("-")
            && login.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
