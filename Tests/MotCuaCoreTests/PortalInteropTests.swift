import Foundation
import Testing
@testable import MotCuaCore

/// The pure half of the portal sync: the status table, the portal's dates, and reading its replies.
@Suite("Portal interop")
struct PortalInteropTests {
    @Test func everyEventKindButNotesIsMappedAndEveryStateHasACode() {
        for kind in DossierEvent.Kind.allCases {
            #expect((PortalStatus.mapping(for: kind) == nil) == (kind == .note), "\(kind)")
        }
        for state in DossierState.allCases { #expect(PortalStatus.states[state.rawValue] != nil, "\(state)") }
        let table: [(DossierEvent.Kind, String?)] = [
            (.received, "2"), (.transferred, "4"), (.supplementRequested, "5"), (.supplementReceived, "5"), (.suspended, "8"),
            (.resumed, "4"), (.resultReady, "9"), (.returned, "10"), (.refused, "9"), (.withdrawn, "7"), (.extended, nil),
        ]
        for (kind, code) in table { #expect(PortalStatus.mapping(for: kind)?.status == code, "\(kind)") }
        // The inbox's kinds, by name, before they exist here.
        #expect(PortalStatus.events["submitted"]?.status == "1")
        #expect(PortalStatus.events["accepted"]?.status == "2")
        #expect(PortalStatus.events["notAccepted"]?.status == "3")
    }

    @Test func portalDatesAreVietnamTimeWhateverTheInstantsOffset() {
        let cases: [(String, String)] = [
            ("2026-11-27T09:15:00+07:00", "20261127091500"),
            ("2026-11-27T02:15:00Z", "20261127091500"),
            ("2026-12-31T17:00:01Z", "20270101000001"),
        ]
        for (iso, portal) in cases {
            let instant = Instant(iso8601: iso)!
            #expect(PortalTime.text(instant) == portal, "\(iso)")
            #expect(PortalTime.parse(portal) == instant, "\(portal)")
        }
        #expect(PortalTime.text(nil) == "")
        for bad in ["2026112709150", "20261327091500", "20261127245900", "2026-11-27T09"] { #expect(PortalTime.parse(bad) == nil, "\(bad)") }
    }

    @Test func repliesAreReadAsRealAdaptersSendThem() {
        func outcome(_ body: String, status: Int = 200) -> PortalReply.Outcome { PortalReply(status: status, body: Array(body.utf8)).outcome }
        #expect(outcome(#"{"error_code":0,"message":"Thành công"}"#) == .ok)
        #expect(outcome(#"{"error_code":"0","message":"Thành công"}"#) == .ok)
        #expect(outcome(#"{"error_code":"3","message":"Hồ sơ đã tồn tại"}"#) == .alreadyExists)
        #expect(outcome(#"{"error_code":-3,"message":"Ho so da ton tai"}"#) == .refused("Ho so da ton tai"))
        #expect(outcome(#"{"error_code":"-3","message":"Hồ sơ đã tồn tại"}"#) == .alreadyExists)
        // Decomposed Vietnamese (NFD) is the same words.
        #expect(outcome(#"{"error_code":"3","message":"\#("Hồ sơ đã tồn tại".decomposedStringWithCanonicalMapping)"}"#) == .alreadyExists)
        #expect(outcome(#"{"error_code":-1,"message":"Session không hợp lệ"}"#) == .badSession)
        #expect(outcome(#"{"error_code":"-1","message":"Phiên đăng nhập hết hạn"}"#) == .badSession)
        #expect(outcome("{}", status: 401) == .badSession)
        #expect(outcome(#"{"error_code":"-1","message":"Thiếu MaTTHC"}"#) == .refused("Thiếu MaTTHC"))
        #expect(outcome(#"{"error_code":1}"#) == .refused("mã lỗi 1"))
        #expect(outcome("Cập nhật thành công") == .ok)
        #expect(outcome("<html>502 Bad Gateway</html>", status: 502) == .unreadable)
        #expect(outcome(#"{"error_code":"-1","message":"Lỗi hệ thống"}"#, status: 500) == .unreadable)
        #expect(outcome("") == .unreadable)
        let login = PortalReply(status: 200, body: Array(#"{"error_code":0,"message":"ok","session":"abc"}"#.utf8))
        #expect(login.session == "abc" && login.errorCode == "0")
    }
}
