import Testing
@testable import TerminalUI

@Suite("Text width, per grapheme")
struct TextWidthTests {
    @Test(arguments: [
        ("Nguyễn Văn Ánh", 14), ("Nguye\u{0302}\u{0303}n", 6), ("—", 1), ("中文", 4), ("😀", 2), ("❤️", 2),
        ("a\u{200B}b", 2), ("", 0), ("Hồ sơ quá hạn", 13),
    ])
    func widths(text: String, width: Int) {
        #expect(TextWidth.of(text) == width, "\(text)")
    }

    @Test func truncationCountsCellsNotScalars() {
        #expect(TextWidth.truncate("Nguyễn Văn Ánh", to: 8) == "Nguyễn …")
        #expect(TextWidth.truncate("中文中文", to: 5) == "中文…")
        #expect(TextWidth.truncate("ngắn", to: 10) == "ngắn")
        #expect(TextWidth.fit("ab", to: 4) == "ab  ")
        #expect(TextWidth.fit("ab", to: 4, alignRight: true) == "  ab")
    }

    @Test func wrappingBreaksAtSpacesAndSplitsLongWords() {
        #expect(TextWidth.wrap("Tiếp nhận hồ sơ mới", to: 10) == ["Tiếp nhận", "hồ sơ mới"])
        #expect(TextWidth.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWidth.wrap("a\nb", to: 4) == ["a", "b"])
    }
}

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test func textIsPlacedPerGraphemeAndWideCharactersTakeTwoCells() {
        var b = ScreenBuffer(size: Size(width: 10, height: 2))
        #expect(b.put("Ễ中x", x: 0, y: 0, role: .overdue) == 4)
        #expect(b.lines[0] == "Ễ中x      ")
        #expect(b[2, 0].isContinuation && b[1, 0].character == "中")
        #expect(b.roleMask[0] == "oooo......")
        // Overwriting half of a wide character blanks its other half.
        b.put("y", x: 2, y: 0, role: .normal)
        #expect(b.lines[0] == "Ễ yx      ")
    }

    @Test func decomposedTextTakesOneCellPerGrapheme() {
        var b = ScreenBuffer(size: Size(width: 8, height: 1))
        b.put("Nguye\u{0302}\u{0303}n", x: 0, y: 0, role: .normal)
        #expect(b.lines[0].precomposedForTest == "Nguyễn  ")
    }

    @Test func controlCharactersNeverReachTheBuffer() {
        var b = ScreenBuffer(size: Size(width: 12, height: 1))
        b.put("a\u{1B}[31mb\u{9B}", x: 0, y: 0, role: .normal)
        #expect(!b.lines[0].unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
        #expect(b.lines[0].hasPrefix("a\u{FFFD}[31mb\u{FFFD}"))
    }

    /// Text cut at the edge or at `maxWidth` ends with "…" (issue 17 #14: cut text must say so).
    @Test func writingStopsAtTheEdgeAndAtMaxWidth() {
        var b = ScreenBuffer(size: Size(width: 5, height: 1))
        #expect(b.put("abcdefg", x: 2, y: 0, role: .normal) == 3)
        #expect(b.lines[0] == "  ab…")
        #expect(b.put("中", x: 4, y: 0, role: .normal) == 1)                // no room for a wide character: "…"
        #expect(b.put("xyz", x: 0, y: 0, role: .normal, maxWidth: 2) == 2)
        #expect(b.lines[0] == "x…ab…")
        #expect(b.put("ab", x: 0, y: 0, role: .normal, maxWidth: 2) == 2)  // what fits is not marked
        #expect(b.lines[0].hasPrefix("ab"))
    }

    @Test func boxesUseUnicodeOrASCII() {
        var b = ScreenBuffer(size: Size(width: 6, height: 3))
        b.frame(Rect(x: 0, y: 0, width: 6, height: 3), role: .border)
        #expect(b.lines == ["┌────┐", "│    │", "└────┘"])
        b.asciiOnly = true
        b.frame(Rect(x: 0, y: 0, width: 6, height: 3), role: .border)
        #expect(b.lines == ["+----+", "|    |", "+----+"])
    }
}

@Suite("Text fields are IME-safe")
struct TextFieldTests {
    @Test func backspaceDeletesOneCharacterWhateverItsScalars() {
        var f = TextField()
        f.insert("Nguyễn")
        f.backspace()
        #expect(f.text == "Nguyễ")
        f.backspace()
        #expect(f.text == "Nguy")
    }

    @Test func aCombiningMarkTypedAloneJoinsThePreviousLetterAndTheValueIsNFC() {
        var f = TextField()
        for key in ["e", "\u{0302}", "\u{0323}"] { f.insert(Character(key)) }
        #expect(f.characters.count == 1)
        #expect(f.text == "ệ")
        #expect(f.text.unicodeScalars.count == 1)
    }

    @Test func telexStyleReplacementWorks() {
        // Unikey sends: 'a', then Backspace + 'â' when the user types the second 'a'.
        var f = TextField()
        f.handle(.character("a"))
        f.handle(.backspace)
        f.handle(.character("â"))
        #expect(f.text == "â")
    }

    @Test func editingKeysMoveAndDelete() {
        var f = TextField("abc")
        f.handle(.home)
        f.handle(.delete)
        f.handle(.end)
        f.handle(.left)
        f.handle(.character("X"))
        #expect(f.text == "bXc")
        f.handle(.control("u"))
        #expect(f.isEmpty)
        #expect(f.handle(.enter) == false)
    }

    @Test func theVisiblePartFollowsTheCursor() {
        let f = TextField("0123456789")
        let v = f.visible(width: 5)
        #expect(v.text == "6789" && v.cursorColumn == 4)
    }
}

extension String {
    var precomposedForTest: String { String(self.map { $0 }) }
}
