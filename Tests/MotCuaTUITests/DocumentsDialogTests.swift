import Foundation
import Testing
import MotCuaCore
import MotCuaDesk
import MotCuaStore
@testable import MotCuaTUI
import TerminalUI

/// F6 → s, "Số hóa giấy tờ", through the real app and a real store: each paper with its status,
/// one marked scanned through the same desk use case as `motcua document`, refusals in the dialog.
@Suite("Documents dialog: marking papers scanned or reused")
struct DocumentsDialogTests {
    static let now = Instant(iso8601: "2026-11-30T10:00:00+07:00")!

    /// A store with a clerk, one dossier of two papers and (unless told not to) a scan folder holding a.pdf.
    struct Desk1 {
        let root: String
        let scans: String
        let store: Store
        let code: String
        let backend = InMemoryBackend(size: Size(width: 80, height: 24))
        let app: App

        init(scanFolder: Bool = true) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-docs-\(UUID().uuidString.prefix(8))").path
            scans = root + "-scans"
            try FileManager.default.createDirectory(atPath: scans, withIntermediateDirectories: true)
            try Data("%PDF-1.4 to khai".utf8).write(to: URL(fileURLWithPath: scans + "/a.pdf"))
            let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: DocumentsDialogTests.now)
            store = try Store.create(at: root, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
            let admin = try store.actor(login: "admin", terminal: nil)
            try store.addUser(User(login: "lan", name: "Lê Thị Lan", role: .clerk), actor: admin, now: DocumentsDialogTests.now)
            if scanFolder { try store.configureDocuments(DocumentSettings(scanFolder: scans), actor: admin, now: DocumentsDialogTests.now) }
            let papers = [ReceivedDocument(name: "Tờ khai cấp Giấy xác nhận", originals: 1, copies: 0),
                          ReceivedDocument(name: "Trích lục khai tử", originals: 0, copies: 1)]
            let intake = Intake(procedureCode: "1.004873", applicant: Person(name: "Trần Thị Bé", idNumber: "046190001234", phone: "0912345678"), documents: papers)
            code = try store.receive(intake, actor: try store.actor(login: "lan", terminal: nil), now: DocumentsDialogTests.now).code
            let desk = Desk(store: store, actor: try store.actor(login: "lan", terminal: nil))
            app = App(desk: desk, backend: backend, clock: { DocumentsDialogTests.now })
            for _ in 0..<3 { app.step(timeoutMs: 0) }            // the queue, then the selected dossier's detail
        }

        func cleanup() {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: scans)
        }

        func press(_ keys: Key...) {
            for key in keys {
                backend.press(key)
                app.step(timeoutMs: 0)
            }
            app.renderFrame()
        }

        func type(_ text: String) {
            backend.type(text)
            for _ in text { app.step(timeoutMs: 0) }
            app.renderFrame()
        }

        var screen: String { backend.lastFrame?.lines.joined(separator: "\n") ?? "" }

        /// The dialog's error line as the screen wraps it, read back whole from the state.
        var dialogError: String? {
            if case .documents(let dialog) = app.state.mode { return dialog.error }
            return nil
        }

        func journal() throws -> [Data] {
            try FileManager.default.contentsOfDirectory(atPath: root + "/journal").filter { $0.hasSuffix(".jsonl") }.sorted()
                .map { try Data(contentsOf: URL(fileURLWithPath: root + "/journal/" + $0)) }
        }

        func records() throws -> [DocumentRecord] {
            DocumentsView(try Store.open(at: root).dossier(code: code)).papers.map(\.record)
        }
    }

    @Test func f6ThenSListsEachPaperAndAFileNameMarksTheFirstScannedWithItsHash() throws {
        let desk = try Desk1()
        defer { desk.cleanup() }
        desk.press(.function(6))
        #expect(desk.screen.contains("s  Số hóa giấy tờ"), "\(desk.screen)")
        desk.press(.character("s"))
        let dialog = desk.screen
        #expect(dialog.contains("Số hóa giấy tờ — "), "\(dialog)")
        #expect(dialog.contains("▸ 1. Tờ khai cấp Giấy xác nhận — chưa số hóa"), "\(dialog)")
        #expect(dialog.contains("  2. Trích lục khai tử — chưa số hóa"), "\(dialog)")
        #expect(dialog.contains("Thư mục bản quét: \(desk.scans)"), "\(dialog)")
        desk.type("a.pdf")
        desk.press(.enter)
        #expect(desk.screen.contains("Đã ghi giấy tờ số 1: đã số hóa: a.pdf"), "\(desk.screen)")
        let records = try desk.records()
        #expect(records[0].status == .digitised && records[0].file == "a.pdf")
        #expect(records[0].sha256 == SHA256.hex(SHA256.hash(Array("%PDF-1.4 to khai".utf8))))
        #expect(records[1].status == .notDigitised)
        // The next F6 → s starts on the paper still to scan, and the list shows the first one's file.
        desk.press(.function(6), .character("s"))
        #expect(desk.screen.contains("  1. Tờ khai cấp Giấy xác nhận — đã số hóa: a.pdf"), "\(desk.screen)")
        #expect(desk.screen.contains("▸ 2. Trích lục khai tử — chưa số hóa"), "\(desk.screen)")
    }

    @Test func reuseNeedsNoFileAndFromAResultNamesTheOtherDossier() throws {
        let desk = try Desk1()
        defer { desk.cleanup() }
        desk.press(.function(6), .character("s"), .backTab, .right)      // the choice: tái sử dụng
        #expect(desk.screen.contains("◂ tái sử dụng ▸") && desk.screen.contains("không cần tệp"), "\(desk.screen)")
        desk.press(.enter)
        #expect(try desk.records()[0].status == .reused)
        desk.press(.function(6), .character("s"), .backTab, .right, .right, .tab)
        desk.type("261101-0009")
        desk.press(.enter)
        let second = try desk.records()[1]
        #expect(second.status == .reusedFromResult && second.from == "261101-0009", "\(second)")
    }

    /// Each refusal is shown in the dialog in Vietnamese, the dialog stays open, nothing is written.
    @Test(arguments: [
        ("nope.pdf", true, "Không đọc được tệp nope.pdf"),
        ("OUTSIDE", true, "không nằm trong thư mục bản quét"),
        ("a.pdf", false, "Chưa cấu hình thư mục bản quét"),
        ("", true, "Nhập tên tệp bản quét"),
    ])
    func aRefusedFileIsShownInTheDialogAndChangesNothing(file: String, configured: Bool, saying: String) throws {
        let desk = try Desk1(scanFolder: configured)
        defer { desk.cleanup() }
        let outside = desk.root + "-outside.pdf"
        try Data("x".utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let before = try desk.journal()
        desk.press(.function(6), .character("s"))
        desk.type(file == "OUTSIDE" ? outside : file)
        desk.press(.enter)
        #expect(desk.dialogError?.contains(saying) == true, "\(desk.dialogError ?? "no error")")
        #expect(desk.screen.contains("✗ "), "\(desk.screen)")
        #expect(desk.screen.contains("Số hóa giấy tờ — "), "the dialog stays open")
        #expect(try desk.journal() == before, "the journal changed")
        #expect(try desk.records().allSatisfy { $0.status == .notDigitised })
    }
}
