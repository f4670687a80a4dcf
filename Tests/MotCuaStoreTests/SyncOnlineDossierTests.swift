import Foundation
import Testing
@testable import MotCuaStore
import MotCuaTestSupport

/// The two halves of issue 13 together: online dossiers pulled from the portal's feed, accepted or
/// refused at the desk, reach the portal's integration endpoint under the portal's own codes.
@Suite("Sync: online dossiers there and back", .serialized)
struct SyncOnlineDossierTests {
    @Test func pulledAcceptedAndRefusedOnlineDossiersGoBackUnderThePortalsCodes() throws {
        let t = try TestStore(label: "online-roundtrip")
        defer { t.directory.cleanup() }
        let server = try PortalTestServer()
        defer { server.stop() }
        server.offerFeed(try SyncPullTests.fixtureFeed())
        _ = try SyncDay.configure(t, server, feedEndpoint: PortalTestServer.feedPath)
        let env = SyncPullTests.env

        let pulled = try SyncPullTests.document(try SyncPullTests.pull(t))
        let codes = try #require(pulled["codes"] as? [String])
        #expect(codes.count == 2)
        let accepted = try motcua(["accept", "000.00.xx.H57-261130-0101", "--data", t.path], environment: env)
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let refused = try motcua(["refuse", "000.00.xx.H57-261201-0102", "--reason", "Bản sao không rõ nét", "--data", t.path],
                                 environment: env)
        #expect(refused.status == 0, "\(refused.stderr)")

        let pushed = try motcua(["sync", "push", "--json", "--data", t.path], environment: env)
        #expect(pushed.status == 0 && pushed.stdout.contains(#""pending":0"#), "\(pushed.stdout) \(pushed.stderr)")
        let seen = server.recorded
        #expect(seen.problems.isEmpty, "\(seen.problems)")
        #expect(Set(seen.dossiers.keys) == ["000.00.xx.H57-261130-0101", "000.00.xx.H57-261201-0102"], "\(seen.dossiers.keys)")
        for local in codes { #expect(seen.dossiers[local] == nil, "sent under the local code \(local)") }
        #expect(seen.dossiers["000.00.xx.H57-261130-0101"]?["TrangThaiHoSo"] == "2")
        #expect(seen.dossiers["000.00.xx.H57-261201-0102"]?["TrangThaiHoSo"] == "3")
        #expect(seen.dossiers["000.00.xx.H57-261201-0102"]?["NgayKetThucXuLy"]?.isEmpty == false)
        #expect(seen.progress["000.00.xx.H57-261130-0101"]?.last?["TrangThai"] == "2", "\(seen.progress)")
        #expect(seen.progress["000.00.xx.H57-261201-0102"]?.last?["TrangThai"] == "3", "\(seen.progress)")
        #expect(seen.duplicateRows == 0)
    }
}
