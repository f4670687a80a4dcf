import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import MotCuaTestSupport
import TerminalUI

/// The applicant's e-mail on the intake form (issue 14): an optional field after the phone, checked
/// as `receive --email` checks it, carried in the intake and kept in a draft.
@Suite("Reducer: the e-mail address on the intake form")
struct IntakeEmailTests {
    func type(_ text: String, _ state: inout AppState) { for c in text { _ = update(&state, .key(.character(c)), Fixture.env) } }

    /// The form filled up to the phone, the focus then moved to the e-mail field.
    func formAtTheEmail() throws -> AppState {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        type("khai sinh", &state)
        _ = update(&state, .key(.enter), Fixture.env)
        type("Nguyễn Văn Ánh", &state)
        _ = update(&state, .key(.tab), Fixture.env)
        type("046090001234", &state)
        _ = update(&state, .key(.tab), Fixture.env)
        type("0912345678", &state)
        expectScreen(state, lines: [" Thư điện tử:   (không bắt buộc: nhận thông báo qua email)"], rows: 6..<7, columns: 0..<58)
        _ = update(&state, .key(.tab), Fixture.env)
        #expect(try #require(state.mode.intake).focus == .email)
        return state
    }

    @Test func theAddressTypedAfterThePhoneGoesIntoTheIntakeAndTheDraft() throws {
        var state = try formAtTheEmail()
        type("nam.nguyen@phuong-thu.vn", &state)
        expectScreen(state, lines: [" Thư điện tử:  nam.nguyen@phuong-thu.vn"], rows: 6..<7, columns: 0..<40)
        let form = try #require(state.mode.intake)
        #expect(IntakeDraft(form, savedAt: SampleDossiers.now).form.email.text == "nam.nguyen@phuong-thu.vn")
        let effects = update(&state, .key(.function(2)), Fixture.env)
        guard case .receive(let intake, _) = try #require(effects.first, "F2 saved nothing: \(state.mode)") else {
            Issue.record("F2 should send the intake: \(effects)")
            return
        }
        #expect(intake.applicant.email == "nam.nguyen@phuong-thu.vn")
    }

    @Test func aMalformedAddressIsShownBesideTheFieldAndNothingIsSaved() throws {
        var state = try formAtTheEmail()
        type("nam@example", &state)
        _ = update(&state, .key(.tab), Fixture.env)                           // on to the address
        #expect(update(&state, .key(.function(2)), Fixture.env) == [])
        #expect(try #require(state.mode.intake).focus == .email, "the focus goes to the field at fault")
        expectScreen(state, lines: [" Thư điện tử:  nam@example                                 ✗ Thư điện tử không …"], rows: 6..<7)
    }
}
