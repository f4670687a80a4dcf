/// How one dossier counts in the progress index (Tiến độ giải quyết, 20 points) of a period.
public enum ProgressOutcome: String, Hashable, Sendable, CaseIterable {
    case resolvedOnTime, resolvedLate
    /// Not finished when the period closes (or now, for a period still running), clock running.
    case runningWithinTime, runningOverdue
    /// Not finished, clock stopped (supplement wait or suspension).
    case pausedWithinTime, pausedOverdue
    case refused, withdrawn

    /// In `totalReceived` ("tiếp nhận và xử lý trong kỳ").
    public func counted(_ rule: ScorecardRule) -> Bool {
        switch self {
        case .refused, .withdrawn: return rule == .dateOnly
        default: return true
        }
    }

    /// In `totalOnTime`: resolved on time, or still within time.
    public func onTime(_ rule: ScorecardRule) -> Bool {
        switch self {
        case .resolvedOnTime, .runningWithinTime, .pausedWithinTime: return true
        case .refused, .withdrawn: return rule == .dateOnly
        case .resolvedLate, .runningOverdue, .pausedOverdue: return false
        }
    }

    public var isResolved: Bool { self == .resolvedOnTime || self == .resolvedLate }
    public var isRunning: Bool { self == .runningWithinTime || self == .runningOverdue }
    public var isPaused: Bool { self == .pausedWithinTime || self == .pausedOverdue }
}

/// One dossier of the period, classified under one rule.
public struct ProgressEntry: Hashable, Sendable {
    public let code: String
    public let carriedOver: Bool
    public let channel: Channel
    public let outcome: ProgressOutcome
    /// Working days from reception to the result, pauses excluded; nil unless resolved.
    public let processingDays: Double?
}

/// The progress index of a group or the total, with the portal's `dvc-progress-tree` names.
public struct ProgressIndex: Hashable, Sendable {
    public static let maxScore = 20.0
    public internal(set) var totalReceived = 0
    public internal(set) var totalOnTime = 0
    /// Resolved in the period (the parent's `totalCompleted`).
    public internal(set) var totalCompleted = 0
    var processingDaysSum = 0.0

    public init() {}

    /// `totalReceived − totalOnTime`, as the portal publishes it.
    public var totalOverdue: Int { totalReceived - totalOnTime }

    public var avgProcessingDays: Double? {
        totalCompleted == 0 ? nil : ScorecardNumber.round(processingDaysSum / Double(totalCompleted))
    }

    /// Percent, two decimals; nil when nothing was handled.
    public var ratio: Double? {
        totalReceived == 0 ? nil : ScorecardNumber.round(100 * Double(totalOnTime) / Double(totalReceived))
    }

    /// 20 × on time / received (from the unrounded ratio, as 621/644 → 19.29); an empty group
    /// scores the maximum, the policy for a criterion that does not apply (§7.2).
    public var score: Double {
        totalReceived == 0 ? Self.maxScore
            : ScorecardNumber.round(Self.maxScore * Double(totalOnTime) / Double(totalReceived))
    }

    /// What one more late dossier among those counted on time would cost.
    public var pointsPerDossier: Double {
        totalReceived == 0 ? 0 : Self.maxScore / Double(totalReceived)
    }

    mutating func add(_ entry: ProgressEntry, rule: ScorecardRule) {
        guard entry.outcome.counted(rule) else { return }
        totalReceived += 1
        if entry.outcome.onTime(rule) { totalOnTime += 1 }
        if let days = entry.processingDays {
            totalCompleted += 1
            processingDaysSum += days
        }
    }
}

public enum ScorecardNumber {
    /// Two decimals, as the portal publishes ratios and scores.
    public static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// `96,43` (Vietnamese decimal comma), or "–".
    public static func vietnamese(_ value: Double?, digits: Int = 2) -> String {
        guard let value else { return "–" }
        let scale = digits == 1 ? 10.0 : 100.0
        let n = Int((abs(value) * scale).rounded())
        let whole = n / Int(scale), fraction = n % Int(scale)
        let fractionText = digits == 1 ? "\(fraction)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return (value < 0 && n > 0 ? "-" : "") + "\(whole),\(fractionText)"
    }
}

extension ProgressEntry {
    /// Nil when the dossier is not of the period. `cutoff` is the period's end, or `now` while
    /// the period runs: a dossier is judged on what is known then.
    static func classify(_ d: DossierSummary, start: Instant, end: Instant, cutoff: Instant,
                         rule: ScorecardRule, calendar: WorkCalendar) -> ProgressEntry? {
        // The report's own membership and resolution (one definition of "of the period").
        guard let membership = PeriodMembership.classify(d, start: start, end: cutoff) else { return nil }
        let outcome: ProgressOutcome
        var days: Double?
        switch membership.outcome {
        case .resolved(let resolution, _, _):
            let timeliness = rule == .national ? resolution.atInstant : resolution.atDate
            outcome = timeliness == .late ? .resolvedLate : .resolvedOnTime
            let finished = d.resolvedAt ?? d.closedAt ?? cutoff
            let pauses = d.pauseHistory.compactMap { p in p.end.map { InstantRange(start: p.start, end: $0) } }
            days = Double(calendar.workingSeconds(from: d.receivedAt, to: finished, pauses: pauses))
                / Double(max(1, calendar.hours.dayLength))
        case .refused: outcome = .refused
        case .withdrawn: outcome = .withdrawn
        case .pendingWithinTime, .pendingOverdue:
            outcome = runningWithinTime(d.statsDue, cutoff: cutoff, rule: rule) ? .runningWithinTime : .runningOverdue
        case .pausedSupplement, .pausedSuspension:
            let pause = d.pauseHistory.last { $0.start < cutoff && ($0.end.map { $0 >= cutoff } ?? true) }
            let within: Bool
            switch rule {
            case .dateOnly: within = true                          // TH's BoSung: "trong hạn và bổ sung"
            case .national: within = pause.map { d.statsDue >= $0.start } ?? (d.statsDue >= cutoff)
            }
            outcome = within ? .pausedWithinTime : .pausedOverdue
        }
        return ProgressEntry(code: d.code, carriedOver: membership.carriedOver, channel: membership.channel,
                             outcome: outcome, processingDays: days)
    }

    /// National: the appointment is not before the cutoff instant. Date-only (TH's
    /// `date(NgayHenTra) ≥ DenNgay`): its day is not before the period's last day (or today).
    static func runningWithinTime(_ due: Instant, cutoff: Instant, rule: ScorecardRule) -> Bool {
        switch rule {
        case .national: return due >= cutoff
        case .dateOnly: return due.date >= cutoff.adding(seconds: -1).date
        }
    }
}
