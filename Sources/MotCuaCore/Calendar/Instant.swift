/// A moment in time, to the second, shown in Vietnam time (UTC+7).
///
/// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact
/// for every dossier and needs no tz database on the server (see Docs/DECISIONS.md).
public struct Instant: Hashable, Comparable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64

    public static let vietnamOffset: Int64 = 7 * 3600
    static let secondsPerDay: Int64 = 86_400
    /// Julian Day Number of 1970-01-01.
    static let unixEpochJulianDay = 2_440_588

    public init(seconds: Int64) { self.seconds = seconds }

    /// The instant at `secondOfDay` seconds after midnight of `date`, Vietnam time.
    public init(date: CivilDate, secondOfDay: Int = 0) {
        let days = Int64(date.julianDay - Instant.unixEpochJulianDay)
        seconds = days * Instant.secondsPerDay + Int64(secondOfDay) - Instant.vietnamOffset
    }

    public init(date: CivilDate, time: TimeOfDay) {
        self.init(date: date, secondOfDay: time.minutes * 60)
    }

    private var localSeconds: Int64 { seconds + Instant.vietnamOffset }

    /// The calendar day in Vietnam.
    public var date: CivilDate {
        let days = localSeconds >= 0 ? localSeconds / Instant.secondsPerDay
                                     : (localSeconds - Instant.secondsPerDay + 1) / Instant.secondsPerDay
        return CivilDate(julianDay: Int(days) + Instant.unixEpochJulianDay)
    }

    /// Seconds since midnight, Vietnam time.
    public var secondOfDay: Int {
        let r = localSeconds % Instant.secondsPerDay
        return Int(r >= 0 ? r : r + Instant.secondsPerDay)
    }

    public func adding(seconds delta: Int64) -> Instant { Instant(seconds: seconds + delta) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }
}

/// A wall-clock time of day, to the minute.
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }
    public init(_ hour: Int, _ minute: Int) { minutes = hour * 60 + minute }

    /// Parses `HH:MM` (24-hour).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        minutes = h * 60 + m
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }
    public var description: String { "\(CivilDate.pad(hour, 2)):\(CivilDate.pad(minute, 2))" }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = TimeOfDay(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an HH:MM time: \(text)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

// MARK: - ISO 8601 text

extension Instant: CustomStringConvertible, Codable {
    /// `2026-11-27T09:15:22+07:00`: always Vietnam time, so files and output read naturally.
    public var iso8601: String {
        let s = secondOfDay
        return "\(date.iso)T\(CivilDate.pad(s / 3600, 2)):\(CivilDate.pad(s / 60 % 60, 2)):\(CivilDate.pad(s % 60, 2))+07:00"
    }

    public var description: String { iso8601 }

    /// `HH:MM` in Vietnam time.
    public var clockText: String {
        let s = secondOfDay
        return "\(CivilDate.pad(s / 3600, 2)):\(CivilDate.pad(s / 60 % 60, 2))"
    }

    /// `HH:MM dd/MM/yyyy`, the way a receipt states an appointment.
    public var vietnameseShort: String {
        let s = secondOfDay
        return "\(CivilDate.pad(s / 3600, 2)):\(CivilDate.pad(s / 60 % 60, 2)) \(date.vietnamese)"
    }

    /// An appointment as a citizen reads it: `15 giờ 46 phút, thứ Hai, ngày 04 tháng 01 năm 2027`
    /// (the forms' "… giờ … phút, ngày … tháng … năm …" with the weekday, which is what a citizen
    /// plans the trip by). Appointments are whole minutes, so nothing is rounded.
    public var vietnameseForCitizen: String {
        let s = secondOfDay, d = date
        let weekday = d.weekdayName.prefix(1).lowercased() + d.weekdayName.dropFirst()
        return "\(CivilDate.pad(s / 3600, 2)) giờ \(CivilDate.pad(s / 60 % 60, 2)) phút, \(weekday), "
            + "ngày \(CivilDate.pad(d.day, 2)) tháng \(CivilDate.pad(d.month, 2)) năm \(d.year)"
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`; without an offset the text is Vietnam time.
    /// A date alone (`YYYY-MM-DD`) means its midnight in Vietnam.
    public init?(iso8601 text: String) {
        var text = text
        guard let value = text.withUTF8({ Instant(iso8601UTF8: $0) }) else { return nil }
        self = value
    }

    /// The same from the text's UTF-8 bytes (the journal's reader has them, not a String).
    public init?(iso8601UTF8 chars: UnsafeBufferPointer<UInt8>) {
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var value = 0
            for c in chars[from..<(from + count)] {
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard chars.count >= 10, let y = number(0, 4), chars[4] == 45, let mo = number(5, 2),
              chars[7] == 45, let d = number(8, 2), let date = CivilDate(year: y, month: mo, day: d)
        else { return nil }
        if chars.count == 10 {
            self.init(date: date)
            return
        }
        guard chars.count >= 16, chars[10] == 84 || chars[10] == 116 || chars[10] == 32,
              let h = number(11, 2), chars[13] == 58, let mi = number(14, 2), h < 24, mi < 60 else { return nil }
        var index = 16
        var sec = 0
        if index < chars.count, chars[index] == 58 {
            guard let s = number(index + 1, 2), s < 60 else { return nil }
            sec = s
            index += 3
            if index < chars.count, chars[index] == 46 {           // fractional seconds: ignored
                index += 1
                let start = index
                while index < chars.count, chars[index] >= 48, chars[index] <= 57 { index += 1 }
                guard index > start else { return nil }
            }
        }
        var offset = Instant.vietnamOffset
        if index < chars.count {
            let c = chars[index]
            if c == 90 || c == 122 {                               // Z
                offset = 0
                index += 1
            } else if c == 43 || c == 45 {                         // + or -
                guard let oh = number(index + 1, 2), let om: Int = {
                    if index + 3 < chars.count, chars[index + 3] == 58 { return number(index + 4, 2) }
                    return number(index + 3, 2)
                }(), oh <= 14, om < 60 else { return nil }
                let sign: Int64 = c == 43 ? 1 : -1
                offset = sign * Int64(oh * 3600 + om * 60)
                index += (index + 3 < chars.count && chars[index + 3] == 58) ? 6 : 5
            } else {
                return nil
            }
        }
        guard index == chars.count else { return nil }
        let local = Instant(date: date, secondOfDay: h * 3600 + mi * 60 + sec)
        self.init(seconds: local.seconds + Instant.vietnamOffset - offset)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Instant(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 instant: \(text)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
