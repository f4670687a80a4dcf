/// The columns of one group (or the total) of a period report (Biểu II.06a and what supervisors add).
///
/// The partition columns are counted independently of their sums, so `reconciles` checks the
/// counting, not arithmetic that holds by construction.
public struct PeriodCounts: Hashable, Sendable {
    // Where the dossiers of the period come from.
    public internal(set) var carriedOver = 0
    public internal(set) var received = 0
    public internal(set) var receivedDirect = 0
    public internal(set) var receivedPostal = 0
    public internal(set) var receivedOnline = 0

    // Where each of them ends: exactly one of resolved, closedOther, pending.
    public internal(set) var resolved = 0
    public internal(set) var early = 0
    public internal(set) var onTime = 0
    public internal(set) var late = 0
    public internal(set) var earlyByDate = 0
    public internal(set) var onTimeByDate = 0
    public internal(set) var lateByDate = 0
    public internal(set) var closedOther = 0
    public internal(set) var refused = 0
    public internal(set) var withdrawn = 0
    public internal(set) var pending = 0
    public internal(set) var pendingWithinTime = 0
    public internal(set) var pendingOverdue = 0
    public internal(set) var pausedSupplement = 0
    public internal(set) var pausedSuspension = 0

    // Outside the partition.
    /// Results handed back in the period, including dossiers resolved before it.
    public internal(set) var returned = 0
    /// Resolved late (instant rule) after an apology with a new appointment.
    public internal(set) var lateWithApology = 0
    /// Resolved with a second supplement request, which the national rule counts as late.
    public internal(set) var secondSupplement = 0

    public init() {}

    /// (early + on time) / resolved, by the instant rule; nil when nothing was resolved.
    public var onTimeRate: Double? { resolved == 0 ? nil : Double(early + onTime) / Double(resolved) }

    /// (early + on time) / resolved, by the date rule; nil when nothing was resolved.
    public var onTimeRateByDate: Double? { resolved == 0 ? nil : Double(earlyByDate + onTimeByDate) / Double(resolved) }

    /// Every dossier of the period is in exactly one outcome, and each breakdown adds up.
    public var reconciles: Bool {
        carriedOver + received == resolved + closedOther + pending
            && received == receivedDirect + receivedPostal + receivedOnline
            && resolved == early + onTime + late
            && resolved == earlyByDate + onTimeByDate + lateByDate
            && closedOther == refused + withdrawn
            && pending == pendingWithinTime + pendingOverdue + pausedSupplement + pausedSuspension
            && lateWithApology <= late && secondSupplement <= late
    }

    mutating func add(_ membership: PeriodMembership) {
        if membership.carriedOver {
            carriedOver += 1
        } else {
            received += 1
            switch membership.channel {
            case .direct: receivedDirect += 1
            case .postal: receivedPostal += 1
            case .online: receivedOnline += 1
            }
        }
        switch membership.outcome {
        case .resolved(let r, let apology, let secondSupplement):
            resolved += 1
            switch r.atInstant {
            case .early: early += 1
            case .onTime: onTime += 1
            case .late: late += 1
            }
            switch r.atDate {
            case .early: earlyByDate += 1
            case .onTime: onTimeByDate += 1
            case .late: lateByDate += 1
            }
            if apology && r.atInstant == .late { lateWithApology += 1 }
            if secondSupplement { self.secondSupplement += 1 }
        case .refused:
            closedOther += 1
            refused += 1
        case .withdrawn:
            closedOther += 1
            withdrawn += 1
        case .pendingWithinTime:
            pending += 1
            pendingWithinTime += 1
        case .pendingOverdue:
            pending += 1
            pendingOverdue += 1
        case .pausedSupplement:
            pending += 1
            pausedSupplement += 1
        case .pausedSuspension:
            pending += 1
            pausedSuspension += 1
        }
    }

    mutating func addReturned() { returned += 1 }

    /// Column-wise sum, for checking a total against its groups.
    public static func + (a: PeriodCounts, b: PeriodCounts) -> PeriodCounts {
        var s = PeriodCounts()
        s.carriedOver = a.carriedOver + b.carriedOver
        s.received = a.received + b.received
        s.receivedDirect = a.receivedDirect + b.receivedDirect
        s.receivedPostal = a.receivedPostal + b.receivedPostal
        s.receivedOnline = a.receivedOnline + b.receivedOnline
        s.resolved = a.resolved + b.resolved
        s.early = a.early + b.early
        s.onTime = a.onTime + b.onTime
        s.late = a.late + b.late
        s.earlyByDate = a.earlyByDate + b.earlyByDate
        s.onTimeByDate = a.onTimeByDate + b.onTimeByDate
        s.lateByDate = a.lateByDate + b.lateByDate
        s.closedOther = a.closedOther + b.closedOther
        s.refused = a.refused + b.refused
        s.withdrawn = a.withdrawn + b.withdrawn
        s.pending = a.pending + b.pending
        s.pendingWithinTime = a.pendingWithinTime + b.pendingWithinTime
        s.pendingOverdue = a.pendingOverdue + b.pendingOverdue
        s.pausedSupplement = a.pausedSupplement + b.pausedSupplement
        s.pausedSuspension = a.pausedSuspension + b.pausedSuspension
        s.returned = a.returned + b.returned
        s.lateWithApology = a.lateWithApology + b.lateWithApology
        s.secondSupplement = a.secondSupplement + b.secondSupplement
        return s
    }
}

/// How one dossier of the period is counted.
struct PeriodMembership: Hashable, Sendable {
    enum Outcome: Hashable, Sendable {
        case resolved(Resolution, apology: Bool, secondSupplement: Bool)
        case refused, withdrawn
        case pendingWithinTime, pendingOverdue, pausedSupplement, pausedSuspension
    }

    let carriedOver: Bool
    let channel: Channel
    let outcome: Outcome

    /// Nil when the dossier is not of the period [start, end): received after it, or finished before it.
    static func classify(_ summary: DossierSummary, start: Instant, end: Instant) -> PeriodMembership? {
        withUnsafePointer(to: summary) { classify($0, start: start, end: end) }
    }

    /// Reads the summary through a pointer: passing a whole `DossierSummary` from an array copies
    /// (and retains) all its fields, which dominated the report's time over 500,000 dossiers.
    static func classify(_ summary: UnsafePointer<DossierSummary>, start: Instant, end: Instant) -> PeriodMembership? {
        guard summary.pointee.receivedAt < end else { return nil }
        let d = DossierFields(summary)
        // An online submission is counted from its acceptance; one refused at acceptance never was received.
        if d.state.isBeforeReception { return nil }
        let finished: Instant?
        switch d.state {
        case .resultReady, .returned: finished = d.resolvedAt ?? d.closedAt
        case .refused, .withdrawn: finished = d.closedAt ?? d.resolvedAt
        case .received, .inProgress, .awaitingSupplement, .suspended, .submitted, .notAccepted: finished = nil
        }
        if let finished, finished < start { return nil }
        let outcome: Outcome
        if let finished, finished < end {
            switch d.state {
            case .refused: outcome = .refused
            case .withdrawn: outcome = .withdrawn
            default:
                var r = Resolution.classify(finished: finished, due: d.statsDue)
                let second = d.flags.contains(.repeatedSupplementRequest)
                if second { r = Resolution(atInstant: .late, atDate: .late) }
                outcome = .resolved(r, apology: d.extended, secondSupplement: second)
            }
        } else if let pause = d.pauseHistory.last(where: { $0.start < end && ($0.end.map { $0 >= end } ?? true) }) {
            // The state as the period closes: every event before `end` applied, none after.
            outcome = pause.kind == .suspended ? .pausedSuspension : .pausedSupplement
        } else {
            outcome = d.statsDue >= end ? .pendingWithinTime : .pendingOverdue
        }
        return PeriodMembership(carriedOver: d.receivedAt < start, channel: d.channel, outcome: outcome)
    }
}

/// Field access through a pointer, so `d.state` reads in place.
struct DossierFields {
    let pointer: UnsafePointer<DossierSummary>
    init(_ pointer: UnsafePointer<DossierSummary>) { self.pointer = pointer }

    var state: DossierState { pointer.pointee.state }
    var resolvedAt: Instant? { pointer.pointee.resolvedAt }
    var closedAt: Instant? { pointer.pointee.closedAt }
    var receivedAt: Instant { pointer.pointee.receivedAt }
    var statsDue: Instant { pointer.pointee.statsDue }
    var extended: Bool { pointer.pointee.extended }
    var channel: Channel { pointer.pointee.channel }
    var pauseHistory: [PausePeriod] { pointer.pointee.pauseHistory }
    var flags: Set<DossierFlag> { pointer.pointee.flags }
}
