import Foundation
import Testing
import MotCuaCore
import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport

/// A training store with a clerk (lan), an officer of VP (hoa) and a supervisor (hung).
struct DeskStore {
    let root: String
    let fs = FaultyFileSystem()
    let store: Store

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-desk-\(UUID().uuidString.prefix(8))").path
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: at("2026-11-01T08:00"))
        store = try Store.create(at: root, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin), fs: fs)
        let admin = try store.actor(login: "admin", terminal: "test")
        for user in [User(login: "lan", name: "Lê Thị Lan", role: .clerk), User(login: "hoa", name: "Nguyễn Thị Hoa", role: .officer, department: "VP"),
                     User(login: "hung", name: "Hoàng Trọng Hùng", role: .supervisor)] {
            try store.addUser(user, actor: admin, now: at("2026-11-01T08:00"))
        }
    }

    func desk(_ login: String) throws -> Desk { Desk(store: store, actor: try store.actor(login: login, terminal: "test")) }

    /// The journal lines read since the last `fs.clearReads()`.
    var journalReads: [String] { fs.reads.filter { $0.contains("/journal/") } }

    func cleanup() { try? FileManager.default.removeItem(atPath: root) }
}

func intake(_ name: String, procedure: String = "1.004873") -> Intake {
    Intake(procedureCode: procedure, applicant: Person(name: name, idNumber: "046090001234", phone: "0912345678"))
}

@Suite("Desk: the use cases both faces share")
struct DeskTests {
    @Test func aReceiveReturnsTheDossierAsWrittenWithoutReadingTheJournalBack() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let desk = try t.desk("lan")
        // The write protocol itself reads the journal's tail (is the last line torn?); a bare
        // store receive shows how much. The desk's receive may read nothing more.
        t.fs.clearReads()
        try t.store.receive(intake("Người Thứ Nhất"), actor: desk.actor, now: at("2026-11-30T07:55"))
        let writeProtocolReads = t.journalReads.count
        t.fs.clearReads()
        let received = try desk.receive(intake("Nguyễn Thị Ngọc Ánh"), op: "k1", now: at("2026-11-30T08:00"))
        #expect(t.journalReads.count == writeProtocolReads)
        #expect(received.dossier.code == received.commit.code && received.dossier.history.count == 1)
        #expect(received.dossier.reception.applicant.name == "Nguyễn Thị Ngọc Ánh")
        let receipt = desk.receiptText(received.dossier)
        #expect(receipt.contains(received.commit.code) && receipt.contains("Nguyễn Thị Ngọc Ánh"))
        // Reading a dossier does read its lines: the check above could have seen one.
        t.fs.clearReads()
        _ = try desk.dossier(code: received.commit.code)
        #expect(!t.journalReads.isEmpty)
        // A retried key returns the same dossier (read back: this process did not write it now).
        let again = try desk.receive(intake("Nguyễn Thị Ngọc Ánh"), op: "k1", now: at("2026-11-30T08:05"))
        #expect(again.commit.replayed && again.dossier.code == received.dossier.code)
    }

    @Test func aCommandReturnsTheDossierAfterItAndAStaleVersionIsAConflict() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let desk = try t.desk("lan")
        let code = try desk.receive(intake("Trần Văn Bình"), now: at("2026-11-30T08:00")).commit.code
        let done = try desk.perform(.transfer(department: "VP", official: "hoa"), on: code, expectedVersion: 1, now: at("2026-11-30T09:00"))
        #expect(done.summary.holder == Holder(department: "VP", official: "hoa") && done.summary.version == 2 && done.summary.state == .inProgress)
        let failure = #expect(throws: (any Error).self) {
            try desk.perform(.note("muộn"), on: code, expectedVersion: 1, now: at("2026-11-30T09:05"))
        }
        #expect(failure.map { DeskFailure($0).isConflict } == true)
        #expect(failure.map { DeskFailure($0).message.contains("Nguyễn Thị Hoa") || DeskFailure($0).message.contains("lan") } == true)
    }

    @Test func theQueueFollowsOtherProcessesWritesAndTheFilter() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let desk = try t.desk("lan")
        for name in ["Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Nam"] { _ = try desk.receive(intake(name), now: at("2026-11-30T08:00")) }
        let now = at("2026-11-30T10:00")
        #expect(desk.queue(QueueRequest(view: .all, now: now)).rows.count == 3)
        #expect(desk.queue(QueueRequest(view: .all, filter: "bich", now: now)).rows.page.map(\.summary.applicantName) == ["Trần Thị Bích"])
        // Another clerk's process writes; this desk sees it after a refresh, in due order.
        let other = try Store.open(at: t.root)
        try other.receive(intake("Phạm Thị Dung", procedure: "2.000815"), actor: try other.actor(login: "lan", terminal: "b"), now: at("2026-11-30T09:00"))
        #expect(try desk.refresh())
        let data = desk.queue(QueueRequest(view: .all, now: now))
        #expect(data.rows.count == 4)
        let dues = data.rows.page.map(\.summary.due)
        #expect(dues == dues.sorted())
        #expect(data.counts[.received] == 4 && data.partial == false)
    }

    @Test func overdueIsTheSupervisorsAndNamesOfficials() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let clerk = try t.desk("lan")
        let code = try clerk.receive(intake("Đặng Văn Muộn"), now: at("2026-11-20T08:00")).commit.code
        _ = try clerk.perform(.transfer(department: "VP", official: "hoa"), on: code, now: at("2026-11-20T09:00"))
        let supervisor = try t.desk("hung")
        let overdue = try supervisor.overdue(at: at("2026-11-30T10:00")).report
        #expect(overdue.overdue.map(\.code) == [code])
        #expect(supervisor.officials.name("hoa") == "Nguyễn Thị Hoa" && supervisor.officials.name("ai") == "ai")
        #expect(supervisor.session.userName == "Hoàng Trọng Hùng" && supervisor.session.role == .supervisor)
        let report = try supervisor.periodReport(from: CivilDate(2026, 11, 1), to: CivilDate(2026, 11, 30), by: .none).report
        #expect(report.total.received == 1 && report.total.pendingOverdue == 1)
    }

    /// Issue 17 #6: a supervisor's or an administrator's Mẫu 01 and Mẫu 02 printed the ID number
    /// and the phone masked. The forms handed to the citizen carry their data in full, and the
    /// journal records who printed one for a role that otherwise sees them masked.
    @Test func formsForTheCitizenCarryTheirDataInFullAndTheJournalSaysWhoPrintedThem() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let clerk = try t.desk("lan")
        let code = try clerk.receive(intake("Vũ Thị Hạnh"), now: at("2026-11-30T08:00")).commit.code
        _ = try clerk.perform(.requestSupplement(reason: "Thiếu tờ khai", documents: ["Tờ khai"]), on: code, now: at("2026-11-30T09:00"))
        func formLines() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: t.root + "/journal").filter { $0.hasSuffix(".jsonl") }
                .flatMap { try String(contentsOfFile: t.root + "/journal/" + $0, encoding: .utf8).split(separator: "\n").map(String.init) }
                .filter { $0.contains("formPrinted") }
        }
        _ = try clerk.renderForm(.receipt, code: code, as: .text, at: at("2026-11-30T10:00"))
        #expect(try formLines().isEmpty, "a clerk sees the data anyway: nothing to record")
        for login in ["hung", "admin"] {
            let desk = try t.desk(login)
            // The screens stay masked for them.
            #expect(try desk.dossier(code: code).reception.applicant.idNumber == "*********234")
            let receipt = try desk.renderForm(.receipt, code: code, as: .text, at: at("2026-11-30T10:00"))
            #expect(receipt.contains("046090001234") && receipt.contains("0912345678"), "\(login): \(receipt)")
            let supplement = try desk.renderForm(.supplementRequest, code: code, as: .html, at: at("2026-11-30T10:00"))
            #expect(supplement.contains("0912345678"), "\(login)")
        }
        let lines = try formLines()
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.filter { $0.contains(#""by":"hung""#) }.count == 2 && lines.filter { $0.contains(#""by":"admin""#) }.count == 2)
        #expect(lines.allSatisfy { $0.contains(code) } && lines.contains { $0.contains("receipt") } && lines.contains { $0.contains("supplement-request") })
        // The internal forms stay as the official may see the dossier.
        #expect(FormID.allCases.filter(\.isForTheCitizen) == [.receipt, .supplementRequest, .refusal, .apology])
        _ = try t.desk("hung").renderForm(.controlSlip, code: code, as: .text, at: at("2026-11-30T10:00"))
        #expect(try formLines().count == 4)
        #expect(try Store.open(at: t.root).verify().ok)
    }

    @Test func formsAreRenderedFromTheDossierAndWrittenUnderOneNameScheme() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let desk = try t.desk("lan")
        let code = try desk.receive(intake("Vũ Thị Hạnh"), now: at("2026-11-30T08:00")).commit.code
        let html = try desk.renderForm(.controlSlip, code: code, as: .html, at: at("2026-11-30T08:05"))
        #expect(html.contains("<html") && html.contains(code))
        let path = desk.outputPath(.controlSlip, code: code, format: .html)
        #expect(path == "\(t.root)/output/\(code)-control-slip.html")
        #expect(try desk.writeOutput(html, to: path) == path && FileManager.default.contentsOfDirectory(atPath: t.root + "/output") == ["\(code)-control-slip.html"])
    }
}
