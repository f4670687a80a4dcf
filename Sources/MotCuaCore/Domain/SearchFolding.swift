import Foundation

/// Accent-insensitive search keys: "Nguyễn Văn Hoà" and "nguyen van hoa" fold to the same text.
///
/// Folding is a table lookup per Unicode scalar (Foundation's decompositions, written out in
/// SearchFolding+Table.swift), because Foundation's own folding costs ~17 µs per row and leaves
/// "đ" unchanged.
public enum SearchFolding {
    /// Lower case, no diacritics, đ→d; combining marks of decomposed (NFD) input are dropped too.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : scalar)
            } else if (0x300...0x36F).contains(v) {
                continue                                     // combining mark from NFD input
            } else if Int(v) < table.count, let mapped = table[Int(v)] {
                out.append(contentsOf: mapped.unicodeScalars)
            } else {
                out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(out)
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
