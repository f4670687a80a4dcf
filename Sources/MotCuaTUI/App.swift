import Foundation
import MotCuaCore
import MotCuaDesk
import TerminalUI

/// The runtime: reads events, runs `update`, performs the effects it returns through the desk,
/// renders. It writes no state of its own into `AppState`: everything it learns arrives as a
/// message. Wakes at least every 250 ms to notice other clerks' changes (within 1 s), the clock,
/// signals and the answers of work done off the loop.
public final class App {
    let desk: Desk
    let backend: TerminalBackend
    let clock: () -> Instant
    let pendingSignal: () -> Int32?
    /// A line for the session's log (the stderr of the app goes to `logs/tui-LOGIN.log`).
    let log: (String) -> Void
    public private(set) var state: AppState
    public private(set) var env: AppEnvironment
    public internal(set) var isRunning = true
    private var lastRefresh = Date.distantPast
    /// Answers of work done off the loop (reports, the printer), taken at the next turn.
    let inbox = Inbox()
    /// A period report waiting for older years to finish loading.
    var waitingReport: (from: CivilDate, to: CivilDate, grouping: PeriodReport.Grouping)?
    var waitingScorecard: (period: ScorecardPeriod, rule: ScorecardRule)?

    public init(desk: Desk, backend: TerminalBackend, clock: @escaping () -> Instant,
                pendingSignal: @escaping () -> Int32? = { nil },
                log: @escaping (String) -> Void = { FileHandle.standardError.write(Data(("motcua: " + $0 + "\n").utf8)) },
                greeting: String? = nil, counter: Int? = nil) {
        self.desk = desk
        self.backend = backend
        self.clock = clock
        self.pendingSignal = pendingSignal
        self.log = log
        env = Self.environment(of: desk)
        state = AppState(size: backend.size, now: clock())
        // One counter for both: the queue's calls and the rating device asked at return.
        desk.seatedCounter = counter
        state.counter = counter ?? desk.myCounter()?.number
        if let bytes = desk.loadDraft() {
            if let draft = try? JSONDecoder().decode(IntakeDraft.self, from: Data(bytes)) {
                dispatch(.draftFound(draft))
            } else {
                log("bản nháp tiếp nhận không đọc được, đã bỏ qua")
                dispatch(.notice("Bản nháp lần trước bị hỏng, không mở được", isError: true))
            }
        }
        dispatch(.resized(backend.size))
        dispatch(.storeChanged)
        // The first message of the session (the demo says whose account it opened and how to change it).
        if let greeting { dispatch(.notice(greeting, isError: false)) }
    }

    private static func environment(of desk: Desk) -> AppEnvironment {
        AppEnvironment(session: desk.session, catalogue: desk.catalogue, calendar: desk.calendar,
                       officialNames: desk.officials.names, officials: desk.officials.members,
                       scanFolder: desk.scanFolder)
    }

    /// Runs until the user quits or a terminating signal arrives.
    public func run() {
        while isRunning {
            step(timeoutMs: 250)
        }
    }

    /// One turn of the loop (tests drive it directly).
    public func step(timeoutMs: Int) {
        renderFrame()
        for msg in inbox.take() { dispatch(msg) }
        if let sig = pendingSignal() {
            dispatch(.signal(sig))
            return
        }
        if let event = backend.readEvent(timeoutMs: timeoutMs) {
            switch event {
            case .key(let key): dispatch(.key(key))
            case .resize(let size): dispatch(.resized(size))
            case .hangup: dispatch(.signal(SIGHUP))
            }
        }
        housekeeping()
    }

    /// Draws the current state (the first thing each turn does, before any waiting or loading).
    public func renderFrame() {
        backend.present(render(state, env, ascii: !backend.isUTF8))
    }

    /// The clock moves, other processes write, old years finish loading: each becomes a message,
    /// and `update` decides what to reload.
    private func housekeeping() {
        if !desk.isHistoryComplete {
            // 20 ms slices between keys; larger ones while a report waits for them.
            if desk.loadHistoryStep(budget: waitingReport == nil && waitingScorecard == nil ? 0.02 : 0.15) {
                dispatch(.storeChanged)
                if let report = waitingReport {
                    waitingReport = nil
                    startReport(from: report.from, to: report.to, grouping: report.grouping)
                }
                if let card = waitingScorecard {
                    waitingScorecard = nil
                    startScorecard(card.period, rule: card.rule)
                }
            }
        }
        dispatch(.tick(clock()))
        if Date().timeIntervalSince(lastRefresh) >= 0.5 {
            lastRefresh = Date()
            do {
                if try desk.refresh() {
                    // Another process may have installed a catalogue or calendar or changed the users:
                    // the intake preview and the pickers follow (the store writes with them already).
                    env = Self.environment(of: desk)
                    dispatch(.storeChanged)
                }
            } catch {
                log("đọc thay đổi của kho thất bại: \(error)")
                dispatch(.notice("Không đọc được thay đổi mới của kho: \(DeskFailure(error).message)", isError: true))
            }
        }
    }

    /// Feeds `msg` to `update` and performs the effects, answering with further messages, in
    /// order, without re-entering `update` from inside an effect.
    public func dispatch(_ msg: Msg) {
        var queue = [msg]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in update(&state, next, env) { queue += perform(effect) }
        }
    }
}

/// Messages from work done off the loop, delivered at the loop's next turn.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [Msg] = []

    func post(_ msg: Msg) {
        lock.lock()
        messages.append(msg)
        lock.unlock()
    }

    func take() -> [Msg] {
        lock.lock()
        defer { lock.unlock() }
        let taken = messages
        messages = []
        return taken
    }
}
