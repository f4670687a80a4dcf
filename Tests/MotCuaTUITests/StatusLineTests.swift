import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// A kept filter stays named in the queue's title; a message takes the status line while it is there.
@Suite("Reducer: messages while a filter is kept")
struct StatusLineTests {
    func keepFilter(_ text: String, _ state: inout AppState) {
        _ = update(&state, .key(.character("/")), Fixture.env)
        for c in text { _ = update(&state, .key(.character(c)), Fixture.env) }
        _ = update(&state, .key(.enter), Fixture.env)
        _ = Fixture.reload(&state)
    }

    @Test func aRefusedActionIsSaidWhileAFilterIsKept() throws {
        var state = Fixture.state()
        keepFilter("ho thi tra", &state)
        #expect(try #require(state.selectedRow).summary.state == .returned)
        _ = update(&state, .key(.function(3)), Fixture.env)
        expectScreen(state, lines: [" Không thể chuyển xử lý: hồ sơ đang ở trạng thái \"Đã trả\""], rows: 22..<23)
        expectScreen(state, lines: ["─ Tất cả (1) ───────────────────────────────────────────────── lọc: ho thi tra ─"], rows: 2..<3)
        _ = update(&state, .key(.down), Fixture.env)                    // the next key ends the message: the filter line is back
        expectScreen(state, lines: ["Lọc (không dấu): ho thi tra                                (/ sửa, Esc xóa)"], rows: 22..<23)
    }

    @Test func aWrittenFileIsSaidWhileAFilterIsKept() {
        var state = Fixture.state()
        keepFilter("be", &state)
        _ = update(&state, .notice("Đã ghi /tmp/motcua/mau-01.txt", isError: false), Fixture.env)
        expectScreen(state, lines: [" Đã ghi /tmp/motcua/mau-01.txt"], rows: 22..<23)
    }
}
