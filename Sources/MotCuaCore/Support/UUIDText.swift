import Foundation

extension UUID {
    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (either case) without Foundation's scanner,
    /// which is slow enough on Linux to show when opening 500,000 dossiers, and without allocating
    /// (a full check parses one per journal line).
    public init?(fastString text: String) {
        var text = text
        guard let uuid = text.withUTF8(Self.parse) else { return nil }
        self.init(uuid: uuid)
    }

    /// 36 bytes holding 32 hex digits (the dashes are not checked for place, as before).
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard bytes.count == 36 else { return nil }
        if let uuid = parseCanonical(bytes) { return uuid }
        var high: UInt64 = 0, low: UInt64 = 0, digits = 0
        for c in bytes {
            if c == 45 { continue }                             // '-'
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            case 65...70: v = c - 55
            default: return nil
            }
            guard digits < 32 else { return nil }
            if digits < 16 { high = high << 4 | UInt64(v) } else { low = low << 4 | UInt64(v) }
            digits += 1
        }
        guard digits == 32 else { return nil }
        return unsafeBitCast((high.bigEndian, low.bigEndian), to: uuid_t.self)
    }

    /// The usual 8-4-4-4-12 shape, digit by digit from a table.
    private static func parseCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard bytes[8] == 45, bytes[13] == 45, bytes[18] == 45, bytes[23] == 45 else { return nil }
        var words: (UInt64, UInt64) = (0, 0), bad: UInt8 = 0
        let positions = hexPositions, table = hexValue
        for (i, position) in positions.enumerated() {
            let v = table[Int(bytes[Int(position)])]
            bad |= v
            if i < 16 { words.0 = words.0 << 4 | UInt64(v) } else { words.1 = words.1 << 4 | UInt64(v) }
        }
        return bad & 0xF0 == 0 ? unsafeBitCast((words.0.bigEndian, words.1.bigEndian), to: uuid_t.self) : nil
    }

    /// Where the 32 digits of the usual shape are.
    private static let hexPositions: [UInt8] = (0..<36).filter { ![8, 13, 18, 23].contains($0) }.map(UInt8.init)

    /// Each byte's hex value, 0xFF for a byte that is not a hex digit.
    private static let hexValue: [UInt8] = (0..<256).map { c -> UInt8 in
        switch c {
        case 48...57: return UInt8(c - 48)
        case 97...102: return UInt8(c - 87)
        case 65...70: return UInt8(c - 55)
        default: return 0xFF
        }
    }
}
