import Foundation

/// Reading the portal's JSON: every scalar is meant to be a string ("1", "False"), but real
/// systems send numbers too, so both are read; dates are `yyyyMMddHHmmss` in Vietnam time.
public enum PortalFields {
    /// The value at `key` as text: a string as it is, a number written plainly; nil when absent or empty.
    public static func text(_ object: [String: Any], _ key: String) -> String? {
        switch object[key] {
        case let s as String:
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        case let n as NSNumber:
            return n.doubleValue == n.doubleValue.rounded() ? String(n.int64Value) : String(n.doubleValue)
        default:
            return nil
        }
    }

    /// A number sent as a number or as text ("5", "0,5", "1.000.000" is not a number here).
    public static func number(_ object: [String: Any], _ key: String) -> Double? {
        if let n = object[key] as? NSNumber { return n.doubleValue }
        guard let s = text(object, key) else { return nil }
        return Double(s.replacingOccurrences(of: ",", with: "."))
    }

    public static func objects(_ object: [String: Any], _ key: String) -> [[String: Any]] {
        (object[key] as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    /// `yyyyMMddHHmmss`, Vietnam local time (the portal's only date format).
    public static func instant(_ text: String) -> Instant? {
        let digits = Array(text.utf8)
        guard digits.count == 14, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        func part(_ from: Int, _ count: Int) -> Int { digits[from..<(from + count)].reduce(0) { $0 * 10 + Int($1 - 48) } }
        guard let date = CivilDate(year: part(0, 4), month: part(4, 2), day: part(6, 2)) else { return nil }
        let (h, m, s) = (part(8, 2), part(10, 2), part(12, 2))
        guard h < 24, m < 60, s < 60 else { return nil }
        return Instant(date: date, secondOfDay: h * 3600 + m * 60 + s)
    }

    /// The same format, for what motcua sends.
    public static func format(_ instant: Instant) -> String {
        let d = instant.date, t = instant.secondOfDay
        return CivilDate.pad(d.year, 4) + CivilDate.pad(d.month, 2) + CivilDate.pad(d.day, 2)
            + CivilDate.pad(t / 3600, 2) + CivilDate.pad(t / 60 % 60, 2) + CivilDate.pad(t % 60, 2)
    }
}
