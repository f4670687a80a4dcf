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
public struct UserDirectory: Codable, Sendable, Equatable {
    public var schema = 1
    public var users: [User]

    public init(users: [User]) { self.users = users }

    public func user(_ login: String) -> User? { users.first { $0.login == login } }

    /// A login as Unix allows it: letters, digits, dot, dash, underscore; not starting with a dash.
    public static func isValidLogin(_ login: String) -> Bool {
        !login.isEmpty && login.count <= 32 && !login.hasPrefix("-")
            && login.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
