import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaTUI
import MotCuaTestSupport
import TerminalUI

/// Issue 17 #8: the proxy's ID and phone appear once a proxy is named, and a document row's
/// counts of originals and copies are edited with + - * / (text in the text fields).
@Suite("Reducer: the proxy and the document counts on the intake form")
struct IntakeProxyTests {
    @Test func theProxysIDAndPhoneAppearWhenANameIsTypedAndDocumentCountsChange() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        for c in "khai sinh" { _ = update(&state, .key(.character(c)), Fixture.env) }
        _ = update(&state, .key(.enter), Fixture.env)
        #expect(try #require(state.mode.intake).fields.contains(.proxyID) == false)
        for _ in 0..<6 { _ = update(&state, .key(.tab), Fixture.env) }      // … phone, e-mail, address, channel: the proxy
        #expect(try #require(state.mode.intake).focus == .proxy)
        for c in "Trần Văn Bình" { _ = update(&state, .key(.character(c)), Fixture.env) }
        let form = try #require(state.mode.intake)
        #expect(form.fields.contains(.proxyID) && form.fields.contains(.proxyPhone))
        expectScreen(state, lines: [" ĐD nộp thay:", " ĐT nộp thay:"], rows: 10..<12, columns: 0..<13)
        _ = update(&state, .key(.tab), Fixture.env)
        for c in "046085000111" { _ = update(&state, .key(.character(c)), Fixture.env) }
        _ = update(&state, .key(.tab), Fixture.env)
        for c in "0905-111-222" { _ = update(&state, .key(.character(c)), Fixture.env) }     // '-' is text here
        _ = update(&state, .key(.tab), Fixture.env)
        _ = update(&state, .key(.tab), Fixture.env)                                          // past the authorisation paper
        #expect(try #require(state.mode.intake).focus == .document(0))
        for key in [Key.character("+"), .character("+"), .character("*"), .character("-")] { _ = update(&state, .key(key), Fixture.env) }
        let filled = try #require(state.mode.intake)
        #expect(filled.documents[0].originals == 2 && filled.documents[0].copies == 1)
        #expect(filled.proxyPhone.text == "0905-111-222")
        let proxy = try #require(filled.intake()?.proxy)
        #expect(proxy.name == "Trần Văn Bình" && proxy.idNumber == "046085000111" && proxy.phone == "0905-111-222")
        #expect(filled.intake()?.documents?.first?.originals == 2)
        let draft = IntakeDraft(filled, savedAt: SampleDossiers.now).form
        #expect(draft.proxyID.text == "046085000111" && draft.proxyPhone.text == "0905-111-222")
    }

    /// The authorisation paper (giấy ủy quyền) is asked with the proxy's ID and phone, goes into
    /// the intake as the command line's --proxy-document does, and is kept in a draft.
    @Test func theProxysAuthorisationPaperIsAskedOnceAProxyIsNamedAndKeptInTheDraft() throws {
        var state = Fixture.state()
        _ = update(&state, .key(.function(2)), Fixture.env)
        for c in "khai sinh" { _ = update(&state, .key(.character(c)), Fixture.env) }
        _ = update(&state, .key(.enter), Fixture.env)
        for _ in 0..<6 { _ = update(&state, .key(.tab), Fixture.env) }      // … phone, e-mail, address, channel: the proxy
        for c in "Trần Văn Bình" { _ = update(&state, .key(.character(c)), Fixture.env) }
        expectScreen(state, lines: [" VB ủy quyền:   (số, ngày, nơi chứng thực)"], rows: 12..<13, columns: 0..<60)
        for _ in 0..<3 { _ = update(&state, .key(.tab), Fixture.env) }
        #expect(try #require(state.mode.intake).focus == .proxyDocument)
        let paper = "Giấy ủy quyền số 12/2026 ngày 28/11/2026, UBND phường chứng thực"
        for c in paper { _ = update(&state, .key(.character(c)), Fixture.env) }
        // The field shows the end being typed (44 cells); Home shows the start.
        expectScreen(state, lines: [" VB ủy quyền:  26 ngày 28/11/2026, UBND phường chứng thực"], rows: 12..<13, columns: 0..<60)
        let form = try #require(state.mode.intake)
        #expect(form.intake()?.proxy?.authorisation == paper)
        #expect(IntakeDraft(form, savedAt: SampleDossiers.now).form.proxyDocument.text == paper)
        _ = update(&state, .key(.tab), Fixture.env)
        #expect(try #require(state.mode.intake).focus == .document(0))
        // Without a proxy's name the paper is not asked and not sent, as --proxy-document needs --proxy-name.
        var unnamed = form
        unnamed.proxy = TextField()
        #expect(!unnamed.fields.contains(.proxyDocument) && unnamed.intake()?.proxy == nil)
    }
}
