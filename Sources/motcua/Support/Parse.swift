import MotCuaCore

/// Turns command-line text into domain values, or a bad-input error that says what was wrong.
enum Parse {
    static let supportedYears = LunarCalendar.supportedSolarYears

    /// `YYYY-MM-DD` or the way dates are written in Vietnam, as F9 reads them: `dd/MM/yyyy`,
    /// `d/M/yyyy`, and a two-digit year for 20yy (`1/12/26`). A well-formed day that does not
    /// exist (31/02/2026) is called so, not a format error.
    static func date(_ text: String, option: String) throws -> CivilDate {
        if let date = CivilDate(text) {
            try year(date.year, option: option)
            return date
        }
        switch CivilDate.readVietnamese(text) {
        case .success(let date):
            try year(date.year, option: option)
            return date
        case .failure(let problem):
            if problem == .noSuchDate || isISOShaped(text) { throw noSuchDate(text, option: option) }
            throw CLIError.badInput("\(option): '\(text)' không phải ngày hợp lệ (dạng dd/MM/yyyy hoặc YYYY-MM-DD, ví dụ 17/02/2026, 17/2/26 hoặc 2026-02-17)")
        }
    }

    private static func noSuchDate(_ text: String, option: String) -> CLIError {
        CLIError.badInput("\(option): '\(text)' là ngày không tồn tại")
    }

    /// `dddd-dd-dd` whatever the digits: `CivilDate(text)` refused it for the day, not the form.
    private static func isISOShaped(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    static func year(_ year: Int, option: String) throws {
        guard supportedYears.contains(year) else {
            throw CLIError.badInput("\(option): năm \(year) nằm ngoài khoảng được hỗ trợ \(supportedYears.lowerBound)–\(supportedYears.upperBound)")
        }
    }

    /// `dd/MM/yyyy` as `date` reads it; nil for anything else or a day that does not exist.
    static func vietnameseDate(_ text: String) -> CivilDate? { try? CivilDate.readVietnamese(text).get() }

    /// `dd/MM/yyyy HH:mm` (Vietnam time), or a date alone for its midnight.
    static func vietnameseInstant(_ text: String) -> Instant? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = parts.first, parts.count <= 2, let date = vietnameseDate(String(first)) else { return nil }
        guard parts.count == 2 else { return Instant(date: date) }
        guard let time = TimeOfDay(String(parts[1])) else { return nil }
        return Instant(date: date, time: time)
    }

    /// ISO 8601, or `dd/MM/yyyy HH:mm` in Vietnam time.
    static func instant(_ text: String, option: String) throws -> Instant {
        guard let instant = Instant(iso8601: text) ?? vietnameseInstant(text) else {
            if let first = text.split(separator: " ").first, CivilDate.readVietnamese(String(first)) == .failure(.noSuchDate) {
                throw noSuchDate(text, option: option)
            }
            throw CLIError.badInput("\(option): '\(text)' không phải thời điểm hợp lệ (ví dụ 27/11/2026 09:15, 2026-11-27T09:15 hoặc 2026-11-27T09:15:00+07:00)")
        }
        try year(instant.date.year, option: option)
        return instant
    }

    /// `START/END`, each ISO 8601 or `dd/MM/yyyy HH:mm` (whose own slashes are told apart by trying
    /// each split), start before end.
    static func interval(_ text: String, option: String) throws -> InstantRange {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let splits = (1..<max(parts.count, 1)).compactMap { cut -> (Instant, Instant)? in
            let left = parts[..<cut].joined(separator: "/"), right = parts[cut...].joined(separator: "/")
            guard let a = Instant(iso8601: left) ?? vietnameseInstant(left), let b = Instant(iso8601: right) ?? vietnameseInstant(right)
            else { return nil }
            return (a, b)
        }
        guard splits.count == 1 else {
            if parts.count == 2 {   // the ISO shape: say which end is wrong
                _ = try instant(String(parts[0]), option: option)
                _ = try instant(String(parts[1]), option: option)
            }
            throw CLIError.badInput("\(option): '\(text)' không phải khoảng thời gian dạng BẮT_ĐẦU/KẾT_THÚC")
        }
        let (start, end) = splits[0]
        try year(start.date.year, option: option)
        try year(end.date.year, option: option)
        guard start < end else {
            throw CLIError.badInput("\(option): '\(text)' có thời điểm kết thúc không sau thời điểm bắt đầu")
        }
        return InstantRange(start: start, end: end)
    }

    static func timeOfDay(_ text: String, option: String) throws -> TimeOfDay {
        guard let time = TimeOfDay(text) else {
            throw CLIError.badInput("\(option): '\(text)' không phải giờ dạng HH:MM")
        }
        return time
    }

    static func positive(_ value: Double, option: String) throws -> Double {
        guard value.isFinite, value > 0, value <= 3650 else {
            throw CLIError.badInput("\(option): \(value) phải là số dương không quá 3650")
        }
        return value
    }
}
