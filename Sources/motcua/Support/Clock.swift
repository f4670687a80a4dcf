import Foundation
import MotCuaCore

/// Where "now" comes from. The core never reads the clock; the edges pass an Instant in.
struct Clock {
    let now: Instant

    static var system: Clock {
        Clock(now: Instant(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))))
    }

    /// `MOTCUA_NOW` when it is set (a training store's simulated clock: other stores refuse it), the system clock otherwise.
    static func current() throws -> Clock {
        guard let text = Environment.clockOverride else { return .system }
        guard let instant = Instant(iso8601: text) else {
            throw CLIError.badInput("MOTCUA_NOW: '\(text)' không phải thời điểm ISO 8601")
        }
        // Outside the years the calendar knows, deadlines and journal months would be nonsense.
        guard Parse.supportedYears.contains(instant.date.year) else {
            throw CLIError.badInput("MOTCUA_NOW: năm \(instant.date.year) nằm ngoài khoảng được hỗ trợ, phải từ "
                                    + "\(Parse.supportedYears.lowerBound) đến \(Parse.supportedYears.upperBound)")
        }
        return Clock(now: instant)
    }
}
