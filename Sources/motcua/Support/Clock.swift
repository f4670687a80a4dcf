import Foundation
import MotCuaCore

/// Where "now" comes from. The core never reads the clock; the edges pass an Instant in.
struct Clock {
    let now: Instant

    static var system: Clock {
        Clock(now: Instant(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))))
    }
}
