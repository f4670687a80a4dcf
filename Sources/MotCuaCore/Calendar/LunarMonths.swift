/// What the lunar calendar needs of the astronomy, month by month from the new moon of mid-1897
/// (k = −1270 counted from 6 January 2000) to early 2102: the day each month begins, whether it
/// holds the winter solstice (270°, month 11) and whether it holds a major solar term (a multiple
/// of 30°: a month without one in a 13-month year is the leap month).
struct LunarMonths: Equatable, Sendable {
    /// Julian day numbers, one more than months (the last is where the next month would begin).
    var newMoonDays: [Int]
    var holdsSolstice: [Bool]
    var holdsMajorTerm: [Bool]

    static let newMoons = -1270...1265

    /// From the new moons and the Sun's longitude (Astronomy.swift): ~5 ms, hence `written`.
    static func computed() -> LunarMonths {
        let newMoonDays = newMoons.map { k in
            Astronomy.newMoonDayCorrections[k] ?? Astronomy.localDay(ofJDE: Astronomy.newMoonJDE(k: Double(k)))
        }
        // The Sun's longitude as each month begins (local midnight) tells which terms it holds.
        let longitudes = newMoonDays.map { Astronomy.apparentSolarLongitude(jde: Astronomy.jde(atStartOfLocalDay: $0)) }
        let months = 0..<(newMoonDays.count - 1)
        return LunarMonths(
            newMoonDays: newMoonDays,
            holdsSolstice: months.map { month in
                let covered = (longitudes[month + 1] - longitudes[month] + 360).truncatingRemainder(dividingBy: 360)
                return (270 - longitudes[month] + 360).truncatingRemainder(dividingBy: 360) < covered
            },
            holdsMajorTerm: months.map { Int(longitudes[$0] / 30) != Int(longitudes[$0 + 1] / 30) })
    }

    /// One digit a month: its length minus 29 (bit 0), solstice (bit 1), major term (bit 2).
    var packed: String {
        String(holdsSolstice.indices.map { m in
            Character(String((newMoonDays[m + 1] - newMoonDays[m] - 29) | (holdsSolstice[m] ? 2 : 0) | (holdsMajorTerm[m] ? 4 : 0)))
        })
    }

    init(newMoonDays: [Int], holdsSolstice: [Bool], holdsMajorTerm: [Bool]) {
        self.newMoonDays = newMoonDays
        self.holdsSolstice = holdsSolstice
        self.holdsMajorTerm = holdsMajorTerm
    }

    /// The inverse of `packed` (digits only; line breaks are skipped).
    init(firstDay: Int, packed: String) {
        var day = firstDay
        newMoonDays = [day]
        holdsSolstice = []
        holdsMajorTerm = []
        for digit in packed.utf8 where (48...55).contains(digit) {
            let bits = Int(digit - 48)
            day += 29 + bits & 1
            newMoonDays.append(day)
            holdsSolstice.append(bits & 2 != 0)
            holdsMajorTerm.append(bits & 4 != 0)
        }
    }
}
