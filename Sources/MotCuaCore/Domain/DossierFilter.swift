/// A selection of dossiers, shared by `motcua list` and the queue pane.
public struct DossierFilter: Sendable, Equatable {
    public var states: Set<DossierState>?
    /// Running dossiers past their appointment.
    public var overdueOnly = false
    /// Running dossiers due by the end of the N-th working day from today (0 = today), not yet overdue.
    public var dueWithinWorkingDays: Int?
    /// Accent-insensitive words that must all appear in the name, code, ID number or phone.
    public var search: String?
    public var holder: String?

    public init() {}

    public func matches(_ d: DossierSummary, clock: DeadlineClock, terms: [String]) -> Bool {
        if let states, !states.contains(d.state) { return false }
        if let holder, d.holder.department != holder { return false }
        if overdueOnly && !(d.state.isRunning && d.due < clock.now) { return false }
        if let days = dueWithinWorkingDays {
            guard d.state.isRunning, d.due >= clock.now else { return false }
            let lastDay = days == 0 ? clock.now.date : clock.calendar.workingDay(days, after: clock.now.date)
            if d.due >= Instant(date: lastDay.adding(days: 1)) { return false }
        }
        if !terms.isEmpty && !terms.allSatisfy({ d.searchKey.contains($0) }) { return false }
        return true
    }

    /// The matching dossiers, earliest appointment first.
    public func apply(_ rows: [DossierSummary], clock: DeadlineClock) -> [DossierSummary] {
        let terms = SearchFolding.terms(search ?? "")
        return rows.filter { matches($0, clock: clock, terms: terms) }.sorted { ($0.due, $0.code) < ($1.due, $1.code) }
    }
}
