import Foundation
import Testing
@testable import NcursesBackend
import CNcursesw
import TerminalUI

/// ncurses on /dev/null (tig's trick): what we present is read back cell by cell. ncurses state
/// is process-wide, so these run one at a time.
@Suite("ncurses backend, headless", .serialized)
struct NcursesBackendTests {
    @Test func cellsAreReadBackWithTheirGraphemeAndColourPair() throws {
        let terminal = try NcursesTerminal(headless: Size(width: 20, height: 3))
        defer { terminal.shutdown() }
        #expect(terminal.hasColor)
        var buffer = ScreenBuffer(size: Size(width: 20, height: 3))
        buffer.put("Hồ sơ quá hạn", x: 0, y: 0, role: .overdue)
        buffer.put("Nguye\u{0302}\u{0303}n 中", x: 0, y: 1, role: .normal)
        terminal.present(buffer)
        let text = (0..<13).map { terminal.cellAt(x: $0, y: 0).text }.joined()
        #expect(text == "Hồ sơ quá hạn")
        #expect(terminal.cellAt(x: 0, y: 0).pair == Int16(StyleRole.overdue.rawValue) + 1)
        #expect(terminal.cellAt(x: 4, y: 1).text.precomposedStringWithCanonicalMapping == "ễ")
        #expect(terminal.cellAt(x: 7, y: 1).text == "中")
    }

    @Test func aMonochromeTerminalGetsAttributesInsteadOfColours() throws {
        let terminal = try NcursesTerminal(headless: Size(width: 10, height: 1), term: "vt100")
        defer { terminal.shutdown() }
        #expect(!terminal.hasColor)
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        buffer.put("!!", x: 0, y: 0, role: .overdue)
        terminal.present(buffer)
        let cell = terminal.cellAt(x: 0, y: 0)
        #expect(cell.pair == 0)
        #expect(cell.attributes & nc_a_bold() != 0 && cell.attributes & nc_a_reverse() != 0)
    }

    @Test func keysAreDecoded() throws {
        let terminal = try NcursesTerminal(headless: Size(width: 10, height: 2))
        defer { terminal.shutdown() }
        while terminal.readEvent(timeoutMs: 0) != nil {}               // the resize of the headless start
        let cases: [(Int32?, UInt32?, Key)] = [
            (KEY_UP, nil, .up), (nc_key_f(5), nil, .function(5)), (KEY_BTAB, nil, .backTab), (KEY_BACKSPACE, nil, .backspace),
            (nil, 0x1EC7, .character("ệ")), (nil, 127, .backspace), (nil, 8, .backspace), (nil, 27, .escape),
            (nil, 13, .enter), (nil, 9, .tab), (nil, 15, .control("o")), (nil, 0x20, .character(" ")),
        ]
        for (code, char, expected) in cases {
            if let code { terminal.inject(keyCode: code) }
            if let char { terminal.inject(character: char) }
            #expect(terminal.readEvent(timeoutMs: 10) == .key(expected), "\(expected)")
        }
        #expect(terminal.readEvent(timeoutMs: 10) == nil)
    }

    @Test func ourWidthsAgreeWithTheSystemWcwidth() throws {
        let terminal = try NcursesTerminal(headless: Size(width: 10, height: 1))
        defer { terminal.shutdown() }
        let alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬỀẾỂỄỆỒỐỔỖỘỜỚỞỠỢỪỨỬỮỰỲÝỶỸỴĐ—…–·│─┌中文한😀"
        for c in alphabet {
            let scalar = c.unicodeScalars.first!
            #expect(TextWidth.of(c) == NcursesTerminal.systemWidth(scalar), "\(c) U+\(String(scalar.value, radix: 16))")
        }
        #expect(NcursesTerminal.systemWidth("\u{0302}") == 0)
    }
}

