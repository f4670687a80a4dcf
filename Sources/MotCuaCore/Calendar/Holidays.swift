/// Why a day is off work.
public enum DayOffKind: String, Codable, Sendable, CaseIterable {
    /// A public holiday of the Labour Code (art. 112).
    case statutory
    /// A day off in place of a holiday that fell on a Saturday or Sunday (art. 111(3)).
    case compensatory
    /// A day off decided for the year by the government (a swap against a make-up Saturday, or a new holiday).
    case official
}

public struct DayOff: Hashable, Codable, Sendable {
    public let date: CivilDate
    public let name: String
    public let kind: DayOffKind
    /// The legal text this day rests on.
    public let legalBasis: String?
    /// True when the legal instrument could not be confirmed; an admin should check it.
    public let unconfirmed: Bool

    public init(date: CivilDate, name: String, kind: DayOffKind, legalBasis: String? = nil, unconfirmed: Bool = false) {
        self.date = date
        self.name = name
        self.kind = kind
        self.legalBasis = legalBasis
        self.unconfirmed = unconfirmed
    }

    enum CodingKeys: String, CodingKey { case date, name, kind, legalBasis, unconfirmed }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(CivilDate.self, forKey: .date)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(DayOffKind.self, forKey: .kind)
        legalBasis = try c.decodeIfPresent(String.self, forKey: .legalBasis)
        unconfirmed = try c.decodeIfPresent(Bool.self, forKey: .unconfirmed) ?? false
    }
}

/// A Saturday (or Sunday) worked in exchange for a day off.
public struct MakeupWorkday: Hashable, Codable, Sendable {
    public let date: CivilDate
    public let name: String
    public let legalBasis: String?
    public let unconfirmed: Bool

    public init(date: CivilDate, name: String, legalBasis: String? = nil, unconfirmed: Bool = false) {
        self.date = date
        self.name = name
        self.legalBasis = legalBasis
        self.unconfirmed = unconfirmed
    }

    enum CodingKeys: String, CodingKey { case date, name, legalBasis, unconfirmed }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(CivilDate.self, forKey: .date)
        name = try c.decode(String.self, forKey: .name)
        legalBasis = try c.decodeIfPresent(String.self, forKey: .legalBasis)
        unconfirmed = try c.decodeIfPresent(Bool.self, forKey: .unconfirmed) ?? false
    }
}

/// Where a year's days off come from.
public enum HolidaySource: String, Codable, Sendable {
    /// The government's published schedule for civil servants.
    case official
    /// Computed from the Labour Code because no schedule is on file for that year.
    case statutory
}

/// The days off and make-up working days of one solar year.
public struct YearHolidays: Hashable, Codable, Sendable {
    public let year: Int
    public let source: HolidaySource
    /// Ascending; weekdays only, since weekends are off anyway.
    public let daysOff: [DayOff]
    /// Ascending.
    public let makeupWorkdays: [MakeupWorkday]

    public init(year: Int, source: HolidaySource, daysOff: [DayOff], makeupWorkdays: [MakeupWorkday]) {
        self.year = year
        self.source = source
        self.daysOff = daysOff.sorted { $0.date < $1.date }
        self.makeupWorkdays = makeupWorkdays.sorted { $0.date < $1.date }
    }
}

extension LunarDate {
    /// `10/3 âm lịch`, `15/4 nhuận âm lịch`.
    public var vietnamese: String { "\(day)/\(month)\(isLeap ? " nhuận" : "") âm lịch" }
}
