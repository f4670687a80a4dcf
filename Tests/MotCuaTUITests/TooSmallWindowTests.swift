import Foundation
import Testing
@testable import MotCuaTUI
import TerminalUI

/// Below 80×24 nothing but the "too small" notice is drawn, yet every key keeps its meaning for
/// the screen underneath: a half-typed intake is never lost, and q in the list still asks first.
@Suite("Reducer: a window below the minimum size")
struct TooSmallWindowTests {
    func type(_ text: String, _ state: inout AppState) { for c in text { _ = update(&state, .key(.character(c)), Fixture.env) } }

    @Test func qInAHalfTypedIntakeIsTextEvenWhenTheWindowIsTooSmall() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("khai tu", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        type("Đặng Văn ", &state)
        _ = update(&state, .resized(Size(width: 79, height: 23)), Fixture.env)
        #expect(update(&state, .key(.character("q")), Fixture.env) == [], "q must not quit a form")
        #expect(update(&state, .key(.function(10)), Fixture.env) == [])
        #expect(update(&state, .key(.control("c")), Fixture.env) == [])
        let form = try #require(state.mode.intake, "the intake form should still be open")
        #expect(form.name.text == "Đặng Văn q")
        expectScreen(state, lines: [
            "                          Cửa sổ quá nhỏ (cần 80×24)",
            "                                Hiện tại: 79×23",
            "       Hãy phóng to cửa sổ để nhập tiếp; hồ sơ đang nhập vẫn giữ nguyên.",
        ], rows: 10..<13)
        _ = update(&state, .resized(Size(width: 80, height: 24)), Fixture.env)
        expectScreen(state, lines: [" Họ tên:       Đặng Văn q"], rows: 3..<4, columns: 0..<40)
    }

    @Test func qInTheListAsksBeforeQuittingEvenWhenTheWindowIsTooSmall() {
        var state = Fixture.state(size: Size(width: 79, height: 23))
        expectScreen(state, lines: ["                   Hãy phóng to cửa sổ; F10 hoặc q để thoát."], rows: 12..<13)
        #expect(update(&state, .key(.character("q")), Fixture.env) == [], "q asks first, as at full size")
        #expect(state.mode == .confirmQuit)
        expectScreen(state, lines: ["                    Thoát motcua? Enter: thoát   Esc: ở lại"], rows: 12..<13)
        #expect(update(&state, .key(.escape), Fixture.env) == [])
        #expect(state.mode == .browse)
        _ = update(&state, .key(.function(10)), Fixture.env)
        #expect(update(&state, .key(.enter), Fixture.env) == [.quit])
    }
}
