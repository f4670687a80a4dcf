import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import TerminalUI

/// Issue 17 friction: where the clerk reads an appointment out to the citizen, the screen words it
/// as the receipt and Mẫu 04 print it (`Instant.vietnameseForCitizen`).
@Suite("Reducer: appointments in the citizen's wording on the clerk's screens")
struct CitizenWordingTests {
    @Test func theIntakePreviewReadsTheAppointmentAsTheReceiptPrintsIt() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        for c in "xac nhan hon nhan" { _ = update(&state, .key(.character(c)), Fixture.env) }
        _ = update(&state, .key(.enter), Fixture.env)
        #expect(try #require(state.mode.intake).procedureCode == "1.004873")
        expectScreen(state, lines: [
            " Hẹn trả dự kiến: 10 giờ 00 phút, thứ Năm, ngày 03 tháng 12 năm 2026",
            "   3 ngày làm việc tính từ 10:00 30/11/2026, bỏ qua 0 ngày nghỉ · F5: diễn giải",
        ], rows: 20..<22)
    }

    @Test func theExtensionDialogReadsTheNewAppointmentOnceItIsADate() throws {
        var state = Fixture.state()
        let summary = try #require(state.selectedRow).summary
        state.mode = .action(ActionDialog(action: .extend, summary: summary, catalogue: Fixture.env.catalogue))
        let before = screenLines(render(state, Fixture.env), rows: 0..<24).joined(separator: "\n")
        #expect(before.contains("Gia hạn một lần duy nhất kèm văn bản xin lỗi"), "\(before)")
        for c in "04/12/2026 15:46" { _ = update(&state, .key(.character(c)), Fixture.env) }
        #expect(try #require(state.mode.dialog).until.text == "04/12/2026 15:46")
        // The dialog's sentence, its wrapped lines joined (the box spans columns 2–77).
        let after = screenLines(render(state, Fixture.env), rows: 0..<24, columns: 4..<76)
        let sentence = after.drop { !$0.hasPrefix("Thao tác này sẽ:") }.prefix(3).joined(separator: " ")
        #expect(sentence.contains("Gia hạn một lần duy nhất đến 15 giờ 46 phút, thứ Sáu, ngày 04 tháng 12 năm 2026, kèm văn bản xin lỗi"),
                "\(after.joined(separator: "\n"))")
    }

    /// The sentence grows by a line once the date is read; the box keeps room for it and does not
    /// move while the clerk types (as a refused save does not move it, defect 8).
    @Test func theExtensionDialogDoesNotMoveWhenTheTypedDateIsRead() throws {
        var state = Fixture.state(size: Size(width: 80, height: 25))
        let summary = try #require(state.selectedRow).summary
        state.mode = .action(ActionDialog(action: .extend, summary: summary, catalogue: Fixture.env.catalogue))
        let before = try #require(render(state, Fixture.env).find("┌─ Gia hạn"))
        for c in "04/12/2026 15:46" { _ = update(&state, .key(.character(c)), Fixture.env) }
        let after = try #require(render(state, Fixture.env).find("┌─ Gia hạn"))
        #expect(before == after)
    }
}
