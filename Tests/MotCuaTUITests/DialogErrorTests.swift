import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// A refused save in an action dialog puts the focus in the field at fault (as the intake form
/// does) and the box does not move: its error line is kept free for the message.
@Suite("Reducer: a dialog's refused save")
struct DialogErrorTests {
    func type(_ text: String, _ state: inout AppState) { for c in text { _ = update(&state, .key(.character(c)), Fixture.env) } }

    /// The screen row of the dialog's top border.
    func boxTop(_ state: AppState) -> Int? {
        screenLines(render(state, Fixture.env), rows: 0..<state.size.height).firstIndex { $0.contains("┌─ Yêu cầu bổ sung") }
    }

    @Test(arguments: [Key.enter, Key.function(2)])
    func anEmptyReasonFocusesTheReasonAndTheBoxStaysPut(confirm: Key) throws {
        var state = Fixture.state(view: .received)
        _ = Fixture.reload(&state)
        _ = update(&state, .key(.function(6)), Fixture.env)
        _ = update(&state, .key(.character("b")), Fixture.env)
        let opened = try #require(state.mode.dialog, "F6 b should open the supplement dialog")
        #expect(opened.fields == [.reason, .documents])
        let top = try #require(boxTop(state))
        _ = update(&state, .key(.tab), Fixture.env)                       // to the documents field
        #expect(update(&state, .key(confirm), Fixture.env) == [])
        let refused = try #require(state.mode.dialog, "the dialog should stay open")
        #expect(refused.error == "Nhập lý do yêu cầu bổ sung")
        #expect(refused.focusedField == .reason, "the focus should be where the error is, not \(String(describing: refused.focusedField))")
        #expect(boxTop(state) == top, "the box moved")
        expectScreen(state, lines: [
            "│ Lý do:                                                                   │",
            "│ Giấy tờ (;):                                                             │",
            "│                                                                          │",
            "│ Thao tác này sẽ: Dừng tính thời gian và gửi yêu cầu bổ sung; khi nhận    │",
            "│ đủ, thời hạn tính lại từ đầu.                                            │",
            "│ Nhập lý do yêu cầu bổ sung                                               │",
        ], rows: (top + 2)..<(top + 8), columns: 2..<78)
        type("Thiếu giấy chứng sinh", &state)
        let typed = try #require(state.mode.dialog)
        #expect(typed.reason.text == "Thiếu giấy chứng sinh" && typed.documents.isEmpty)
        #expect(boxTop(state) == top, "the box moved when the message went")
    }
}
