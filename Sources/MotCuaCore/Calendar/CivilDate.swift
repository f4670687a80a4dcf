/// A day of the proleptic Gregorian calendar, with no time and no time zone.
///
/// Dates are compared and stepped through their Julian Day Number, which is also what
/// the lunar calendar's astronomy works in, so no `Foundation.Calendar` is involved.
public struct CivilDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Builds a date after checking that it exists (30/2 does not).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
              day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// For literals in tables and tests whose validity is known.
    public init(_ year: Int, _ month: Int, _ day: Int) {
        guard let date = CivilDate(year: year, month: month, day: day) else {
            preconditionFailure("invalid date \(year)-\(month)-\(day)")
        }
        self = date
    }

    /// The Julian Day Number of this date (noon-based, an integer).
    public var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    public init(julianDay jd: Int) {
        let a = jd + 32044
        let b = (4 * a + 3) / 146_097
        let c = a - b * 146_097 / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        day = e - (153 * m + 2) / 5 + 1
        month = m + 3 - 12 * (m / 10)
        year = b * 100 + d - 4800 + m / 10
    }

    /// Monday = 1 … Sunday = 7 (ISO 8601).
    public var isoWeekday: Int { (julianDay % 7) + 1 }

    public var isWeekend: Bool { isoWeekday >= 6 }

    public func adding(days: Int) -> CivilDate { CivilDate(julianDay: julianDay + days) }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CivilDate: CustomStringConvertible, LosslessStringConvertible {
    /// ISO form, `2026-02-17`.
    public var description: String { iso }

    public var iso: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// Vietnamese form, `17/02/2026`.
    public var vietnamese: String {
        "\(Self.pad(day, 2))/\(Self.pad(month, 2))/\(Self.pad(year, 4))"
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension CivilDate: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// Why text is not a date written the Vietnamese way.
public enum VietnameseDateProblem: Error, Equatable, Sendable {
    /// Not `d/M/yy` … `dd/MM/yyyy`.
    case format
    /// Well formed, but no such day (31/02/2026).
    case noSuchDate

    public var vietnamese: String {
        switch self {
        case .format: return "phải có dạng dd/MM/yyyy"
        case .noSuchDate: return "ngày không tồn tại"
        }
    }
}

extension CivilDate {
    /// `dd/MM/yyyy` as a clerk types it: one-digit days and months are fine, and a two-digit year
    /// is 20yy (`1/12/26` is 01/12/2026). The one reader of F9's fields and the CLI's date options.
    public static func readVietnamese(_ text: String) -> Result<CivilDate, VietnameseDateProblem> {
        var trimmed = Substring(text)
        while trimmed.first == " " || trimmed.first == "\t" { trimmed = trimmed.dropFirst() }
        while trimmed.last == " " || trimmed.last == "\t" { trimmed = trimmed.dropLast() }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4,
              let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return .failure(.format) }
        guard let date = CivilDate(year: parts[2].count == 2 ? 2000 + year : year, month: month, day: day) else {
            return .failure(.noSuchDate)
        }
        return .success(date)
    }
}
