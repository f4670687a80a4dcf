import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaSync
import MotCuaTestSupport

/// `motcua sync pull` through the real binary against the local portal's feed endpoint: the
/// same import as `inbox import`, reached over the outbox's client (session, re-login, backoff).
@Suite("Sync pull: online dossiers from the portal's feed", .serialized)
struct SyncPullTests {
    /// The fixture feed's records: two good, two refused (indexes 2 and 3), one repeat (index 4).
    static func fixtureFeed() throws -> String {
        try String(contentsOfFile: InteropFixture.path("portal-feed.json"), encoding: .utf8)
    }

    static let env = ["MOTCUA_USER": "lan", "MOTCUA_NOW": "2026-12-01T09:00:00+07:00"]

    static func pull(_ t: TestStore, json: Bool = true, user: String = "lan") throws -> RunResult {
        try motcua(["sync", "pull", "--data", t.path] + (json ? ["--json"] : []), environment: env.merging(["MOTCUA_USER": user]) { $1 })
    }

    static func document(_ run: RunResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout) \(run.stderr)")
    }

    static func waiting(_ t: TestStore) throws -> String {
        try motcua(["list", "--state", "submitted", "--json", "--data", t.path], environment: env).stdout
    }

    @Test func aPullImportsTheFeedAndASecondPullOnlyCountsDuplicates() throws {
        let t = try TestStore(label: "pull")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        server.offerFeed(try Self.fixtureFeed())
        _ = try SyncDay.configure(t, server, feedEndpoint: PortalTestServer.feedPath)

        let first = try Self.pull(t)
        #expect(first.status == 0, "\(first.stderr)")
        let json = try Self.document(first)
        #expect(json["imported"] as? Int == 2 && json["duplicates"] as? Int == 1, "\(first.stdout)")
        #expect((json["refused"] as? [[String: Any]])?.map { $0["index"] as? Int } == [2, 3], "\(first.stdout)")
        #expect((json["codes"] as? [String])?.count == 2)
        let again = try Self.pull(t)
        #expect(again.status == 0 && again.stdout.contains(#""imported":0"#) && again.stdout.contains(#""duplicates":3"#), "\(again.stdout)")
        #expect(try Self.waiting(t).contains(#""count":2"#))
        #expect(server.recorded.feedCalls == 2 && server.recorded.problems.isEmpty, "\(server.recorded.problems)")
    }

    @Test func aRefusedRecordDoesNotBlockTheOthersAndThePortalsHostileWordsAreShownSafely() throws {
        let t = try TestStore(label: "pull-refused")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        let hostile = #"{"MaHoSo":"H57-1","TrangThaiHoSo":"\u001b[2J\u001b]0;pwned\u0007","KenhThucHien":"2"}"#
        let good = #"{"MaHoSo":"H57-261201-0009","MaTTHC":"1.004873","KenhThucHien":"2","TrangThaiHoSo":"1","ChuHoSo":"Trần Thị Mai","#
            + #""SoGiayToChuHoSo":"046190001234","SoDienThoai":"0905123456","NgayNopHoSo":"20261201080000","#
            + #""TaiLieuNop":[{"TenTepDinhKem":"To khai.pdf","DuongDanTaiTepTin":"https://h/a.pdf"}]}"#
        server.offerFeed("[\(hostile),\(good)]")
        _ = try SyncDay.configure(t, server, feedEndpoint: PortalTestServer.feedPath)

        let text = try Self.pull(t, json: false)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Đã nhập 1 hồ sơ") && text.stdout.contains("bản ghi 0"), "\(text.stdout)")
        for output in [text.stdout, text.stderr] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(output.debugDescription)")
        }
        #expect(try Self.waiting(t).contains(#""count":1"#))

        // The portal refusing the request itself: its words reach the clerk only sanitised, and nothing is imported.
        server.refuseFeed(#"\u001b[2J\u001b]0;pwned\u0007Đơn vị không có quyền"#)
        let refused = try Self.pull(t)
        #expect(refused.status == 1 && refused.stderr.contains("Đơn vị không có quyền") && refused.stdout.isEmpty, "\(refused.stderr)")
        #expect(!refused.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(refused.stderr.debugDescription)")
        #expect(server.recorded.requests == 4, "a refusal is final, not retried: \(server.recorded.requests) requests")
    }

    @Test func aRefusedSessionIsRenewedOnceThenTheFeedIsRead() throws {
        let t = try TestStore(label: "pull-session")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        server.offerFeed(try Self.fixtureFeed())
        _ = try SyncDay.configure(t, server, feedEndpoint: PortalTestServer.feedPath)
        server.fault = { $0 == 2 ? .badSession : nil }       // 1 is the login, 2 the first feed call

        let pulled = try Self.pull(t)
        #expect(pulled.status == 0 && pulled.stdout.contains(#""imported":2"#), "\(pulled.stdout) \(pulled.stderr)")
        #expect(server.recorded.logins == 2 && server.recorded.feedCalls == 1, "\(server.recorded.logins) logins")
    }

    @Test func thePortalDownExitsOneNamingTheAddressButNotThePasswordAndImportsNothing() throws {
        let t = try TestStore(label: "pull-down")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        server.offerFeed(try Self.fixtureFeed())
        _ = try SyncDay.configure(t, server, timeout: 1, attempts: 2, feedEndpoint: PortalTestServer.feedPath)

        server.fault = { $0 > 1 ? .fail : nil }              // logged in, then HTML errors only
        let failing = try Self.pull(t)
        #expect(failing.status == 1 && failing.stdout.isEmpty, "\(failing.status) \(failing.stdout)")
        #expect(failing.stderr.contains(server.baseURL + PortalTestServer.feedPath) && failing.stderr.contains("Cổng"), "\(failing.stderr)")
        server.stop()
        let down = try Self.pull(t)
        #expect(down.status == 1 && down.stderr.contains(server.baseURL + PortalTestServer.feedPath), "\(down.stderr)")
        for run in [failing, down] { #expect(!(run.stdout + run.stderr).contains(server.password)) }
        #expect(try Self.waiting(t).contains(#""count":0"#))
    }

    @Test func withoutAFeedEndpointPullExitsTwoNamingTheOptionAndAnOldConfigStillLoads() throws {
        let t = try TestStore(label: "pull-unconfigured")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        _ = try SyncDay.configure(t, server)             // written as before feeds existed: no feedEndpoint key
        #expect(try !String(contentsOfFile: t.path + "/sync/config.json", encoding: .utf8).contains("feed"))

        let unconfigured = try Self.pull(t)
        #expect(unconfigured.status == 2 && unconfigured.stderr.contains("sync configure") && unconfigured.stderr.contains("--feed-endpoint"),
                "\(unconfigured.status) \(unconfigured.stderr)")
        #expect(server.recorded.requests == 0, "nothing asked of the portal")
        #expect(try Self.pull(t, user: "hoa").status == 4, "an officer may not import, as with inbox import")

        let password = t.directory.path + "/password"
        try (server.password + "\n").write(toFile: password, atomically: true, encoding: .utf8)
        let configure = ["sync", "configure", "--adapter-url", server.baseURL, "--auth-endpoint", PortalTestServer.authPath,
                         "--integration-endpoint", PortalTestServer.integrationPath, "--madonvi", server.madonvi,
                         "--dstcode", server.dstcode, "--username", server.username, "--password-file", password, "--data", t.path]
        let admin = ["MOTCUA_USER": "admin"]
        let bad = try motcua(configure + ["--feed-endpoint", "api feed"], environment: admin)
        #expect(bad.status == 2 && bad.stderr.contains("--feed-endpoint"), "\(bad.stderr)")
        #expect(try motcua(configure + ["--feed-endpoint", PortalTestServer.feedPath], environment: admin).status == 0)
        #expect(try Self.pull(t).status == 0, "configured, the same store pulls")
        #expect(server.recorded.feedCalls == 1)
    }

    @Test func watchPullsTheFeedEachRoundAndSaysSoOnce() throws {
        let t = try TestStore(label: "pull-watch")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        server.offerFeed(try Self.fixtureFeed())
        _ = try SyncDay.configure(t, server, feedEndpoint: PortalTestServer.feedPath)
        let watch = try Running(["sync", "watch", "--interval", "0.2", "--data", t.path], environment: Self.env)
        defer { watch.kill9() }
        var rounds = 0
        while server.recorded.feedCalls < 4 && rounds < 300 {
            Thread.sleep(forTimeInterval: 0.1)
            rounds += 1
        }
        #expect(try Self.waiting(t).contains(#""count":2"#))
        // The imported dossiers' "submitted" events go out to the portal in the same rounds (status 1).
        let rows: [[String: String]] = server.recorded.progress.values.flatMap { $0 }
        let submittedRows = rows.filter { $0["TrangThai"] == "1" }
        #expect(submittedRows.count == 2 && server.recorded.problems.isEmpty, "\(server.recorded.problems)")
        watch.kill9()
        let ended = watch.wait()
        let lines = ended.stderr.components(separatedBy: "\n").filter { $0.contains("hồ sơ trực tuyến") }
        #expect(lines == ["sync: nhận 2 hồ sơ trực tuyến, từ chối 2 bản ghi"], "\(ended.stderr)")
    }
}

