/// The portal's date text: `yyyyMMddHHmmss` in Vietnam time, `""` when there is none (interop.md §2).
public enum PortalTime {
    public static func text(_ instant: Instant?) -> String {
        guard let instant else { return "" }
        let d = instant.date, s = instant.secondOfDay
        return CivilDate.pad(d.year, 4) + CivilDate.pad(d.month, 2) + CivilDate.pad(d.day, 2)
            + CivilDate.pad(s / 3600, 2) + CivilDate.pad(s / 60 % 60, 2) + CivilDate.pad(s % 60, 2)
    }

    /// The instant a portal date names, or nil if it is not 14 digits of a real Vietnam time.
    public static func parse(_ text: String) -> Instant? {
        let digits = Array(text.utf8)
        guard digits.count == 14, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        func number(_ from: Int, _ count: Int) -> Int { digits[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 48) } }
        let hour = number(8, 2), minute = number(10, 2), second = number(12, 2)
        guard let date = CivilDate(year: number(0, 4), month: number(4, 2), day: number(6, 2)),
              hour < 24, minute < 60, second < 60 else { return nil }
        return Instant(date: date, secondOfDay: hour * 3600 + minute * 60 + second)
    }
}
