import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// The shipped interop fixtures (`Tests/Fixtures/interop/`).
enum InteropFixture {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/interop/\(name)").path
    }
}

/// Online dossiers in (issue 13): the inbox through the store and through the real binary.
@Suite("Inbox: online dossiers in", .serialized)
struct InboxTests {
    static func feed() throws -> PortalDossierRecord.Parsed {
        try PortalDossierRecord.parse(try Data(contentsOf: URL(fileURLWithPath: InteropFixture.path("portal-feed.json"))))
    }

    @Test func anImportIsIdempotentOnThePortalCodeAcrossASnapshotAndAReopen() throws {
        let t = try TestStore(label: "inbox")
        defer { t.directory.cleanup() }
        let first = try t.store.importSubmissions(try Self.feed(), actor: t.clerk, now: at("2026-12-01T09:00"))
        #expect(first.imported == ["000.00.xx.H57-261201-0001", "000.00.xx.H57-261201-0002"])
        #expect(first.duplicates.map(\.index) == [4], "the same portal code twice in one file")
        #expect(first.refused.map(\.index) == [2, 3])
        try t.store.checkpoint()
        // The portal code survives in the snapshot's rows (the search key), not only in memory.
        let reopened = try Store.open(at: t.path)
        #expect(reopened.baseHead != nil && reopened.linesSinceSnapshot == 0)
        let again = try reopened.importSubmissions(try Self.feed(), actor: t.clerk, now: at("2026-12-01T10:00"))
        #expect(again.imported.isEmpty && again.duplicates.map(\.code) == first.imported + [first.imported[0]])
        #expect(reopened.summaries.filter { $0.state == .submitted }.count == 2)
        #expect(try reopened.localCode("000.00.xx.H57-261201-0102") == "000.00.xx.H57-261201-0002", "named by the portal's code")
        #expect(try reopened.verify().ok)
    }

    @Test func theAcceptanceDeadlineIsTheStoresSetting() throws {
        let dir = TempDirectory("inbox-hours")
        defer { dir.cleanup() }
        var config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: at("2026-11-01T08:00"))
        config.onlineAcceptanceHours = 4
        let store = try Store.create(at: dir.path + "/s", config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        let admin = try store.actor(login: "admin", terminal: "test")
        let done = try store.importSubmissions(try Self.feed(), actor: admin, now: at("2026-12-01T09:00"))
        // Submitted Monday 16:05: 55 minutes that day, then 3 h 05 min from Tuesday 07:00.
        #expect(store.summary(code: done.imported[0])?.due == at("2026-12-01T10:05"), "\(String(describing: store.summary(code: done.imported[0])?.due))")
        #expect(try Store.open(at: dir.path + "/s").config.onlineAcceptanceHours == 4, "kept in config.json")
    }

    /// Acceptance takes the procedure as the catalogue has it then: the dossier's row (lists,
    /// reports, the detail pane's appointment) must hold that one, not the submission's.
    @Test func theRowHoldsTheProcedureAsAcceptedUnderANewerCatalogue() throws {
        let t = try TestStore(label: "inbox-accept-catalogue")
        defer { t.directory.cleanup() }
        let code = try t.store.importSubmissions(try Self.feed(), actor: t.clerk, now: at("2026-12-01T09:00")).imported[0]
        try t.store.installCatalogue(try RoleMatrixTests.nextCatalogue(), actor: t.admin, now: at("2026-12-01T09:10"))
        _ = try t.store.accept(code: code, actor: t.clerk, now: at("2026-12-01T09:30"))
        let accepted = try t.store.dossier(code: code).reception.procedure
        #expect(accepted.catalogueVersion == Catalogue.sample.version + 1)
        #expect(t.store.summary(code: code)?.procedure == accepted, "the live row")
        try t.store.checkpoint()
        #expect(try Store.open(at: t.path).summary(code: code)?.procedure == accepted, "the snapshot's row")
        #expect(try t.store.verify().ok)
    }

    @Test func anOfficerMayNotImportOrAccept() throws {
        let t = try TestStore(label: "inbox-role")
        defer { t.directory.cleanup() }
        #expect(throws: StoreError.self) { try t.store.importSubmissions(try Self.feed(), actor: t.officer, now: at("2026-12-01T09:00")) }
        let done = try t.store.importSubmissions(try Self.feed(), actor: t.clerk, now: at("2026-12-01T09:00"))
        #expect(throws: StoreError.self) { try t.store.accept(code: done.imported[0], actor: t.officer, now: at("2026-12-01T09:30")) }
        #expect(t.store.summary(code: done.imported[0])?.state == .submitted)
    }

    @Test func theWholeFlowThroughTheBinary() throws {
        let dir = TempDirectory("inbox-cli")
        defer { dir.cleanup() }
        let env = ["MOTCUA_NOW": "2026-12-01T09:00", "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        let clerk = env.merging(["MOTCUA_USER": "lan"]) { $1 }
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
        let feed = InteropFixture.path("portal-feed.json")

        let imported = try motcua(["inbox", "import", feed, "--json"], environment: clerk)
        #expect(imported.status == 0, "\(imported.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(json["imported"] as? Int == 2 && json["duplicates"] as? Int == 1)
        let refused = try #require(json["refused"] as? [[String: Any]])
        #expect(refused.map { $0["index"] as? Int } == [2, 3])
        #expect((refused[1]["reason"] as? String)?.contains("9.999999") == true)
        let again = try motcua(["inbox", "import", feed, "--json"], environment: clerk)
        #expect(again.stdout.contains("\"imported\":0") && again.stdout.contains("\"duplicates\":3"), "\(again.stdout)")

        let waiting = try motcua(["list", "--state", "submitted", "--json"], environment: clerk)
        #expect(waiting.stdout.contains("\"count\":2") && waiting.stdout.contains("\"state\":\"submitted\""), "\(waiting.stdout)")

        // accept returns what receive returns: the same keys, the appointment from acceptance.
        let accepted = try motcua(["accept", "261201-0001", "--json"], environment: clerk.merging(["MOTCUA_NOW": "2026-12-01T10:00"]) { $1 })
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let acceptedKeys = try #require(try JSONSerialization.jsonObject(with: Data(accepted.stdout.utf8)) as? [String: Any])
        let received = try motcua(["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234",
                                   "--phone", "0912345678", "--json"], environment: clerk)
        let receivedKeys = try #require(try JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [String: Any])
        #expect(Set(acceptedKeys.keys) == Set(receivedKeys.keys))
        #expect(acceptedKeys["receivedAt"] as? String == "2026-12-01T10:00:00+07:00")
        #expect(acceptedKeys["due"] as? String == "2026-12-04T10:00:00+07:00")
        let twice = try motcua(["accept", "261201-0001"], environment: clerk)
        #expect(twice.status == 2 && twice.stderr.contains("không chờ tiếp nhận trực tuyến"), "\(twice.stderr)")

        // Refused by the portal's code, once, with the guidance.
        let refuse = try motcua(["refuse", "000.00.xx.H57-261201-0102", "--reason", "Bản chụp không đọc được",
                                 "--guidance", "Chụp lại bản chính rõ nét và nộp lại", "--json"], environment: clerk)
        #expect(refuse.status == 0 && refuse.stdout.contains("\"state\":\"not-accepted\""), "\(refuse.stdout) \(refuse.stderr)")
        #expect(try motcua(["refuse", "261201-0002", "--reason", "lần hai"], environment: clerk).status == 2)
        let shown = try motcua(["show", "000.00.xx.H57-261201-0102", "--json"], environment: clerk)      // by the portal's code
        #expect(shown.stdout.contains("\"kind\":\"notAccepted\"") && shown.stdout.contains("Chụp lại bản chính rõ nét"), "\(shown.stdout)")
        #expect(shown.stdout.contains("\"file\":\"https://dichvucong.example.vn/files/261201-0102/bang.pdf\""), "\(shown.stdout)")

        // The receipt of the accepted dossier prints; the refusal slip says what to do.
        let receipt = try motcua(["print", "receipt", "261201-0001"], environment: clerk)
        #expect(receipt.status == 0 && receipt.stdout.contains("GIẤY TIẾP NHẬN HỒ SƠ") && receipt.stdout.contains("To khai xac nhan TTHN.pdf"),
                "\(receipt.stdout) \(receipt.stderr)")
        #expect(receipt.stdout.contains("10 giờ 00 phút, ngày 01 tháng 12 năm 2026"), "received at acceptance: \(receipt.stdout)")
        let slip = try motcua(["print", "refusal", "261201-0002"], environment: clerk)
        let slipText = slip.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")     // the form wraps its lines
        #expect(slip.status == 0 && slipText.contains("Hướng dẫn: Chụp lại bản chính rõ nét"), "\(slip.stdout)")

        // Statistics count the channel from acceptance; the refusal at acceptance is not a received dossier.
        let report = try motcua(["report", "--from", "01/12/2026", "--to", "31/12/2026", "--format", "json"], environment: env)
        let counts = try #require((try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])?["total"] as? [String: Any])
        let channels = try #require(counts["receivedByChannel"] as? [String: Any])
        #expect(counts["received"] as? Int == 2 && channels["online"] as? Int == 1 && channels["direct"] as? Int == 1, "\(counts)")
        #expect(counts["refused"] as? Int == 0)
        #expect(try motcua(["check"], environment: env).status == 0)
    }

    @Test func aFileThatIsNotAFeedChangesNothingAndExitsTwo() throws {
        let dir = TempDirectory("inbox-bad")
        defer { dir.cleanup() }
        let env = ["MOTCUA_NOW": "2026-12-01T09:00", "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        let bad = dir.path + "/bad.json"
        try Data("{\"MaHoSo\":1}".utf8).write(to: URL(fileURLWithPath: bad))
        let before = try motcua(["check", "--json"], environment: env).stdout
        for file in [bad, dir.path + "/missing.json"] {
            let result = try motcua(["inbox", "import", file], environment: env)
            #expect(result.status == 2 && result.stderr.contains(file.hasSuffix("bad.json") ? "cần một mảng JSON" : "Không đọc được tệp"),
                    "\(result.status) \(result.stderr)")
        }
        #expect(try motcua(["check", "--json"], environment: env).stdout == before)
    }
}

@Suite("Inbox: concurrent imports and hostile records", .serialized)
struct InboxConcurrencyTests {
    @Test func twoClerksImportingTheSameFeedAtOnceWriteEachDossierOnce() throws {
        let dir = TempDirectory("inbox-race")
        defer { dir.cleanup() }
        let env = ["MOTCUA_NOW": "2026-12-01T09:00", "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        let feed = InteropFixture.path("portal-feed.json")
        let runs = try (0..<4).map { _ in try Running(["inbox", "import", feed, "--json"], environment: env) }
        let results = runs.map { $0.wait() }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
        let imported = results.map { r in (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["imported"] as? Int ?? -1 }
        #expect(imported.reduce(0, +) == 2, "each portal code written once in all: \(imported)")
        let list = try motcua(["list", "--state", "submitted", "--json"], environment: env)
        #expect(list.stdout.contains("\"count\":2"), "\(list.stdout)")
        #expect(try motcua(["check"], environment: env).status == 0)
    }

    @Test func hostileTextInAFeedNeverReachesTheTerminalRaw() throws {
        let dir = TempDirectory("inbox-hostile")
        defer { dir.cleanup() }
        let env = ["MOTCUA_NOW": "2026-12-01T09:00", "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        let record: [String: Any] = [
            "MaHoSo": "H57-261201-0009", "MaTTHC": "1.004873", "KenhThucHien": "2", "TrangThaiHoSo": "1",
            "ChuHoSo": "Evil\u{1B}]0;owned\u{07} Name\u{1B}[2J", "SoGiayToChuHoSo": "046190001234", "SoDienThoai": "0905123456",
            "TaiLieuNop": [["TenTepDinhKem": "a\u{1B}[31m.pdf", "DuongDanTaiTepTin": "https://h/a.pdf"]],
        ]
        let file = dir.path + "/hostile.json"
        try JSONSerialization.data(withJSONObject: [record, ["MaHoSo": "X", "TrangThaiHoSo": "\u{1B}[2J"]]).write(to: URL(fileURLWithPath: file))
        let imported = try motcua(["inbox", "import", file], environment: env)
        let shown = try motcua(["show", "H57-261201-0009"], environment: env)
        let listed = try motcua(["list", "--state", "submitted"], environment: env)
        for output in [imported.stdout, imported.stderr, shown.stdout, listed.stdout] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(output.debugDescription)")
        }
        #expect(imported.stdout.contains("bản ghi 1") && shown.status == 0 && listed.stdout.contains("1 hồ sơ"),
                "\(imported.stdout) \(shown.stderr) \(listed.stdout)")
    }
}
