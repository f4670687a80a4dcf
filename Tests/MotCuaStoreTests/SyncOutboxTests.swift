import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaSync
import MotCuaTestSupport

/// The outbox against a real HTTP portal on 127.0.0.1, in process (the binary's tests are in SyncCLITests).
@Suite("Sync outbox", .serialized)
struct SyncOutboxTests {
    @Test func aWorkDayReachesThePortalInOrderOnceAndASecondPushSendsNothing() throws {
        let t = try TestStore(label: "sync-day")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        let codes = try SyncDay.play(t, dossiers: 12)
        let settings = try SyncDay.configure(t, server)
        let (outbox, client) = try SyncDay.outbox(t, settings, server)
        let result = try #require(try outbox.push())
        let expected = try SyncDay.expectedRows(t.store)
        let sentEvents = expected.values.map(\.count).reduce(0, +)
        #expect(result.sent == sentEvents && result.pending == 0 && result.parked == 0 && result.stopped == nil, "\(result)")
        #expect(result.lastSeq == t.store.lastSeq - 1, "the last line is the admin's syncConfigured, not the portal's business")
        let seen = server.recorded
        #expect(seen.problems.isEmpty, "\(seen.problems)")
        #expect(seen.creates == codes.count && seen.duplicateRows == 0)
        for code in codes {
            #expect(seen.progress[code]?.map { $0["ThoiDiemXuLy"]! } == expected[code], "\(code)")
        }
        #expect(client.counters.logins == 1)
        // What the portal holds at the end of the day, dossier by dossier.
        let finalStatus = codes.map { seen.dossiers[$0]?["TrangThaiHoSo"] ?? "?" }
        #expect(finalStatus == ["10", "10", "9", "9", "7", "4", "10", "10", "9", "9", "7", "4"], "\(finalStatus)")
        let post = try #require(seen.dossiers[codes[1]])
        #expect(post["HinhThuc"] == "1" && post["NgayTra"] != "" && post["KenhThucHien"] == "1")
        #expect(seen.dossiers[codes[2]]?["NgayHenTra"] == "20261221100000", "the extension's new appointment")
        let rows = try #require(seen.progress[codes[2]])
        #expect(rows.map { $0["TrangThai"]! } == ["2", "4", "8", "4", "4", "9"], "\(rows.map { $0["TrangThai"]! })")
        // The extension keeps the status it found and says why and until when.
        #expect(rows[4]["NoiDungXuLy"] == "Gia hạn, ban hành văn bản xin lỗi: Cần xác minh thêm; hẹn trả mới 10:00 21/12/2026", "\(rows[4])")
        #expect(!seen.progress.values.joined().contains { $0["NoiDungXuLy"]?.contains("Gọi lại") == true }, "notes stay at the desk")
        // Personal data only where the portal asks for it.
        let record = try #require(seen.dossiers[codes[0]])
        #expect(record["SoGiayToChuHoSo"] == "046090001234" && record["SoDienThoai"] == "0912345678")
        #expect(record.filter { $0.value.contains("046090001234") }.keys.sorted() == ["SoGiayToChuHoSo"])

        let nested = try t.store.asOnlySender { try outbox.push() }
        #expect(nested != nil && nested! == nil, "a second sender is turned away while one holds sync/outbox.lock")
        let again = try #require(try outbox.push())
        #expect(again.sent == 0 && again.pending == 0 && server.recorded.requests == seen.requests)
    }

    @Test func aRefusedDossierIsParkedWithThePortalsReasonOthersGoOnAndItsNextChangeIsRetried() throws {
        let t = try TestStore(label: "sync-park")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        let codes = try SyncDay.play(t, dossiers: 3)
        server.refuse(codes[0], reason: "MaTTHC 1.004873 không có trong danh mục của đơn vị")
        let settings = try SyncDay.configure(t, server)
        let (outbox, _) = try SyncDay.outbox(t, settings, server)
        let first = try #require(try outbox.push())
        #expect(first.parked == 1 && first.pending == 0 && first.stopped == nil, "\(first)")
        let seen = server.recorded
        #expect(seen.dossiers[codes[0]] == nil && seen.progress[codes[1]]?.count == 6 && seen.progress[codes[2]]?.count == 6)
        let status = try SyncStatusReport(store: t.store, settings: settings, now: at("2026-11-30T12:00"))
        #expect(status.parked.map(\.code) == [codes[0]] && status.parked[0].reason.contains("không có trong danh mục"))
        #expect(status.json.compact.contains(#""parked":[{"code":"\#(codes[0])","reason":"MaTTHC 1.004873"#), "\(status.json.compact)")
        #expect(status.behindLine?.contains("1 hồ sơ bị Cổng từ chối") == true)

        // Nothing new: the parked dossier stays parked and is not sent again.
        let idle = try #require(try outbox.push())
        #expect(idle.sent == 0 && idle.parked == 1 && server.recorded.requests == seen.requests)
        // The portal's catalogue is fixed, the clerk records a note: not a portal event, still parked.
        server.refuse(codes[0], reason: nil)
        try t.store.perform(.note("Đã báo Sở"), on: codes[0], actor: t.clerk, now: at("2026-11-30T13:40"))
        #expect(try #require(try outbox.push()).parked == 1)
        // `--retry-parked` sends its whole history, in order.
        let retried = try #require(try outbox.push(retryParked: true))
        #expect(retried.parked == 0 && retried.sent == 4, "\(retried)")
        #expect(server.recorded.progress[codes[0]]?.map { $0["ThoiDiemXuLy"]! } == (try SyncDay.expectedRows(t.store))[codes[0]])
        #expect(server.recorded.problems.isEmpty, "\(server.recorded.problems)")
    }

    @Test func anExpiredSessionIsRenewedAndCallsWithoutAnAnswerAreRetriedWithBackoff() throws {
        let t = try TestStore(label: "sync-faults")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        let codes = try SyncDay.play(t, dossiers: 4)
        let faults: [Int: PortalTestServer.Fault] = [4: .badSession, 7: .fail, 9: .drop, 12: .stall(1.5), 14: .fail, 15: .fail]
        server.fault = { faults[$0] }
        let settings = try SyncDay.configure(t, server, timeout: 1)
        var waits: [Double] = []
        let counting = PortalClient(settings: settings, password: server.password, transport: CurlTransport(), sleep: { waits.append($0) })
        let outbox = try Outbox(store: t.store, settings: settings, client: counting, now: { at("2026-11-30T12:00") })
        let result = try #require(try outbox.push())
        #expect(result.pending == 0 && result.parked == 0, "\(result)")
        let seen = server.recorded
        #expect(seen.problems.isEmpty, "\(seen.problems)")
        #expect(seen.logins == 2 && counting.counters.logins == 2, "a refused session is renewed once")
        #expect(seen.faultsInjected == 6 && seen.duplicateRows == 0)
        let expected = try SyncDay.expectedRows(t.store)
        for code in codes { #expect(seen.progress[code]?.map { $0["ThoiDiemXuLy"]! } == expected[code]) }
        // 7 fails once; 9 once; 12 once; 14 and 15 twice in a row: the second wait is twice the first.
        #expect(waits.count == 5 && waits.contains { abs($0 - 0.002) < 1e-9 }, "\(waits)")
    }

    @Test func aPortalThatStaysDownLeavesEverythingPendingAndTheCursorWhereItWas() throws {
        let t = try TestStore(label: "sync-down")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        try SyncDay.play(t, dossiers: 2)
        server.fault = { $0 > 3 ? .fail : nil }
        let settings = try SyncDay.configure(t, server, attempts: 3)
        let (outbox, _) = try SyncDay.outbox(t, settings, server)
        let down = try #require(try outbox.push())
        let total = try SyncDay.expectedRows(t.store).values.map(\.count).reduce(0, +)
        #expect(down.sent == 1 && down.pending == total - 1 && down.stopped?.contains("HTTP 500") == true, "\(down)")
        let status = try SyncStatusReport(store: t.store, settings: settings, now: at("2026-11-30T12:00"), withinMinutes: 15)
        #expect(status.pending == total - 1 && status.oldestPendingAgeSeconds > 3600 && status.onTimeShare == 0)
        #expect(status.behindLine?.contains("sự kiện chờ gửi") == true)
        server.fault = { _ in nil }
        let up = try #require(try outbox.push())
        #expect(up.pending == 0 && up.sent == total - 1 && server.recorded.duplicateRows == 0 && server.recorded.problems.isEmpty)
        let caughtUp = try SyncStatusReport(store: t.store, settings: settings, now: at("2026-11-30T12:00"))
        #expect(caughtUp.pending == 0 && caughtUp.lastSuccess == at("2026-11-30T12:00") && !caughtUp.isBehind)
    }

    @Test func aLostCursorIsRebuiltBySendingAgainTheCreatesComeBackAsUpdates() throws {
        let t = try TestStore(label: "sync-rebuild")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        let codes = try SyncDay.play(t, dossiers: 3)
        let settings = try SyncDay.configure(t, server)
        let (outbox, _) = try SyncDay.outbox(t, settings, server)
        let first = try #require(try outbox.push())
        try FileManager.default.removeItem(atPath: t.store.syncDirectory + "/" + OutboxState.fileName)
        let (fresh, _) = try SyncDay.outbox(t, settings, server)
        let again = try #require(try fresh.push())
        #expect(again.sent == first.sent && again.pending == 0)
        let seen = server.recorded
        #expect(seen.creates == codes.count && seen.problems.isEmpty, "\(seen.problems)")
        // Each dossier's first record answered "đã tồn tại" and went again as an update; every progress row was a repeat.
        #expect(seen.duplicateRows == first.sent, "\(seen.duplicateRows)")
        #expect(seen.progress.values.map(\.count).reduce(0, +) == first.sent)
    }
}
