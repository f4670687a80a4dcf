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
}
