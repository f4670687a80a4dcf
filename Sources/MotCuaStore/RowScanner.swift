/// Reads the positional JSON rows of index snapshots byte by byte: about ten times faster than
/// `JSONDecoder`, which matters when opening a store of 500,000 dossiers.
struct RowScanner {
    struct Malformed: Error {
        let offset: Int
        let expected: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var atEnd: Bool { index >= bytes.count }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
    }

    private func fail(_ what: String) -> Malformed { Malformed(offset: index, expected: what) }

    mutating func expect(_ byte: UInt8) throws(Malformed) {
        skipSpaces()
        guard index < bytes.count, bytes[index] == byte else { throw fail(String(UnicodeScalar(byte))) }
        index += 1
    }

    /// The next byte after spaces, not consumed.
    mutating func peek() -> UInt8? {
        skipSpaces()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Consumes a `,` separator if there is one.
    mutating func comma() {
        skipSpaces()
        if index < bytes.count, bytes[index] == 44 { index += 1 }
    }

    /// True (and consumed) when the current array ends here.
    mutating func endOfArray() -> Bool {
        skipSpaces()
        if index < bytes.count, bytes[index] == 93 { index += 1; return true }
        return false
    }

    mutating func isNull() -> Bool {
        skipSpaces()
        if index + 4 <= bytes.count, bytes[index] == 110, bytes[index + 1] == 117, bytes[index + 2] == 108, bytes[index + 3] == 108 {
            index += 4
            return true
        }
        return false
    }

    mutating func int() throws(Malformed) -> Int64 {
        skipSpaces()
        var negative = false
        if index < bytes.count, bytes[index] == 45 { negative = true; index += 1 }
        let start = index
        var value: Int64 = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            value = value &* 10 &+ Int64(bytes[index] - 48)
            index += 1
        }
        guard index > start else { throw fail("số") }
        return negative ? -value : value
    }

    mutating func optionalInt() throws(Malformed) -> Int64? { isNull() ? nil : try int() }

    mutating func string() throws(Malformed) -> String {
        try expect(34)
        let start = index
        var escaped = false
        while index < bytes.count, bytes[index] != 34 {
            if bytes[index] == 92 { escaped = true; index += 2 } else { index += 1 }
        }
        guard index < bytes.count else { throw fail("\"") }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        return escaped ? try Self.unescape(raw, at: start) : String(decoding: raw, as: UTF8.self)
    }

    mutating func optionalString() throws(Malformed) -> String? { isNull() ? nil : try string() }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) throws(Malformed) -> String {
        var out = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var i = 0
        func flush() {
            if !utf8.isEmpty { out.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8.removeAll() }
        }
        func hex4(_ at: Int) throws(Malformed) -> UInt32 {
            guard at + 4 <= raw.count else { throw Malformed(offset: offset + at, expected: "\\uXXXX") }
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = raw[k]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 97...102: d = UInt32(c - 87)
                case 65...70: d = UInt32(c - 55)
                default: throw Malformed(offset: offset + k, expected: "chữ số hex")
                }
                v = v << 4 | d
            }
            return v
        }
        while i < raw.count {
            let c = raw[i]
            guard c == 92, i + 1 < raw.count else { utf8.append(c); i += 1; continue }
            flush()
            switch raw[i + 1] {
            case 110: out.append("\n")
            case 114: out.append("\r")
            case 116: out.append("\t")
            case 98: out.append("\u{8}")
            case 102: out.append("\u{C}")
            case 117:
                var v = try hex4(i + 2)
                i += 4
                if (0xD800...0xDBFF).contains(v), i + 3 < raw.count, raw[i + 2] == 92, raw[i + 3] == 117 {
                    let low = try hex4(i + 4)
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            default: out.append(Unicode.Scalar(raw[i + 1]))
            }
            i += 2
        }
        flush()
        return String(out)
    }
}
