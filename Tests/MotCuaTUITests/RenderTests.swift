import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

@Suite("Rendering: golden screens")
struct RenderTests {
    @Test func browse80x24() {
        expectGolden(render(Fixture.state(), Fixture.env), "browse-80x24")
    }

    @Test func browse120x40AsASupervisor() {
        var state = Fixture.state(size: Size(width: 120, height: 40), env: Fixture.supervisorEnv)
        _ = update(&state, .key(.down), Fixture.supervisorEnv)
        expectGolden(render(state, Fixture.supervisorEnv), "browse-120x40-supervisor")
    }

    @Test func tooSmall79x23() {
        expectGolden(render(Fixture.state(size: Size(width: 79, height: 23)), Fixture.env), "too-small-79x23")
    }

    @Test func asciiBoxesWhenTheLocaleIsNotUTF8() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(6)), Fixture.env)
        let buffer = render(state, Fixture.env, ascii: true)
        #expect(!buffer.lines.joined().contains("─") && buffer.lines.joined().contains("+-"))
    }

    @Test func everyDeadlineStateHasAColourRoleAndATextMarker() {
        var state = Fixture.state(size: Size(width: 120, height: 40))
        _ = update(&state, .key(.end), Fixture.env)        // the selected row is one highlight: look at the others
        let buffer = render(state, Fixture.env)
        for (text, role) in [("trễ 3 ngày", StyleRole.overdue), ("hạn hôm nay", .dueToday), ("còn 1 ngày", .dueSoon), ("chờ bổ sung", .paused),
                             ("tạm dừng", .paused), ("trước hạn", .resolved)] {
            guard let at = buffer.find(text) else { Issue.record("no \(text) on screen"); continue }
            #expect(buffer[at.x, at.y].role == role, "\(text)")
        }
        #expect(buffer.contains("!! 261120-0001"))
    }

    @Test func decomposedAndLongNamesAreDrawnByGraphemeAndCutWithAnEllipsis() {
        let buffer = render(Fixture.state(), Fixture.env)
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.precomposedStringWithCanonicalMapping.contains("Nguyễn Thị Hoà"))
        #expect(text.contains("Tôn Nữ Thị Hoàng T…"))
        for line in buffer.lines { #expect(TextWidth.of(line) == 80) }
    }

    @Test func theIntakeFormPreviewsTheAppointment() {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        for c in "xac nhan hon nhan" { _ = update(&state, .key(.character(c)), Fixture.env) }
        _ = update(&state, .key(.enter), Fixture.env)
        for c in "Nguyễn Văn Ánh" { _ = update(&state, .key(.character(c)), Fixture.env) }
        let buffer = render(state, Fixture.env)
        expectGolden(buffer, "intake-80x24")
        #expect(buffer.contains("Hẹn trả dự kiến: 10 giờ 00 phút, thứ Năm, ngày 03 tháng 12 năm 2026"))
        #expect(buffer.cursor != nil)
    }

    @Test func helpIsGeneratedFromTheKeyMap() {
        var state = Fixture.state(size: Size(width: 220, height: 300))
        _ = update(&state, .key(.function(1)), Fixture.env)
        let lines = render(state, Fixture.env).lines
        for table in KeyMap.all {
            let title = lines.firstIndex { $0.hasPrefix(table.title + " ") }
            #expect(title != nil, "no \(table.title) in the help")
            for (offset, line) in table.lines.enumerated() {
                let shown = title.map { lines[$0 + 1 + offset] } ?? ""
                #expect(shown.hasPrefix("  " + line.keys + " ") && shown.contains(" " + line.help), "\(table.title): \(line)")
            }
        }
        for note in KeyMap.notes { #expect(lines.contains { $0.hasPrefix(note) }, "\(note)") }
    }

    @Test func theKeyBarComesFromTheKeyMap() {
        let bar = render(Fixture.state(), Fixture.env).lines[23]
        for item in barItems(KeyMap.browse.barItems, width: 80) { #expect(bar.contains(item.key + item.label), "\(item)") }
        let wide = render(Fixture.state(size: Size(width: 120, height: 40)), Fixture.env).lines[39]
        for item in KeyMap.browse.barItems { #expect(wide.contains(item.key + item.label), "\(item)") }
    }
}
