import Foundation
import Testing
@testable import MotCuaCore

/// The folding table is written out instead of derived from Foundation at start (issue 12, third
/// step): it must fold every scalar up to U+1EFF exactly as the derivation does.
@Suite("Search folding table")
struct SearchFoldingTableTests {
    /// What folding one scalar gave when the table was built from Foundation's decompositions.
    func derived(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if [0xD0, 0x110, 0x111].contains(scalar.value) { return ["d"] }
        guard scalar.properties.isAlphabetic else { return Array(String(scalar).lowercased().unicodeScalars) }
        let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }
        return Array(String(String.UnicodeScalarView(base)).lowercased().unicodeScalars)
    }

    @Test func everyScalarFoldsAsFoundationsDecompositionGives() {
        var differences: [String] = []
        for v in 0x80..<0x1F00 where !(0x300...0x36F).contains(v) {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let folded = Array(SearchFolding.fold(String(scalar)).unicodeScalars)
            if folded != derived(scalar) { differences.append(String(v, radix: 16)) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
        #expect(SearchFolding.fold("Nguyễn Thị Hoà ĐỖ Ơn Ư") == "nguyen thi hoa do on u")
    }

    /// Folding a scalar at a time, as it was done before folding went byte by byte.
    func foldedByScalars(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            out.append(contentsOf: (scalar.value < 0x80 ? String(scalar).lowercased() : SearchFolding.fold(String(scalar))).unicodeScalars)
        }
        return String(out)
    }

    @Test func textFoldsAsItsScalarsDo() {
        let texts = ["Nguyễn Thị Hoà", "ĐẶNG VĂN ĐÀO | UBND-XA-261130-0001 | 001234567890 | 0912345678",
                     "Nguye\u{0302}\u{0303}n", "İstanbul ǅ ﬃ ẞ", "Trần 😀 Ω Жжж 漢字 x\u{0301}", "", "ABC xyz 019", "\u{1EFF}\u{1F00}"]
        for text in texts {
            #expect(SearchFolding.fold(text) == foldedByScalars(text), "\(text)")
        }
    }
}
