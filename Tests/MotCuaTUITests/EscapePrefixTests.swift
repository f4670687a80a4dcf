import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// Esc then a digit stands for F1…F10 in the list, but only just after an Esc that did nothing
/// else, and only for about a second (measured with the instants the runtime sends as `.tick`).
@Suite("Reducer: the Esc prefix for F-keys")
struct EscapePrefixTests {
    @Test func anEscThatClearedTheFilterDoesNotMakeTheNextDigitAnFKey() {
        var state = Fixture.state()
        _ = update(&state, .key(.character("/")), Fixture.env)
        for c in "tran" { _ = update(&state, .key(.character(c)), Fixture.env) }
        _ = update(&state, .key(.enter), Fixture.env)
        _ = Fixture.reload(&state)
        expectQueueLoad(&state, .key(.escape), Fixture.env)          // clears the kept filter: that is all it does
        _ = update(&state, .tick(Fixture.now), Fixture.env)
        expectScreen(state, lines: [browseStatus], rows: 22..<23)
        expectQueueLoad(&state, .key(.character("2")), Fixture.env)
        #expect(state.mode == .browse && state.view == .inProgress, "2 is view 2, not F2: \(state.mode)")
    }

    @Test func thePrefixLapsesAfterASecond() {
        var state = Fixture.state()
        _ = update(&state, .key(.escape), Fixture.env)
        _ = update(&state, .tick(Fixture.now), Fixture.env)
        expectScreen(state, lines: [" Esc: bấm một số 1–9, 0 để dùng F1–F10"], rows: 22..<23)
        _ = update(&state, .tick(Fixture.now.adding(seconds: 2)), Fixture.env)
        expectScreen(state, lines: [browseStatus], rows: 22..<23)
        expectQueueLoad(&state, .key(.character("5")), Fixture.env)
        #expect(state.mode == .browse && state.view == .overdue, "5 is view 5, not F5 (return): \(state.mode)")
    }

    @Test func withinTheSecondEscThenADigitIsStillAnFKey() {
        var state = Fixture.state()
        _ = update(&state, .key(.escape), Fixture.env)
        _ = update(&state, .tick(Fixture.now), Fixture.env)
        _ = update(&state, .tick(Fixture.now.adding(seconds: 1)), Fixture.env)
        _ = update(&state, .key(.character("1")), Fixture.env)
        expectScreen(state, lines: ["TRỢ GIÚP — các phím (sinh từ bảng phím của chương trình)"], rows: 1..<2)
    }
}
