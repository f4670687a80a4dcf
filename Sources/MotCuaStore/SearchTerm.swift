import MotCuaCore

/// One folded word of a filter, with the byte classes it needs.
struct SearchTerm: Sendable {
    public let bytes: [UInt8]
    let mask: UInt64

    public init(_ folded: String) {
        bytes = Array(folded.utf8)
        mask = Self.mask(of: bytes)
    }

    /// One letter or digit (its own mask bit), or two letters with their own pair bit: a row has
    /// the term exactly when it has the bit, so its key need not be read.
    var decidedByMasks: Bool {
        switch bytes.count {
        case 1: return Self.isLetter(bytes[0]) || Self.isDigit(bytes[0])
        case 2: return Self.isLetter(bytes[0]) && Self.isLetter(bytes[1]) && Self.pairBits[Self.pairNumber(bytes[0], bytes[1])] < Self.exactPairs.count
        default: return false
        }
    }

    static func terms(_ filter: String) -> [SearchTerm] { SearchFolding.terms(filter).map(SearchTerm.init) }

    /// One bit per letter and digit, the rest of the bytes sharing 28 bits: a row lacking any
    /// bit of a term cannot contain it; a one-letter term is decided by the mask alone.
    static func mask<S: Sequence>(of bytes: S) -> UInt64 where S.Element == UInt8 {
        var mask: UInt64 = 0
        for b in bytes {
            switch b {
            case 97...122: mask |= 1 << UInt64(b - 97)
            case 48...57: mask |= 1 << UInt64(26 + b - 48)
            default: mask |= 1 << UInt64(36 + b % 28)
            }
        }
        return mask
    }

    /// The letter pairs most frequent in Vietnamese names (folded), counted over generated
    /// desks: each has its own bit. "ng" is in two names out of three, so a typed "ng" would
    /// otherwise read nearly every key.
    static let exactPairs = ["ng", "an", "nh", "on", "th", "ha", "hu", "uy", "ho", "ph", "tr", "oa", "uo", "hi", "ye", "en",
                             "in", "go", "du", "ua", "gu", "oc", "va", "ra", "di", "ie", "le", "qu", "un", "uu", "bi", "ch",
                             "uc", "eu", "to", "da", "am", "ai", "ic", "xu", "ki", "im", "co", "mi", "do", "nu", "lo", "vu",
                             "vi", "vo", "ly", "yn", "ga", "bu", "ui", "lu", "ro", "ru"]

    /// The bit of each of the 676 letter pairs: its own for `exactPairs`, else one of the last six, hashed.
    static let pairBits: [UInt8] = {
        let shared = 64 - exactPairs.count
        var bits = (0..<676).map { UInt8(exactPairs.count + Int((UInt32($0) &* 0x9E37_79B1) >> 16) % shared) }
        for (i, pair) in exactPairs.enumerated() {
            let b = Array(pair.utf8)
            bits[pairNumber(b[0], b[1])] = UInt8(i)
        }
        return bits
    }()

    static func isLetter(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func pairNumber(_ a: UInt8, _ b: UInt8) -> Int { Int(a - 97) * 26 + Int(b - 97) }

    /// Adjacent letter pairs ("ng", "uy") as bits: a name has a dozen, so a row lacking a pair of
    /// "nguyen" is rejected without reading its key.
    static func pairs<S: Sequence>(of bytes: S) -> UInt64 where S.Element == UInt8 {
        var mask: UInt64 = 0
        var previous: UInt8 = 0
        for b in bytes {
            if isLetter(previous) && isLetter(b) { mask |= 1 << UInt64(pairBits[pairNumber(previous, b)]) }
            previous = b
        }
        return mask
    }

    /// Substring search in a short key (tens of bytes: a plain loop beats calling memchr per row).
    /// Compares two bytes at a time: in Vietnamese keys the first letter alone ("n") matches too often.
    static func occurs(_ needle: UnsafePointer<UInt8>, _ n: Int, in key: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard n > 0 else { return true }
        guard length >= n else { return false }
        let last = length - n
        var i = 0
        guard n > 1 else {
            while i <= last { if key[i] == needle[0] { return true }; i += 1 }
            return false
        }
        let head = UnsafeRawPointer(needle).loadUnaligned(as: UInt16.self)
        let bytes = UnsafeRawPointer(key)
        while i <= last {
            if bytes.loadUnaligned(fromByteOffset: i, as: UInt16.self) == head {
                var j = 2
                while j < n && key[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }

    /// `occurs` for a needle and a key held as buffers (the command line's scans of loaded and mapped rows).
    static func occurs(_ needle: [UInt8], in key: UnsafeRawBufferPointer) -> Bool {
        needle.withUnsafeBufferPointer { needle in
            guard let n = needle.baseAddress else { return true }
            guard let k = key.baseAddress else { return false }
            return occurs(n, needle.count, in: k.assumingMemoryBound(to: UInt8.self), key.count)
        }
    }
}
