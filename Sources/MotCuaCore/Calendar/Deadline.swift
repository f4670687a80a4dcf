/// How a deadline in working days ends (a store setting).
public enum DeadlineModel: String, Codable, Sendable, CaseIterable {
    /// N days = N × the working-day length, counted from the effective start (the national systems' way).
    case workingHours = "hours"
    /// Due at the closing time of the N-th working day after the start day (Civil Code art. 147–148).
    case dayEnd = "day-end"
}

/// How long a procedure (or one step of its route) may take.
public enum ProcessingTime: Hashable, Sendable {
    case workingDays(Double)
    case workingHours(Double)
    /// Result the same working day when received before the cut-off, else the next working day.
    case sameDay(cutoff: TimeOfDay)

    /// `3 ngày làm việc`, `4 giờ làm việc`, `trong ngày (nhận trước 15:00)`.
    public var vietnamese: String {
        switch self {
        case .workingDays(let n): return "\(Self.number(n)) ngày làm việc"
        case .workingHours(let h): return "\(Self.number(h)) giờ làm việc"
        case .sameDay(let cutoff): return "trong ngày (nhận trước \(cutoff))"
        }
    }

    /// The length in working hours (a working day counted as 8), nil for "same day".
    var hours: Double? {
        switch self {
        case .workingDays(let n): return n * 8
        case .workingHours(let h): return h
        case .sameDay: return nil
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(String(value).map { $0 == "." ? "," : $0 })
    }
}

extension ProcessingTime: Codable {
    enum CodingKeys: String, CodingKey { case kind, value, cutoff }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "workingDays": self = .workingDays(try Self.positive(c))
        case "workingHours": self = .workingHours(try Self.positive(c))
        case "sameDay": self = .sameDay(cutoff: try c.decode(TimeOfDay.self, forKey: .cutoff))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown processing kind \(other)")
        }
    }

    private static func positive(_ c: KeyedDecodingContainer<CodingKeys>) throws -> Double {
        let value = try c.decode(Double.self, forKey: .value)
        guard value >= 0, value <= 3650 else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: "duration out of range: \(value)")
        }
        return value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .workingDays(let n): try c.encode("workingDays", forKey: .kind); try c.encode(n, forKey: .value)
        case .workingHours(let h): try c.encode("workingHours", forKey: .kind); try c.encode(h, forKey: .value)
        case .sameDay(let cutoff): try c.encode("sameDay", forKey: .kind); try c.encode(cutoff, forKey: .cutoff)
        }
    }
}

/// One line of a deadline's derivation, for the receipt, the detail pane and `--explain`.
public struct ExplainLine: Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable { case start, counted, skipped, paused, due }

    public let kind: Kind
    public let date: CivilDate
    /// Working seconds counted that day (`counted`) or stopped by a pause (`paused`).
    public let seconds: Int64
    /// weekend, statutory, compensatory, official, makeup, after-hours, cutoff, day-end.
    public let reason: String?
    public let name: String?
    /// The line in Vietnamese.
    public let text: String
}

/// A computed appointment and how it was reached.
public struct DueComputation: Hashable, Sendable {
    public let received: Instant
    public let effectiveStart: Instant
    public let due: Instant
    /// The working time the deadline grants, before pauses.
    public let workingSeconds: Int64
    public let explanation: [ExplainLine]
}

extension WorkCalendar {
    /// The appointment for a dossier received at `received`, with the clock stopped during `pauses`.
    /// The seconds of the received instant are rounded up once, to the next whole minute, before
    /// counting (`countingStart`): the appointment never falls before the full time, and every
    /// day of the explanation counts whole minutes that add up to the processing time.
    public func due(from received: Instant, processing: ProcessingTime, pauses: [InstantRange] = []) -> DueComputation {
        let start = countingStart(received)
        var lines = startLines(received: received, start: start)
        let budget: Int64
        var countFrom = start
        var snapToClosing = false
        switch processing {
        case .workingDays(let n) where model == .dayEnd:
            countFrom = opening(of: workingDay(1, after: start.date))
            budget = Self.wholeMinutes(Int64((n * Double(hours.dayLength)).rounded()))
            snapToClosing = true
            lines.append(line(.start, countFrom.date, reason: "day-end",
                              text: "Tính theo ngày (BLDS Điều 147–148): bắt đầu từ ngày làm việc kế tiếp \(countFrom.date.vietnameseWithWeekday), hạn vào cuối giờ làm việc"))
        case .workingDays(let n):
            budget = Self.wholeMinutes(Int64((n * Double(hours.dayLength)).rounded()))
        case .workingHours(let h):
            budget = Self.wholeMinutes(Int64((h * 3600).rounded()))
        case .sameDay(let cutoff):
            let beforeCutoff = start.secondOfDay < cutoff.minutes * 60
            let dueDay = beforeCutoff ? start.date : workingDay(1, after: start.date)
            budget = workingSeconds(from: start, to: closing(of: dueDay))
            lines.append(line(.start, start.date, reason: "cutoff", text: beforeCutoff
                ? "Thủ tục trả trong ngày: nhận trước \(cutoff), trả trong ngày làm việc"
                : "Thủ tục trả trong ngày: nhận sau \(cutoff), trả trong ngày làm việc tiếp theo"))
        }
        var (due, walked) = walk(from: countFrom, seconds: budget, pauses: pauses)
        lines += walked
        if snapToClosing, due != closing(of: due.date) { due = closing(of: due.date) }
        lines.append(line(.due, due.date, text: "Hẹn trả kết quả: \(due.vietnameseShort) (\(due.date.weekdayName))"))
        return DueComputation(received: received, effectiveStart: start, due: due, workingSeconds: budget, explanation: lines)
    }

    /// The instant at which `seconds` of working time have elapsed from `start`, skipping pauses,
    /// with one explanation line per day passed. Like `due(from:…)`, it counts whole minutes: the
    /// start and the time are rounded up to the minute, so no appointment carries seconds.
    /// Zero or negative time leaves `start` unchanged.
    public func adding(workingSeconds seconds: Int64, to start: Instant, pauses: [InstantRange] = []) -> (due: Instant, explanation: [ExplainLine]) {
        guard seconds > 0 else { return (start, []) }
        return walk(from: countingStart(start), seconds: Self.wholeMinutes(seconds), pauses: pauses)
    }

    /// Where the count of a deadline starts for something received at `received`: the next whole
    /// minute (the seconds rounded up, once), or the start of the next session when that is
    /// outside working hours.
    public func countingStart(_ received: Instant) -> Instant { effectiveStart(received.roundedUpToMinute) }

    /// `seconds` rounded up to a whole number of minutes.
    static func wholeMinutes(_ seconds: Int64) -> Int64 { (seconds + 59) / 60 * 60 }

    private func walk(from start: Instant, seconds: Int64, pauses: [InstantRange]) -> (Instant, [ExplainLine]) {
        var lines: [ExplainLine] = []
        guard seconds > 0 else { return (start, lines) }
        var remaining = seconds
        var date = start.date
        while true {
            let status = status(of: date)
            guard status.isWorking else {
                lines.append(skipLine(date, status))
                date = date.adding(days: 1)
                continue
            }
            var counted: Int64 = 0
            var paused: Int64 = 0
            for session in hours.sessions {
                let a = max(start, Instant(date: date, time: session.start))
                let b = Instant(date: date, time: session.end)
                guard a < b else { continue }
                let free = InstantRange.uncovered(from: a, to: b, by: pauses)
                paused += (b.seconds - a.seconds) - free.reduce(0) { $0 + $1.length }
                for piece in free {
                    if remaining <= piece.length {
                        counted += remaining
                        lines += dayLines(date, status, counted: counted, paused: paused)
                        return (piece.start.adding(seconds: remaining), lines)
                    }
                    remaining -= piece.length
                    counted += piece.length
                }
            }
            lines += dayLines(date, status, counted: counted, paused: paused)
            date = date.adding(days: 1)
        }
    }

    private func startLines(received: Instant, start: Instant) -> [ExplainLine] {
        var lines: [ExplainLine] = []
        if start == received {
            lines.append(line(.start, start.date, text: "Tiếp nhận lúc \(received.vietnameseShort), trong giờ làm việc: bắt đầu tính ngay"))
            return lines
        }
        if effectiveStart(received) == received {
            let s = received.secondOfDay
            let exact = "\(CivilDate.pad(s / 3600, 2)):\(CivilDate.pad(s / 60 % 60, 2)):\(CivilDate.pad(s % 60, 2)) \(received.date.vietnamese)"
            lines.append(line(.start, received.date, reason: "rounded",
                              text: "Tiếp nhận lúc \(exact), trong giờ làm việc: giây làm tròn lên phút kế tiếp, bắt đầu tính từ \(start.vietnameseShort)"))
        } else {
            lines.append(line(.start, received.date, reason: "after-hours",
                              text: "Tiếp nhận lúc \(received.vietnameseShort), ngoài giờ làm việc: bắt đầu tính từ \(start.vietnameseShort)"))
        }
        var d = received.date.adding(days: 1)
        if !isWorkingDay(received.date) { d = received.date }
        while d < start.date {
            lines.append(skipLine(d, status(of: d)))
            d = d.adding(days: 1)
        }
        return lines
    }

    private func dayLines(_ date: CivilDate, _ status: DayStatus, counted: Int64, paused: Int64) -> [ExplainLine] {
        var lines: [ExplainLine] = []
        if paused > 0 {
            lines.append(ExplainLine(kind: .paused, date: date, seconds: paused, reason: "pause", name: nil,
                                     text: "\(date.vietnameseWithWeekday): tạm dừng, không tính \(Self.duration(paused))"))
        }
        if counted > 0 || paused == 0 {
            var name: String?
            var text = "\(date.vietnameseWithWeekday): tính \(Self.duration(counted))"
            if case .makeupWorkday(let makeup) = status {
                name = makeup.name
                text += " (ngày làm bù: \(makeup.name))"
            }
            lines.append(ExplainLine(kind: .counted, date: date, seconds: counted,
                                     reason: name == nil ? nil : "makeup", name: name, text: text))
        }
        return lines
    }

    private func skipLine(_ date: CivilDate, _ status: DayStatus) -> ExplainLine {
        switch status {
        case .dayOff(let off):
            let mark = off.unconfirmed ? " [chưa xác nhận căn cứ]" : ""
            return ExplainLine(kind: .skipped, date: date, seconds: 0, reason: off.kind.rawValue, name: off.name,
                               text: "\(date.vietnameseWithWeekday): nghỉ – \(off.name)\(mark)")
        default:
            return ExplainLine(kind: .skipped, date: date, seconds: 0, reason: "weekend", name: nil,
                               text: "\(date.vietnameseWithWeekday): nghỉ cuối tuần")
        }
    }

    private func line(_ kind: ExplainLine.Kind, _ date: CivilDate, reason: String? = nil, text: String) -> ExplainLine {
        ExplainLine(kind: kind, date: date, seconds: 0, reason: reason, name: nil, text: text)
    }

    /// `8 giờ`, `3 giờ 30 phút`, `45 phút`.
    static func duration(_ seconds: Int64) -> String {
        let minutes = (seconds + 59) / 60
        let h = minutes / 60, m = minutes % 60
        switch (h, m) {
        case (0, _): return "\(m) phút"
        case (_, 0): return "\(h) giờ"
        default: return "\(h) giờ \(m) phút"
        }
    }
}

extension WorkCalendar {
    /// The working time a route step's budget grants; nil for same-day budgets.
    public func workingSeconds(of budget: ProcessingTime) -> Int64? {
        switch budget {
        case .workingDays(let n): return Int64((n * Double(hours.dayLength)).rounded())
        case .workingHours(let h): return Int64((h * 3600).rounded())
        case .sameDay: return nil
        }
    }
}

extension Instant {
    /// This instant when it is a whole minute, else the next whole minute.
    public var roundedUpToMinute: Instant {
        let extra = ((seconds % 60) + 60) % 60
        return extra == 0 ? self : adding(seconds: 60 - extra)
    }
}

extension CivilDate {
    static let weekdayNames = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]

    /// `Thứ Hai`.
    public var weekdayName: String { Self.weekdayNames[isoWeekday - 1] }

    /// `Thứ Hai 16/02/2026`.
    public var vietnameseWithWeekday: String { "\(weekdayName) \(vietnamese)" }
}
