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
        return Clock(now: instant)
    }
}
