import MotCuaCore

// The clerk's side of a counter's rating device: after a return that asked the device, the app
// asks the store on each change whether the citizen has rated, and says so once.

/// The counter whose device the confirmed return dialog asked, if it did.
func deviceAsked(_ mode: Mode) -> Int? {
    if case .action(let dialog) = mode, dialog.action == .returnResult, dialog.ratingChoice == .onDevice { return dialog.counter }
    return nil
}

func awaitDeviceRating(_ state: inout AppState, code: String, text: String, counter: Int) {
    state.awaitingRating = code
    state.message = .info("\(text) · Mời người dân đánh giá trên thiết bị quầy \(counter)")
}

func ratingChecked(_ state: inout AppState, code: String, rating: Rating?) {
    guard state.awaitingRating == code, let rating else { return }
    state.awaitingRating = nil
    state.message = .info("Khách đã đánh giá: \(rating.level.vietnamese) (hồ sơ \(code))")
}
