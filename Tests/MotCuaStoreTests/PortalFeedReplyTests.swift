import Foundation
import Testing
@testable import MotCuaSync

/// How `sync pull` reads the feed endpoint's answer: the shapes real portals use, and what is
/// worth retrying (no usable answer) versus final (a refusal).
@Suite("Portal feed replies")
struct PortalFeedReplyTests {
    static func read(_ body: String, status: Int = 200) -> String {
        switch PortalClient.readFeed(status: status, body: Array(body.utf8)) {
        case .done(.records(let data)):
            let count = ((try? JSONSerialization.jsonObject(with: data)) as? [Any])?.count ?? -1
            return "records \(count)"
        case .done(.refused(let message)): return "refused \(message)"
        case .done(.unavailable(let problem)): return "unavailable \(problem)"
        case .badSession: return "bad session"
        case .unreadable: return "unreadable"
        }
    }

    @Test func theShapesOfAFeedAnswer() {
        #expect(Self.read(#"[{"MaHoSo":"A"},{"MaHoSo":"B"}]"#) == "records 2", "a provincial proxy's bare array")
        #expect(Self.read(#"{"error_code":0,"message":"ok","data":[{"MaHoSo":"A"}]}"#) == "records 1")
        #expect(Self.read(#"{"error_code":"0","result":[{"MaHoSo":"A"}]}"#) == "records 1", "as LayDanhSachTTHC answers")
        #expect(Self.read(#"{"error_code":"0","message":"Không có hồ sơ","data":null}"#) == "records 0")
        #expect(Self.read(#"{"error_code":0}"#) == "records 0")
    }

    @Test func whatIsFinalAndWhatIsTriedAgain() {
        #expect(Self.read(#"{"error_code":"-1","message":"Đơn vị không có quyền"}"#) == "refused Đơn vị không có quyền")
        #expect(Self.read(#"{"error_code":-1,"message":"Phiên đăng nhập không hợp lệ"}"#) == "bad session")
        #expect(Self.read("", status: 401) == "bad session")
        #expect(Self.read("<html>500</html>", status: 500) == "unreadable")
        #expect(Self.read(#"{"error_code":"-1","message":"lỗi"}"#, status: 502) == "unreadable")
        #expect(Self.read(#"{"error_code":0,"data":"[]"}"#) == "unreadable", "data must be an array")
        #expect(Self.read(#"{"message":"không rõ"}"#) == "unreadable")
        #expect(Self.read("[]", status: 500) == "unreadable")
    }
}
