import Foundation
import MotCuaCore
import MotCuaStore

/// Creating the demo store: a training store with the demo staff and a generated history.
enum DemoStore {
    static func openOrCreate(at directory: String, dossiers: Int, seed: UInt64, days: Int) throws -> Store {
        if FileManager.default.fileExists(atPath: "\(directory)/FORMAT") { return try Store.open(at: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = try Clock.current().now
        let login = Environment.userOverride ?? ProcessIdentity.login ?? "admin"
        let start = Instant(date: now.date.adding(days: -days))
        var config = StoreConfig(agency: "000.00.xx.H57", name: "Trung tâm Phục vụ hành chính công phường Hương Trà (đào tạo)",
                                 training: true, createdAt: start)
        config.fileMode = "0660"
        let admin = User(login: login, name: "Quản trị viên", role: .admin)
        let store = try Store.create(at: directory, config: config, admin: admin)
        let actor = try store.actor(login: login, terminal: "demo")
        for member in DemoStaff.members where member.login != login {
            try store.addUser(User(login: member.login, name: member.name, role: member.role, department: member.department),
                              actor: actor, now: start)
        }
        var options = DemoGenerator.Options(count: dossiers, seed: seed, start: start, end: now)
        options.stalledShare = 0.2
        try store.importPlan(DemoGenerator(options: options, catalogue: store.catalogue, calendar: store.calendar), actor: actor)
        return store
    }
}
