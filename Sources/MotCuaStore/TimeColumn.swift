import MotCuaCore

/// A column of instants (epoch seconds, or `DossierTable.none`) kept as 32-bit seconds from
/// 2000-01-01: half the memory of `Int64` (11 columns × 4 bytes × 500,000 rows = 22 MB). That
/// covers 1932–2068; a value outside is kept aside, exactly, never clamped.
struct TimeColumn: RandomAccessCollection, Sendable {
    static let base: Int64 = 946_684_800
    static let none = Int32.min
    static let aside = Int32.max

    var stored: Column<Int32> = []
    var outside: [Int: Int64] = [:]

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { stored.count }

    /// Inlinable: the queue's scan reads two of these per row for every row, from another module.
    subscript(row: Int) -> Int64 {
        get {
            let v = stored[row]
            if v > Self.none && v < Self.aside { return Int64(v) + Self.base }
            return v == Self.none ? DossierTable.none : outside[row] ?? DossierTable.none
        }
        set {
            outside[row] = nil
            stored[row] = encode(newValue, row: row)
        }
    }

    private mutating func encode(_ value: Int64, row: Int) -> Int32 {
        if value == DossierTable.none { return Self.none }
        let offset = value - Self.base
        if offset > Int64(Self.none) && offset < Int64(Self.aside) { return Int32(offset) }
        outside[row] = value
        return Self.aside
    }

    mutating func append(_ value: Int64) {
        stored.append(0)
        stored[stored.count - 1] = encode(value, row: stored.count - 1)
    }

    mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Int64 {
        for value in values { append(value) }
    }

    mutating func reserveCapacity(_ n: Int) { stored.reserveCapacity(n) }
}
