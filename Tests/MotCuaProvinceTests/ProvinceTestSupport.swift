import Foundation
import Testing
import MotCuaCore
import MotCuaProvince
import MotCuaStore

/// The PostgreSQL server the province tests use: `MOTCUA_TEST_POSTGRES_URL` (`.ci/run` starts one
/// and exports it; developers: `sudo bash .ci/postgres`). Without a reachable server the tests
/// that need one are skipped, and say so.
enum TestPostgres {
    static let skipMessage = "BỎ QUA: không có máy chủ PostgreSQL (MOTCUA_TEST_POSTGRES_URL)"
    static let url = ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static let available: Bool = {
        guard let url, let address = try? ProvinceAddress(url: url), let database = try? ProvinceDatabase.open(address) else {
            print(skipMessage)
            return false
        }
        database.close()
        return true
    }()

    /// The server's URL with a schema of its own, so runs and tests never see each other's rows.
    static func freshURL(_ label: String) -> String {
        let schema = "t_\(label)_\(UUID().uuidString.prefix(8).lowercased())"
        return url! + (url!.contains("?") ? "&" : "?") + "schema=\(schema)"
    }

    static func open(_ url: String) throws -> ProvinceDatabase { try ProvinceDatabase.open(try ProvinceAddress(url: url)) }

    /// Drops the test's schema.
    static func drop(_ url: String) {
        guard let database = try? open(url) else { return }
        try? database.execute("DROP SCHEMA \(database.address.schema) CASCADE")
        database.close()
    }
}

/// A fresh directory under the system temp dir.
struct TempDirectory {
    let path: String
    init(_ label: String) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-province-\(label)-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// A generated centre: a training store of `dossiers` dossiers over a year, with the demo staff,
/// a supervisor `lead` and a clerk `lan` (of the demo staff).
struct Centre {
    static let now = Instant(iso8601: "2026-11-27T10:00:00+07:00")!
    let directory: TempDirectory
    let store: Store
    let agency: String
    var path: String { directory.path + "/s" }

    init(agency: String, name: String, dossiers: Int, seed: UInt64) throws {
        directory = TempDirectory(agency.replacingOccurrences(of: ".", with: ""))
        self.agency = agency
        let start = Instant(date: Self.now.date.adding(days: -365))
        let config = StoreConfig(agency: agency, name: name, training: true, createdAt: start)
        store = try Store.create(at: directory.path + "/s", config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        let admin = try store.actor(login: "admin", terminal: "test")
        try store.addUser(User(login: "lead", name: "Trần Văn Lãnh", role: .supervisor), actor: admin, now: start)
        for member in DemoStaff.members {
            try store.addUser(User(login: member.login, name: member.name, role: member.role, department: member.department),
                              actor: admin, now: start)
        }
        var options = DemoGenerator.Options(count: dossiers, seed: seed, start: start, end: Self.now)
        options.stalledShare = 0.05
        _ = try store.importPlan(DemoGenerator(options: options, catalogue: store.catalogue, calendar: store.calendar), actor: admin)
    }

    var supervisor: Actor { get throws { try store.actor(login: "lead", terminal: "test") } }

    /// The store's dossiers through its own index and journal, by code.
    func ownDossiers() throws -> [String: Dossier] {
        try store.refresh()
        var all: [String: Dossier] = [:]
        for summary in store.summaries { all[summary.code] = try store.dossier(code: summary.code) }
        return all
    }

    /// The journal files' bytes, segment after segment.
    func journalBytes() throws -> Data {
        let dir = path + "/journal"
        var data = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: dir).filter({ $0.hasSuffix(".jsonl") }).sorted() {
            data.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
        }
        return data
    }

    /// Receives `count` more dossiers at the desk, as a clerk would.
    func receiveMore(_ count: Int) throws {
        try store.refresh()
        let clerk = try store.actor(login: "lan", terminal: "test")
        for i in 0..<count {
            let intake = Intake(procedureCode: "1.004873", applicant: Person(name: "Người nộp \(i)", idNumber: "046090001234", phone: "0912345678"))
            _ = try store.receive(intake, actor: clerk, now: Self.now)
        }
    }
}

/// The built `motcua` binary, next to the test bundle.
enum MotCuaBinary {
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["MOTCUA_BIN"] { return explicit }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("motcua").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug/motcua").path
    }()
}

struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
    let signalled: Bool
}

/// A `motcua` child process whose output goes to files (read when it has ended).
final class Child {
    let process = Process()
    private let out: URL, err: URL

    init(_ arguments: [String], user: String) throws {
        let dir = FileManager.default.temporaryDirectory
        out = dir.appendingPathComponent("motcua-province-out-\(UUID().uuidString)")
        err = dir.appendingPathComponent("motcua-province-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: MotCuaBinary.path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        env["MOTCUA_USER"] = user
        env["MOTCUA_NOW"] = "2026-11-27T10:00:00+07:00"
        env["PGPASSWORD"] = nil
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    func wait() -> RunResult {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return RunResult(status: process.terminationStatus,
                         stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "",
                         signalled: process.terminationReason == .uncaughtSignal)
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }
}

func motcua(_ arguments: [String], user: String = "lead") throws -> RunResult { try Child(arguments, user: user).wait() }
