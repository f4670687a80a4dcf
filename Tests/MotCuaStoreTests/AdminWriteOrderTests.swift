import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaTestSupport

/// Issue 18, integrity defects 5 and 7: an admin change is never live without its journal line,
/// and a month recorded in SEALED is never appended to, whatever failed before.
@Suite("Admin writes and sealed months under faults", .serialized)
struct AdminWriteOrderTests {
    private func journalText(_ t: TestStore) throws -> String {
        try t.journalFiles().map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
    }

    @Test func aUserAddedOnAFullDiskIsNeverLiveWithoutItsAuditLine() throws {
        var outcomes: Set<String> = []
        for allowance in stride(from: 0, through: 1_400, by: 20) {
            let fs = FaultyFileSystem()
            let t = try TestStore(fs: fs, label: "users-full")
            defer { t.directory.cleanup() }
            fs.set { $0.bytesBeforeDiskFull = allowance }
            let message: String?
            do {
                try t.store.addUser(User(login: "minh", name: "Trần Văn Minh", role: .clerk), actor: t.admin, now: at("2026-11-30T08:00"))
                message = nil
            } catch {
                message = "\(error)"
            }
            fs.set { $0.bytesBeforeDiskFull = nil }
            let live = try String(contentsOfFile: t.path + "/users.json", encoding: .utf8).contains("\"minh\"")
            let audited = try journalText(t).contains("\"login\":\"minh\"")
            outcomes.insert("live \(live) audited \(audited)")
            #expect(!live || audited, "allowance \(allowance): users.json has minh but the journal does not")
            if let message {
                #expect(message.contains("chưa lưu gì") == !audited, "allowance \(allowance): \(message)")
                if audited { #expect(message.contains("users.json"), "\(message)") }
            }
            // After the failure the same command succeeds, and the store still checks.
            try t.store.addUser(User(login: "minh", name: "Trần Văn Minh", role: .clerk), actor: t.admin, now: at("2026-11-30T08:01"))
            #expect(try Store.open(at: t.path).users.user("minh") != nil)
            #expect(try Store.open(at: t.path).verify().ok)
        }
        #expect(outcomes.contains("live false audited false") && outcomes.contains("live true audited true"), "\(outcomes)")
    }

    @Test func aCatalogueInstalledOnAFullDiskIsNeverLiveWithoutItsAuditLine() throws {
        let size = try JSONEncoder().encode(RoleMatrixTests.nextCatalogue()).count * 2   // pretty-printed, roughly
        for allowance in stride(from: 0, through: 2 * size + 2_000, by: max(500, size / 12)) {
            let fs = FaultyFileSystem()
            let t = try TestStore(fs: fs, label: "cat-full")
            defer { t.directory.cleanup() }
            let next = try RoleMatrixTests.nextCatalogue()
            fs.set { $0.bytesBeforeDiskFull = allowance }
            let message: String?
            do { try t.store.installCatalogue(next, actor: t.admin, now: at("2026-11-30T08:00")); message = nil } catch { message = "\(error)" }
            fs.set { $0.bytesBeforeDiskFull = nil }
            let live = try Store.open(at: t.path).catalogue.version == next.version
            let audited = try journalText(t).contains("\"k\":\"catalogueInstalled\"")
            #expect(!live || audited, "allowance \(allowance): catalogue v\(next.version) live without its journal line")
            if let message { #expect(message.contains("chưa lưu gì") == !audited, "allowance \(allowance): \(message)") }
            if message != nil { try t.store.installCatalogue(next, actor: t.admin, now: at("2026-11-30T08:01")) }
            #expect(try Store.open(at: t.path).catalogue.version == next.version)
        }
    }

    /// The month's seal fails part way (its SEALED line torn, or written but not synced); then a
    /// dossier dated in that month is received: it must go to the next month, and check stays clean.
    @Test func aFailedRolloverThenABackDatedReceiveNeverWritesIntoASealedMonth() throws {
        var cases: [(String, (inout FaultyFileSystem.Faults) -> Void)] = [("fdatasync", { $0.failDataSync = EIO })]
        for allowance in stride(from: 0, through: 200, by: 10) { cases.append(("\(allowance) bytes", { $0.bytesBeforeDiskFull = allowance })) }
        for (label, fault) in cases {
            let fs = FaultyFileSystem()
            let t = try TestStore(fs: fs, label: "seal")
            defer { t.directory.cleanup() }
            try t.receive("Nguyễn Văn Ánh", at: "2026-11-30T08:00")
            fs.set(fault)
            #expect(throws: StoreError.self) { try t.receive("Trần Thị Bé", at: "2026-12-01T08:00") }
            fs.set { $0.bytesBeforeDiskFull = nil; $0.failDataSync = nil }
            var paper = t.intake("Lê Văn Chờ")
            paper.receivedAt = at("2026-11-30T16:00")
            try t.store.receive(paper, actor: t.clerk, now: at("2026-12-01T09:00"))
            try t.receive("Phạm Văn Xong", at: "2026-12-01T10:00")
            let report = try Store.open(at: t.path).verify()
            #expect(report.ok, "\(label): \(report.problems)")
            #expect(try Store.open(at: t.path).dossierCount == 3)
        }
    }
}

/// The repair for a store already damaged that way (by an older version): `motcua reseal`.
@Suite("Resealing a month that grew after its seal", .serialized)
struct ResealTests {
    @Test func aMonthThatOnlyGrewIsResealedAndAnEditedOneIsRefused() throws {
        let t = try TestStore(label: "reseal")
        defer { t.directory.cleanup() }
        try t.receive("Nguyễn Văn Ánh", at: "2026-11-30T08:00")
        try t.receive("Trần Thị Bé", at: "2026-12-01T08:00")
        // What older versions did: a line appended to November after it was sealed (moved from December here).
        let files = try t.journalFiles()
        let december = try String(contentsOfFile: files[1], encoding: .utf8)
        let november = files[0]
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: november)
        let lines = december.split(separator: "\n")
        let handle = try #require(FileHandle(forWritingAtPath: november))
        handle.seekToEndOfFile()
        handle.write(Data((lines[0] + "\n").utf8))
        try handle.close()
        try FileManager.default.removeItem(atPath: files[1])
        let damaged = try Store.open(at: t.path)
        #expect(!(try damaged.verify().ok))
        let months = try damaged.resealGrownMonths(actor: t.admin, now: at("2026-12-01T09:00"))
        #expect(months.map(\.segment) == ["2026-11.jsonl"])
        let report = try Store.open(at: t.path).verify()
        #expect(report.ok, "\(report.problems)")
        #expect(try Store.open(at: t.path).resealGrownMonths(actor: t.admin, now: at("2026-12-01T09:01")).isEmpty)
        // A byte changed inside what SEALED recorded is an edit: refused.
        try t.receive("Lê Văn Chờ", at: "2026-12-01T10:00")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: november))
        bytes[10] = bytes[10] == 0x31 ? 0x32 : 0x31
        try bytes.write(to: URL(fileURLWithPath: november))
        #expect(throws: StoreError.self) { try Store.open(at: t.path).resealGrownMonths(actor: t.admin, now: at("2026-12-01T11:00")) }
    }
}
