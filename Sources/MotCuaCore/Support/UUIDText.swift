import Foundation

extension UUID {
    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (either case) without Foundation's scanner,
    /// which is slow enough on Linux to show when opening 500,000 dossiers.
    public init?(fastString text: String) {
        var bytes = [UInt8](repeating: 0, count: 16)
        var count = 0, high: UInt8? = nil
        for c in text.utf8 {
            if c == 45 { continue }                             // '-'
            let v: UInt8
            switch c {
            case 48...57: v = c - 48
            case 97...102: v = c - 87
            case 65...70: v = c - 55
            default: return nil
            }
            if let h = high {
                guard count < 16 else { return nil }
                bytes[count] = h << 4 | v
                count += 1
                high = nil
            } else {
                high = v
            }
        }
        guard count == 16, high == nil, text.utf8.count == 36 else { return nil }
        self.init(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                         bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
