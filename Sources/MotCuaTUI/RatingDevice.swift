import Foundation
import MotCuaCore
import MotCuaDesk
import TerminalUI

/// The runtime of a counter's rating device: follows the store (as the clerk's app does, every
/// 0.5 s), shows the dossier returned at this counter with the device asked, records the key
/// 1–3 as the citizen's rating (channel `desk-device`), thanks, and waits for the next.
/// F10 or a terminating signal ends it (for whoever looks after the device).
public final class RatingDevice {
    let desk: Desk
    let backend: TerminalBackend
    let clock: () -> Instant
    let pendingSignal: () -> Int32?
    let log: (String) -> Void
    public private(set) var screen: RatingScreen
    public private(set) var isRunning = true
    private var lastRefresh = Date.distantPast
    private var lastLookup = Date.distantPast

    public init(desk: Desk, counter: Int, backend: TerminalBackend, clock: @escaping () -> Instant,
                pendingSignal: @escaping () -> Int32? = { nil }, log: @escaping (String) -> Void = { _ in }) {
        self.desk = desk
        self.backend = backend
        self.clock = clock
        self.pendingSignal = pendingSignal
        self.log = log
        screen = RatingScreen(counter: counter)
        poll(force: true)
    }

    public func run() {
        while isRunning { step(timeoutMs: 250) }
    }

    public func step(timeoutMs: Int) {
        backend.present(screen.render(size: backend.size, now: clock()))
        if pendingSignal() != nil {
            isRunning = false
            return
        }
        switch backend.readEvent(timeoutMs: timeoutMs) {
        case .key(let key): press(key)
        case .hangup: isRunning = false
        case .resize, nil: break
        }
        poll(force: false)
    }

    func press(_ key: Key) {
        switch key {
        case .function(10): isRunning = false
        case .character(let c):
            if let n = c.wholeNumberValue, let level = Rating.Level(key: n) { choose(level) }
        case .click(let x, let y):
            if let level = RatingScreen.choice(atX: x, y: y, size: backend.size) { choose(level) }
        default: break
        }
    }

    /// Records `level` for the dossier on screen (also what a click on its box does).
    public func choose(_ level: Rating.Level) {
        guard let awaiting = screen.awaiting else { return }
        let now = clock()
        do {
            _ = try desk.rate(code: awaiting.code, rating: Rating(level: level, channel: .deskDevice), now: now)
            screen.awaiting = nil
            screen.thanked = level
            screen.thanksUntil = now.adding(seconds: RatingScreen.thanksSeconds)
            screen.error = nil
        } catch {
            log("không ghi được đánh giá hồ sơ \(awaiting.code): \(error)")
            screen.error = DeskFailure(error).message
            poll(force: true)
        }
    }

    /// Follows the store; looks for a dossier to ask about when it changed, or every 15 s (the
    /// 30-minute window passes without a write).
    private func poll(force: Bool) {
        guard force || Date().timeIntervalSince(lastRefresh) >= 0.5 else { return }
        lastRefresh = Date()
        do {
            let changed = try desk.refresh()
            guard force || changed || Date().timeIntervalSince(lastLookup) >= 15 else { return }
            lastLookup = Date()
            screen.awaiting = try desk.awaitingRating(counter: screen.counter, now: clock())
        } catch {
            log("đọc thay đổi của kho thất bại: \(error)")
            screen.error = "Không đọc được kho: \(DeskFailure(error).message)"
        }
    }
}
