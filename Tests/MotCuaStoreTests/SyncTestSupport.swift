import Foundation
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaSync
import MotCuaTestSupport

/// A clerk's day on a test store: dossiers taking every path the portal hears about (transfer,
/// supplement, suspension, extension, result, return by hand and by post, refusal, withdrawal),
/// their events interleaved in the journal as at a real desk.
enum SyncDay {
    static let paths: [[DossierCommand]] = [
        [.transfer(department: "VP", official: "hoa"), .resultReady(note: nil), .returnResult(.applicant)],
        [.transfer(department: "VP", official: nil), .requestSupplement(reason: "Thiếu tờ khai", documents: ["Tờ khai"]),
         .supplementReceived, .resultReady(note: nil), .returnResult(.post(waybill: "EB123456789VN"))],
        [.transfer(department: "VP", official: nil), .suspend(reason: "Chờ xác minh"), .resume,
         .extend(until: at("2026-12-21T10:00"), reason: "Cần xác minh thêm", department: "VP"), .resultReady(note: nil)],
        [.refuse(reason: "Không thuộc thẩm quyền")],
        [.withdraw(reason: "Người nộp xin rút")],
        [.note("Gọi lại cho người nộp"), .transfer(department: "VP", official: nil)],
    ]

    /// Receives `count` dossiers and plays their paths; returns the codes in order.
    @discardableResult
    static func play(_ t: TestStore, dossiers count: Int, startingAt start: String = "2026-11-30T07:45") throws -> [String] {
        var minute = at(start)
        func tick() -> Instant { minute = minute.adding(seconds: 60); return minute }
        var codes: [String] = []
        for i in 0..<count { codes.append(try t.receive("Nguyễn Văn Ánh \(i)", at: PortalTimeText.iso(tick())).code) }
        var step = 0
        var progressed = true
        while progressed {
            progressed = false
            for (i, code) in codes.enumerated() {
                let path = paths[i % paths.count]
                guard step < path.count else { continue }
                try t.store.perform(path[step], on: code, actor: t.clerk, now: tick())
                progressed = true
            }
            step += 1
        }
        return codes
    }

    /// What the portal should hold for each dossier: the instants of its sent events, in order.
    static func expectedRows(_ store: Store) throws -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for event in try store.dossierEvents(after: 0) where PortalStatus.mapping(for: event.event.kind) != nil {
            rows[event.code, default: []].append(PortalTime.text(event.at))
        }
        return rows
    }

    static func configure(_ t: TestStore, _ server: PortalTestServer, timeout: Double = 2, attempts: Int = 4,
                          feedEndpoint: String? = nil) throws -> SyncSettings {
        let settings = SyncSettings(adapterURL: server.baseURL, authEndpoint: PortalTestServer.authPath,
                                    integrationEndpoint: PortalTestServer.integrationPath, madonvi: server.madonvi,
                                    dstcode: server.dstcode, username: server.username, feedEndpoint: feedEndpoint, timeoutSeconds: timeout,
                                    retryBaseMilliseconds: 1, attempts: attempts)
        try t.store.configureSync(settings: settings.json, credentials: SyncCredentials(password: server.password).json,
                                  detail: settings.auditDetail, actor: t.admin, now: at("2026-11-30T07:30"))
        return settings
    }

    static func outbox(_ t: TestStore, _ settings: SyncSettings, _ server: PortalTestServer, now: String = "2026-11-30T12:00") throws -> (Outbox, PortalClient) {
        let client = PortalClient(settings: settings, password: server.password, transport: CurlTransport(), sleep: { _ in })
        return (try Outbox(store: t.store, settings: settings, client: client, now: { at(now) }), client)
    }
}

enum PortalTimeText {
    static func iso(_ instant: Instant) -> String { String(instant.iso8601.prefix(16)) }
}
