import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Every cell of the role matrix, performed against a real store: an allowed operation succeeds,
/// a forbidden one is refused with `forbidden` and writes nothing.
@Suite("Role matrix", .serialized)
struct RoleMatrixTests {
    /// The matrix as the brief states it, written out independently of `AccessPolicy`.
    static let allowed: [String: Set<Role>] = {
        var m: [String: Set<Role>] = [:]
        let everyone = Set(Role.allCases), desk: Set<Role> = [.clerk, .supervisor, .admin]
        m["view"] = everyone
        m["receive"] = desk
        for action in DossierAction.allCases {
            m[action.rawValue] = [.returnResult, .supplementReceived, .withdraw, .rate].contains(action) ? desk : everyone
        }
        m["viewReports"] = everyone
        m["viewAllOffices"] = [.supervisor, .admin]
        m["viewPersonalData"] = [.clerk, .officer]
        m["manageUsers"] = [.admin]
        m["manageCatalogue"] = [.admin]
        m["manageCalendar"] = [.admin]
        m["actAs"] = [.admin]
        m["configureNotifications"] = [.admin]
        return m
    }()

    static let logins: [Role: String] = [.clerk: "lan", .officer: "hoa", .supervisor: "son", .admin: "admin"]
    static let cells: [(String, Role)] = allowed.keys.sorted().flatMap { op in Role.allCases.map { (op, $0) } }

    /// A store split by office: lan and hoa in P1, mai in P2.
    static func makeStore() throws -> (TempDirectory, Store) {
        let dir = TempDirectory("roles")
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Thử quyền", training: true, createdAt: at("2026-11-01T08:00"))
        let store = try Store.create(at: dir.path + "/s", config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        let admin = try store.actor(login: "admin", terminal: nil)
        for user in [User(login: "lan", name: "Lê Thị Lan", role: .clerk, office: "P1"),
                     User(login: "mai", name: "Trần Thị Mai", role: .clerk, office: "P2"),
                     User(login: "hoa", name: "Nguyễn Thị Hoa", role: .officer, office: "P1", department: "VP"),
                     User(login: "son", name: "Phạm Văn Sơn", role: .supervisor)] {
            try store.addUser(user, actor: admin, now: at("2026-11-01T08:00"))
        }
        return (dir, store)
    }

    /// The commands that bring a fresh dossier to where `action` is legal.
    static func preparation(for action: DossierAction) -> [DossierCommand] {
        switch action {
        case .supplementReceived: return [.requestSupplement(reason: "Thiếu bản sao", documents: [])]
        case .resume: return [.suspend(reason: "Chờ xác minh")]
        case .returnResult: return [.resultReady(note: nil)]
        case .rate: return [.resultReady(note: nil), .returnResult(.applicant)]
        default: return []
        }
    }

    static func command(for action: DossierAction) -> DossierCommand {
        switch action {
        case .transfer: return .transfer(department: "VP", official: "hoa")
        case .requestSupplement: return .requestSupplement(reason: "Thiếu tờ khai", documents: ["Tờ khai"])
        case .supplementReceived: return .supplementReceived
        case .suspend: return .suspend(reason: "Chờ xác minh")
        case .resume: return .resume
        case .resultReady: return .resultReady(note: nil)
        case .returnResult: return .returnResult(.applicant)
        case .refuse: return .refuse(reason: "Không đủ điều kiện")
        case .withdraw: return .withdraw(reason: nil)
        case .extend: return .extend(until: at("2026-12-31T17:00"), reason: "Cần xác minh thêm", department: nil)
        case .note: return .note("Đã gọi điện cho người nộp")
        case .rate: return .rate(Rating(level: .verySatisfied, channel: .desk))
        }
    }

    /// Performs `operation` as `role`; returns false when the store refused it as forbidden.
    static func attempt(_ operation: String, as role: Role, store: Store) throws -> Bool {
        let admin = try store.actor(login: "admin", terminal: nil)
        let me = try store.actor(login: logins[role]!, terminal: nil)
        let now = at("2026-11-30T09:00")
        let intake = Intake(procedureCode: "1.004873", applicant: Person(name: "Võ Văn Bình", idNumber: "046090001234", phone: "0912345678"))
        let receivedBy = try store.actor(login: "lan", terminal: nil)
        let before = try store.receive(intake, actor: receivedBy, now: now).code
        let linesBefore = store.summaries.map(\.version).reduce(0, +)
        do {
            switch operation {
            case "view":
                _ = try store.dossier(code: before)
            case "receive":
                _ = try store.receive(intake, actor: me, now: now)
            case "viewReports":
                try store.require(me, may: .viewReports)
                _ = OverdueReport.make(summaries: try store.reportScope(for: me).filter(store.openSummaries),
                                       clock: DeadlineClock(now: now, calendar: store.calendar), catalogue: store.catalogue, officialNames: [:])
            case "viewAllOffices":
                _ = try store.reportScope(for: me, office: "P2")
            case "viewPersonalData":
                let shown = try store.dossier(code: before).visible(to: me.role)
                return shown.reception.applicant.idNumber == "046090001234" && shown.summary.phone == "0912345678"
            case "manageUsers":
                try store.addUser(User(login: "moi\(role.rawValue)", name: "Người Mới", role: .clerk), actor: me, now: now)
            case "manageCatalogue":
                try store.installCatalogue(try nextCatalogue(), actor: me, now: now)
            case "manageCalendar":
                try store.installCalendar(json: Array(#"{"schema":1,"years":[]}"#.utf8), actor: me, now: now)
            case "actAs":
                _ = try store.actor(login: me.login, actingAs: "mai", terminal: nil)
            case "configureNotifications":
                try store.configureNotify(settings: Array(#"{"schema":1,"commands":{}}"#.utf8), detail: "sms: /bin/true", actor: me, now: now)
            default:
                let action = DossierAction(rawValue: operation)!
                for step in preparation(for: action) { _ = try store.perform(step, on: before, actor: admin, now: now) }
                _ = try store.perform(command(for: action), on: before, actor: me, now: now)
            }
            return true
        } catch StoreError.forbidden {
            #expect(store.summaries.map(\.version).reduce(0, +) == linesBefore + preparation(for: DossierAction(rawValue: operation) ?? .note).count
                    || DossierAction(rawValue: operation) == nil, "a refused \(operation) wrote nothing")
            return false
        }
    }

    @Test(arguments: cells)
    func eachRoleMayDoExactlyWhatTheMatrixSays(operation: String, role: Role) throws {
        let (dir, store) = try Self.makeStore()
        defer { dir.cleanup() }
        let expected = Self.allowed[operation]!.contains(role)
        #expect(try Self.attempt(operation, as: role, store: store) == expected, "\(role.rawValue) → \(operation)")
        if operation != "viewPersonalData" {
            let permission = Self.permission(operation)
            #expect(AccessPolicy.allows(role, permission) == expected)
        }
    }

    /// The sample catalogue one version up (an install must raise the version).
    static func nextCatalogue() throws -> Catalogue {
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Catalogue.sample)) as? [String: Any] ?? [:]
        object["version"] = Catalogue.sample.version + 1
        return try Catalogue(json: JSONSerialization.data(withJSONObject: object))
    }

    static func permission(_ operation: String) -> Permission {
        switch operation {
        case "view": return .view
        case "receive": return .receive
        case "viewReports": return .viewReports
        case "viewAllOffices": return .viewAllOffices
        case "manageUsers": return .manageUsers
        case "manageCatalogue": return .manageCatalogue
        case "manageCalendar": return .manageCalendar
        case "actAs": return .actAs
        case "configureNotifications": return .configureNotifications
        default: return .dossier(DossierAction(rawValue: operation)!)
        }
    }

    @Test func inAStoreSplitByOfficeClerksReportOnTheirOwnOfficeOnly() throws {
        let (dir, store) = try Self.makeStore()
        defer { dir.cleanup() }
        let now = at("2026-11-30T09:00")
        let intake = Intake(procedureCode: "1.004873", applicant: Person(name: "Đỗ Thị Cúc", idNumber: "046090001234", phone: "0912345678"))
        let lan = try store.actor(login: "lan", terminal: nil), mai = try store.actor(login: "mai", terminal: nil)
        let son = try store.actor(login: "son", terminal: nil)
        _ = try store.receive(intake, actor: lan, now: now)
        _ = try store.receive(intake, actor: lan, now: now)
        _ = try store.receive(intake, actor: mai, now: now)
        #expect(store.summaries.map(\.office).sorted { ($0 ?? "") < ($1 ?? "") } == ["P1", "P1", "P2"])
        #expect(try store.reportScope(for: lan).filter(store.summaries).count == 2)
        #expect(try store.reportScope(for: mai).filter(store.summaries).count == 1)
        #expect(try store.reportScope(for: son).filter(store.summaries).count == 3)
        #expect(try store.reportScope(for: son, office: "P2").filter(store.summaries).count == 1)
        #expect(throws: StoreError.self) { try store.reportScope(for: lan, office: "P2") }
        // The office survives a snapshot and a reopen.
        try store.checkpoint()
        let reopened = try Store.open(at: store.path)
        #expect(reopened.summaries.map(\.office).sorted { ($0 ?? "") < ($1 ?? "") } == ["P1", "P1", "P2"])
    }

    @Test func maskedDataKeepsOnlyTheLastThreeCharactersEverywhereItAppears() throws {
        let (dir, store) = try Self.makeStore()
        defer { dir.cleanup() }
        let lan = try store.actor(login: "lan", terminal: nil)
        var intake = Intake(procedureCode: "1.004873", applicant: Person(name: "Hà Văn Dũng", idNumber: "046090001234", phone: "0912345678"))
        intake.proxy = Proxy(name: "Hà Thị Em", idNumber: "046190009876", phone: "0987654321")
        let code = try store.receive(intake, actor: lan, now: at("2026-11-30T09:00")).code
        let masked = try store.dossier(code: code).visible(to: .supervisor)
        #expect(masked.summary.idNumber == "*********234" && masked.summary.phone == "*******678")
        #expect(masked.reception.proxy?.idNumber == "*********876" && masked.reception.proxy?.phone == "*******321")
        #expect(masked.history[0].event.reception?.applicant.idNumber == "*********234")
        let text = String(describing: masked)                  // every field, history included
        #expect(!text.contains("046090001234") && !text.contains("0912345678") && !text.contains("0987654321"))
        #expect(try store.dossier(code: code).visible(to: .clerk).summary.idNumber == "046090001234")
    }
}
