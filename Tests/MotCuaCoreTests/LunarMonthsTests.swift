import Foundation
import Testing
@testable import MotCuaCore

/// The lunar months are written out instead of computed at first use (issue 12, third step):
/// they must be exactly what the astronomy gives.
@Suite("Lunar months written out")
struct LunarMonthsTests {
    @Test func theWrittenMonthsAreTheComputedOnes() throws {
        let computed = LunarMonths.computed()
        if ProcessInfo.processInfo.environment["MOTCUA_PRINT_LUNAR_MONTHS"] != nil {
            try "\(computed.newMoonDays[0])\n\(computed.packed)\n".write(toFile: "/tmp/lunar-months.txt", atomically: true, encoding: .utf8)
        }
        let roundTrips = LunarMonths(firstDay: computed.newMoonDays[0], packed: computed.packed) == computed
        let written = LunarMonths.written == computed
        #expect(roundTrips, "packing round-trips")
        #expect(written, "the written months are the computed ones")
        #expect(computed.newMoonDays.count == LunarMonths.newMoons.count)
    }
}
