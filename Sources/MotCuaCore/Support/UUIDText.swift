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

    /// 36 bytes holding 32 hex digits (the dashes are not checked for place, as before), each
    /// digit's value from a table.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard bytes.count == 36 else { return nil }
        let table = hexValue
        var high: UInt64 = 0, low: UInt64 = 0, digits = 0
        for c in bytes where c != 45 {                          // '-'
            let v = table[Int(c)]
            guard v != 0xFF, digits < 32 else { return nil }
            if digits < 16 { high = high << 4 | UInt64(v) } else { low = low << 4 | UInt64(v) }
            digits += 1
        }
        guard digits == 32 else { return nil }
        return unsafeBitCast((high.bigEndian, low.bigEndian), to: uuid_t.self)
    }

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
