import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaDesk
import MotCuaStore
@testable import MotCuaTUI
import MotCuaTestSupport
import TerminalUI

/// The rating device's screen (pure) and the F5 dialog's rating choice in the reducer.
@Suite("Rating screen and dialog")
struct RatingScreenTests {
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 40, height: 24)])
    func everyCellOfABoxMeansItsChoiceAndNothingElseDoes(size: Size) {
        let boxes = RatingScreen.boxes(for: size)
        #expect(boxes.map(\.level) == [.verySatisfied, .satisfied, .unsatisfied])
        for y in 0..<size.height {
            for x in 0..<size.width {
                let inside = boxes.first { x >= $0.rect.x && x < $0.rect.maxX && y >= $0.rect.y && y < $0.rect.maxY }?.level
                #expect(RatingScreen.choice(atX: x, y: y, size: size) == inside)
            }
        }
        #expect(boxes.allSatisfy { $0.rect.maxX <= size.width && $0.rect.maxY <= size.height && $0.rect.height >= 3 })
        #expect(RatingScreen.choice(atX: boxes[1].rect.x + 1, y: boxes[1].rect.y + 1, size: size) == .satisfied)
        #expect(RatingScreen.choice(atX: 0, y: 0, size: size) == nil)
    }

    @Test func theScreenShowsTheProcedureAndCodeThenThanks() {
        var screen = RatingScreen(counter: 2)
        let now = at("2026-11-30T10:00")
        #expect(screen.render(size: Size(width: 80, height: 24), now: now).contains("Xin chào Ông/Bà"))
        screen.awaiting = AwaitingRating(code: "000.00.xx.H57-261130-0001", procedureName: "Đăng ký lại khai sinh\u{1B}[2J",
                                         returnedAt: now, official: "lan")
        let asked = screen.render(size: Size(width: 80, height: 24), now: now)
        #expect(asked.contains("Hồ sơ 000.00.xx.H57-261130-0001") && asked.contains("RẤT HÀI LÒNG") && asked.contains("KHÔNG HÀI LÒNG"))
        #expect(!asked.lines.joined().contains("\u{1B}"), "hostile text in a procedure name never reaches the device raw")
        screen.awaiting = nil
        screen.thanked = .satisfied
        screen.thanksUntil = now.adding(seconds: 5)
        #expect(screen.render(size: Size(width: 80, height: 24), now: now).contains("Ý kiến đã ghi nhận: Hài lòng"))
        #expect(screen.render(size: Size(width: 80, height: 24), now: now.adding(seconds: 6)).contains("Xin chào"))
    }

    static func dialog(counter: Int?) throws -> ActionDialog {
        let summary = SampleDossiers.dossier(9, "Trần Văn Nam", received: "2026-11-30T08:00", [(.resultReady(note: nil), "2026-11-30T09:00")])
        return ActionDialog(action: .returnResult, summary: summary, catalogue: .sample, op: "op-1", counter: counter)
    }

    @Test func theReturnDialogAsksTheRatingOrTheCountersDevice() throws {
        var dialog = try Self.dialog(counter: 2)
        #expect(dialog.fields == [.returnMethod, .resultForm, .rating])
        #expect(dialog.ratingChoices.map(\.label) == ["(không hỏi)", "Rất hài lòng", "Hài lòng", "Không hài lòng", "Khách đánh giá trên thiết bị"])
        #expect(dialog.command() == .success(.returnWith(.applicant, form: .paper, rating: nil)))
        dialog.ratingChoice = .level(.satisfied)
        #expect(dialog.command() == .success(.returnWith(.applicant, form: .paper, rating: .given(Rating(level: .satisfied, channel: .desk)))))
        dialog.ratingChoice = .onDevice
        #expect(dialog.command() == .success(.returnWith(.applicant, form: .paper, rating: .onDevice(counter: 2))))
        // Without a counter there is no device to offer.
        #expect(!(try Self.dialog(counter: nil)).ratingChoices.contains(.onDevice))
    }

    @Test func theClerksScreenSaysWhenTheCitizenHasRated() throws {
        let env = Fixture.env
        var state = AppState(size: Size(width: 80, height: 24), now: at("2026-11-30T10:00"))
        state.counter = 2
        var dialog = try Self.dialog(counter: 2)
        dialog.ratingChoice = .onDevice
        state.mode = .action(dialog)
        _ = update(&state, .committed(code: dialog.code, text: "Đã lưu: trả kết quả"), env)
        #expect(state.awaitingRating == dialog.code && state.message?.text.contains("thiết bị quầy 2") == true)
        #expect(update(&state, .storeChanged, env).contains(.checkRating(code: dialog.code)))
        _ = update(&state, .ratingChecked(code: dialog.code, rating: nil), env)
        #expect(state.awaitingRating == dialog.code)
        _ = update(&state, .ratingChecked(code: dialog.code, rating: Rating(level: .verySatisfied, channel: .deskDevice)), env)
        #expect(state.awaitingRating == nil && state.message?.text == "Khách đã đánh giá: Rất hài lòng (hồ sơ \(dialog.code))")
        #expect(!update(&state, .storeChanged, env).contains { if case .checkRating = $0 { true } else { false } })
    }
}

/// The rating device on a touch screen: a press on a box is that choice, anywhere else nothing.
@Suite("Rating device: touch")
struct RatingDeviceTouchTests {
    @Test func aPressOnABoxRatesTheDossierAndAPressBesideItDoesNot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-touch-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: at("2026-11-01T08:00"))
        let store = try Store.create(at: root, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        try store.addUser(User(login: "lan", name: "Lê Thị Lan", role: .clerk), actor: try store.actor(login: "admin", terminal: nil),
                          now: at("2026-11-01T08:00"))
        let desk = Desk(store: store, actor: try store.actor(login: "lan", terminal: nil))
        let intake = Intake(procedureCode: "1.004873", applicant: Person(name: "Vũ Thị Hạnh", idNumber: "046090001234", phone: "0912345678"))
        let code = try desk.receive(intake, now: at("2026-11-30T08:00")).commit.code
        _ = try desk.perform(.resultReady(note: nil), on: code, now: at("2026-11-30T09:00"))
        _ = try desk.perform(.returnWith(.applicant, form: .paper, rating: .onDevice(counter: 2)), on: code, now: at("2026-11-30T09:30"))

        let size = Size(width: 80, height: 24)
        let backend = InMemoryBackend(size: size)
        let device = RatingDevice(desk: Desk(store: store, actor: try store.actor(login: "lan", terminal: nil)), counter: 2,
                                  backend: backend, clock: { at("2026-11-30T09:31") })
        #expect(device.screen.awaiting?.code == code)
        backend.pending = [.key(.click(x: 0, y: 0))]
        device.step(timeoutMs: 0)
        #expect(try desk.rating(code: code) == nil, "a press outside every box records nothing")
        let box = try #require(RatingScreen.boxes(for: size).first { $0.level == .satisfied })
        backend.pending = [.key(.click(x: box.rect.x + box.rect.width / 2, y: box.rect.y + 1))]
        device.step(timeoutMs: 0)
        let rating = try #require(try desk.rating(code: code))
        #expect(rating.level == .satisfied && rating.channel == .deskDevice)
    }
}
