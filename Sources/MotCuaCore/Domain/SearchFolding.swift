import Foundation

/// Accent-insensitive search keys: "Nguyễn Văn Hoà" and "nguyen van hoa" fold to the same text.
///
/// Folding is a table lookup per Unicode scalar (Foundation's decompositions, written out in
/// SearchFolding+Table.swift), because Foundation's own folding costs ~17 µs per row and leaves
/// "đ" unchanged.
public enum SearchFolding {
    /// Lower case, no diacritics, đ→d; combining marks of decomposed (NFD) input are dropped too.
    /// Into UTF-8 bytes: ASCII and the letters that fold to one ASCII letter (all of Vietnamese)
    /// by table, without building the text a scalar at a time (a check folds 500,000 keys).
    public static func fold(_ text: String) -> String {
        let asciiFold = Self.asciiFold
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v < 0x80 {
                out.append(UInt8(v) &+ (v >= 65 && v <= 90 ? 32 : 0))
            } else if v >= 0x300 && v <= 0x36F {
                continue                                                     // combining mark from NFD input
            } else if v < asciiFold.count, asciiFold[v] != 0 {
                out.append(asciiFold[v])
            } else {
                out.append(contentsOf: foldedText(scalar).utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A scalar that does not fold to one ASCII letter (rare: other scripts, ligatures).
    private static func foldedText(_ scalar: Unicode.Scalar) -> String {
        if Int(scalar.value) < table.count, let mapped = table[Int(scalar.value)] { return mapped }
        return String(scalar).lowercased()
    }

    /// The folded ASCII byte of each scalar of the table that folds to one ASCII byte; 0 for the
    /// others (their lower case, looked up when met: deriving it for every scalar here would cost
    /// every command's start).
    private static let asciiFold: [UInt8] = table.map { mapped -> UInt8 in
        guard let mapped, mapped.utf8.count == 1, let byte = mapped.utf8.first, byte < 0x80 else { return 0 }
        return byte
    }

    /// The folded words of a query.
    public static func terms(_ query: String) -> [String] {
        fold(query).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Scalar → folded text for the blocks up to U+1EFF (nil: its lower case, which is what
    /// stripping the marks of a scalar without a decomposition gives).
    private static let table: [String?] = {
        var table = [String?](repeating: nil, count: 0x1F00)
        for entry in decomposedLetters.split(whereSeparator: { $0 == "," || $0 == "\n" }) {
            let parts = entry.split(separator: ":")
            guard parts.count == 2, let v = Int(parts[0].filter { !$0.isWhitespace }, radix: 16) else { continue }
            let scalars = parts[1].split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
            table[v] = String(String.UnicodeScalarView(scalars))
        }
        table[0xD0] = "d"    // Đ (Latin Eth shape used for Vietnamese Đ in some input)
        table[0x110] = "d"   // Đ
        table[0x111] = "d"   // đ
        return table
    }()
}
