import MotCuaCore

/// Turns command-line text into domain values, or a bad-input error that says what was wrong.
enum Parse {
    static let supportedYears = LunarCalendar.supportedSolarYears

    static func date(_ text: String, option: String) throws -> CivilDate {
        guard let date = CivilDate(text) else {
            throw CLIError.badInput("\(option): '\(text)' không phải ngày hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-02-17)")
        }
        try year(date.year, option: option)
        return date
    }

    static func year(_ year: Int, option: String) throws {
        guard supportedYears.contains(year) else {
            throw CLIError.badInput("\(option): năm \(year) nằm ngoài khoảng được hỗ trợ \(supportedYears.lowerBound)–\(supportedYears.upperBound)")
        }
    }

    static func instant(_ text: String, option: String) throws -> Instant {
        guard let instant = Instant(iso8601: text) else {
            throw CLIError.badInput("\(option): '\(text)' không phải thời điểm ISO 8601 (ví dụ 2026-11-27T09:15 hoặc 2026-11-27T09:15:00+07:00)")
        }
        try year(instant.date.year, option: option)
        return instant
    }

    /// `START/END`, both ISO 8601, start before end.
    static func interval(_ text: String, option: String) throws -> InstantRange {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw CLIError.badInput("\(option): '\(text)' không phải khoảng thời gian dạng BẮT_ĐẦU/KẾT_THÚC")
        }
        let start = try instant(String(parts[0]), option: option)
        let end = try instant(String(parts[1]), option: option)
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
