import Foundation
import Testing
import MotCuaCore
import MotCuaStore
import MotCuaSync
@testable import MotCuaDesk
import MotCuaTestSupport

@Suite("Desk: portal sync on the supervisor screen")
struct DeskSyncTests {
    @Test func theSupervisorsWarningAppearsOnlyWhenSyncIsConfiguredAndBehind() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let desk = try t.desk("hung")
        _ = try t.desk("lan").receive(intake("Nguyễn Văn Ánh"), op: nil, now: at("2026-11-30T08:00"))
        #expect(desk.syncBehindLine(at: at("2026-11-30T12:00")) == nil, "not configured: nothing to say")
        let settings = SyncSettings(adapterURL: "http://127.0.0.1:9", authEndpoint: "/a", integrationEndpoint: "/i",
                                    madonvi: "000.00.xx.H57", dstcode: "X", username: "u")
        try t.store.configureSync(settings: settings.json, credentials: SyncCredentials(password: "p").json, detail: settings.auditDetail,
                                  actor: try t.store.actor(login: "admin", terminal: "test"), now: at("2026-11-30T08:01"))
        #expect(desk.syncBehindLine(at: at("2026-11-30T08:10")) == nil, "9 minutes is not behind")
        #expect(desk.syncBehindLine(at: at("2026-11-30T09:00")) == "Đồng bộ Cổng DVCQG chậm: 1 sự kiện chờ gửi, cũ nhất 1 giờ 0 phút")
    }
}
