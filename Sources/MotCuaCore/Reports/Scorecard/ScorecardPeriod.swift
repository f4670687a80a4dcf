/// The periods the national index is published for (`timeType` month, quarter, year), and the
/// two readings of its on-time rule.
public enum ScorecardPeriod: Hashable, Sendable {
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case year(Int)

    /// `2026-11`, `2026-Q4` or `2026`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.count == 4, first.allSatisfy(\.isASCII), let year = Int(first),
              (1900...2100).contains(year) else { return nil }
        switch parts.count {
        case 1: self = .year(year)
        case 2 where parts[1].count == 2 && parts[1].allSatisfy(\.isNumber):
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self = .month(year: year, month: month)
        case 2 where parts[1].count == 2 && parts[1].uppercased().hasPrefix("Q"):
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            self = .quarter(year: year, quarter: quarter)
        default: return nil
        }
    }

    public var from: CivilDate {
        switch self {
        case .month(let y, let m): return CivilDate(y, m, 1)
        case .quarter(let y, let q): return CivilDate(y, (q - 1) * 3 + 1, 1)
        case .year(let y): return CivilDate(y, 1, 1)
        }
    }

    public var to: CivilDate {
        switch self {
        case .month(let y, let m): return CivilDate(y, m, CivilDate.daysInMonth(year: y, month: m))
        case .quarter(let y, let q): return CivilDate(y, q * 3, CivilDate.daysInMonth(year: y, month: q * 3))
        case .year(let y): return CivilDate(y, 12, 31)
        }
    }

    public var year: Int { from.year }

    /// The portal's `timeType`.
    public var timeType: String {
        switch self {
        case .month: return "month"
        case .quarter: return "quarter"
        case .year: return "year"
        }
    }

    /// `11/2026`, `quý IV/2026`, `năm 2026`.
    public var vietnamese: String {
        switch self {
        case .month(let y, let m): return "tháng \(m)/\(y)"
        case .quarter(let y, let q): return "quý \(["I", "II", "III", "IV"][q - 1])/\(y)"
        case .year(let y): return "năm \(y)"
        }
    }

    /// `2026-11`, `2026-Q4`, `2026`: what `init?(_:)` reads.
    public var text: String {
        switch self {
        case .month(let y, let m): return "\(y)-\(m < 10 ? "0" : "")\(m)"
        case .quarter(let y, let q): return "\(y)-Q\(q)"
        case .year(let y): return "\(y)"
        }
    }

    /// The month before (for the TUI's ← key).
    public func shifted(months: Int) -> ScorecardPeriod {
        guard case .month(let y, let m) = self else { return self }
        let index = y * 12 + (m - 1) + months
        return .month(year: index / 12, month: index % 12 + 1)
    }
}

/// How "on time" is judged: the sources disagree (interop.md §7.2–7.3, §10.8).
public enum ScorecardRule: String, CaseIterable, Sendable {
    /// The national text read literally: instants (a result at 16:59 on the due day after an
    /// 08:00 appointment is late), a paused dossier is within time only if it was when it paused,
    /// refused and withdrawn dossiers are not "handled" and leave the denominator.
    case national
    /// What the one-stop system studied counts (TH): dates only, every paused dossier within
    /// time, refused and withdrawn dossiers (status 7) counted as on time.
    case dateOnly = "date-only"

    public var vietnamese: String {
        switch self {
        case .national: return "theo văn bản quốc gia (so thời điểm)"
        case .dateOnly: return "theo ngày (như hệ thống một cửa đã khảo sát)"
        }
    }
}
