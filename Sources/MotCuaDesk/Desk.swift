import Foundation
import MotCuaCore
import MotCuaStore

/// The desk's use cases, shared by both faces of motcua (the terminal app and the command
/// line): one official working on one store. Each front end holds one `Desk`; what the desk
/// returns is plain values, so neither face needs the store's internals.
///
/// Where a new capability goes: a file of its own here (`Desk+Sync.swift`, `Desk+Fees.swift`…),
/// calling the store for reads and durable writes and the core for the rules.
public final class Desk {
    public let store: Store
    public let actor: Actor
    private let queueIndex: QueueIndex
    /// Login → full name, built once per users file.
    public private(set) var officials: Officials
    /// The counter this session sits at when the front end says so (`motcua tui --counter N`);
    /// otherwise the one configured for the official (`counter set N --official LOGIN`).
    public var seatedCounter: Int?
    /// How files the user names (a scan) are read: with the user's own rights (the CLI sets it).
    public var userFiles = UserFileReader.direct

    public init(store: Store, actor: Actor) {
        self.store = store
        self.actor = actor
        queueIndex = QueueIndex(store: store, masksPersonalData: !AccessPolicy.allows(actor.role, .viewPersonalData))
        officials = Officials(store.users)
    }

    // MARK: - Who and where

    public var catalogue: Catalogue { store.catalogue }
    public var calendar: WorkCalendar { store.calendar }

    /// The session line of the screen: centre, store, official, role.
    public var session: DeskSession {
        DeskSession(centreName: store.config.name, agency: store.config.agency, storePath: store.path,
                    training: store.config.training, login: actor.login, userName: actor.name, role: actor.role)
    }

    public func clock(at now: Instant) -> DeadlineClock { DeadlineClock(now: now, calendar: store.calendar) }

    // MARK: - Reading

    /// The queue for one view and filter: counts, warnings and the page around the target.
    /// The queue over the dossiers this official may list: a ward office's clerk sees their own
    /// office's, as `list`, `show` and `overdue` do (an unreadable users file: their office only).
    public func queue(_ request: QueueRequest) -> QueueData {
        queueIndex.query(request, scope: (try? reportScope()) ?? .office(actor.office))
    }

    /// A dossier with its history, as this official may see it (masked for roles that only count).
    public func dossier(code: String) throws -> Dossier {
        try store.dossier(code: code).visible(to: actor.role)
    }

    /// Picks up other processes' writes; true when something changed.
    public func refresh() throws -> Bool {
        let changed = try store.refresh()
        if changed { officials = Officials(store.users) }
        return changed
    }

    public var isHistoryComplete: Bool { store.isHistoryComplete }

    /// Loads older years for at most `budget` seconds; true when that finished loading them.
    public func loadHistoryStep(budget: Double) -> Bool { store.loadHistoryStep(budget: budget) }
}

/// Who is at the keyboard and where: fixed for a session.
public struct DeskSession: Equatable, Sendable {
    public var centreName: String
    public var agency: String
    public var storePath: String
    public var training: Bool
    public var login: String
    public var userName: String
    public var role: Role

    public init(centreName: String, agency: String, storePath: String, training: Bool, login: String, userName: String, role: Role) {
        self.centreName = centreName
        self.agency = agency
        self.storePath = storePath
        self.training = training
        self.login = login
        self.userName = userName
        self.role = role
    }
}

/// One official as the screens offer them: login, full name and the department they work in.
public struct Official: Equatable, Hashable, Sendable {
    public let login: String
    public let name: String
    public let department: String?

    public init(login: String, name: String, department: String?) {
        self.login = login
        self.name = name
        self.department = department
    }
}

/// Officials' names by login: people are shown by name, logins only where no name is known.
/// With the users file, also who works in which department (a transfer names one of them).
public struct Officials: Equatable, Sendable {
    public let names: [String: String]
    /// Everyone in the users file, in its order.
    public let members: [Official]

    public init(names: [String: String]) {
        self.names = names
        members = []
    }

    public init(_ users: UserDirectory) {
        names = Dictionary(users.users.map { ($0.login, $0.name) }, uniquingKeysWith: { first, _ in first })
        members = users.users.map { Official(login: $0.login, name: $0.name, department: $0.department) }
    }

    public func name(_ login: String) -> String { names[login] ?? login }

    /// The officials of `department`, whom a transfer there may name.
    public func of(department: String) -> [Official] { members.filter { $0.department == department } }
}

/// A failure as the person at the keyboard reads it, and whether it was a version conflict
/// (the screen then reloads and asks again).
public struct DeskFailure: Error, Equatable, Sendable {
    public let message: String
    public let isConflict: Bool

    public init(_ error: any Error) {
        if let store = error as? StoreError {
            message = store.description
            if case .conflict = store { isConflict = true } else { isConflict = false }
        } else if let form = error as? FormError {
            message = form.description
            isConflict = false
        } else {
            message = "\(error)"
            isConflict = false
        }
    }
}
