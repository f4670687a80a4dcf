import Foundation
import Synchronization
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaTestSupport

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

extension Store {
    /// Applies to the loaded index, not the journal, a note on the dossier at `row`: the index then
    /// differs from its replay. Whether the index took it; the dossier's code.
    func applyNoteOutsideTheJournal(row: Int, at time: String) -> (applied: Bool, code: String) {
        let summary = index.table.summary(at: row)
        var note = DossierEvent(kind: .note)
        note.text = "không có trong nhật ký"
        let record = JournalRecord(seq: cursor.lastSeq + 1, at: at(time), by: "admin", actingAdmin: nil, terminal: nil,
                                   op: nil, body: .dossier(id: summary.id, code: summary.code, base: summary.version, event: note))
        return (index.apply(record, at: JournalPosition(segment: 0, offset: 0, length: 0)) == nil, summary.code)
    }
}

