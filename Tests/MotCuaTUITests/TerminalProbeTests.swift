import Testing
import MotCuaStore
@testable import NcursesBackend
import TerminalUI

/// In the serialized headless-ncurses suite: the probe swaps ncurses' process-wide current terminal.
extension NcursesBackendTests {
    @Test func theProbeReadsTerminfoWithoutStartingAScreen() {
        let vt100 = TerminalProbe.capabilities(of: "vt100")
        #expect(vt100.lookup == .found && vt100.cursorAddressing && vt100.colors < 8)
        let dumb = TerminalProbe.capabilities(of: "dumb")
        #expect(dumb.lookup == .found && !dumb.cursorAddressing)
        let xterm = TerminalProbe.capabilities(of: "xterm-256color")
        #expect(xterm.lookup == .found && xterm.cursorAddressing && xterm.colors == 256 && xterm.missingFunctionKeys.isEmpty)
        #expect(TerminalProbe.capabilities(of: "no-such-terminal-motcua").lookup == .notFound)
    }

    @Test func whatTheProbeFoundBecomesTheDoctorsVerdict() {
        func verdict(_ term: String) -> [DoctorCheck.Status] {
            let c = TerminalProbe.capabilities(of: term)
            let facts = EnvironmentDoctor.TerminalFacts(term: term, lookup: c.lookup == .found ? .found : .notFound,
                                                        cursorAddressing: c.cursorAddressing, colors: c.colors,
                                                        missingFunctionKeys: c.missingFunctionKeys)
            return EnvironmentDoctor.terminal(facts, isTTY: true).map(\.status)
        }
        #expect(verdict("xterm-256color") == [.ok, .ok, .ok])
        #expect(verdict("vt100").prefix(2) == [.ok, .warning])      // no colours: bold and reverse instead
        #expect(verdict("dumb") == [.failure])
    }

    @Test func probingLeavesARunningScreenIntact() throws {
        let terminal = try NcursesTerminal(headless: Size(width: 10, height: 1))
        defer { terminal.shutdown() }
        _ = TerminalProbe.capabilities(of: "dumb")
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        buffer.put("Hồ sơ", x: 0, y: 0, role: .overdue)
        terminal.present(buffer)
        #expect((0..<5).map { terminal.cellAt(x: $0, y: 0).text }.joined() == "Hồ sơ")
        #expect(terminal.cellAt(x: 0, y: 0).pair == Int16(StyleRole.overdue.rawValue) + 1)
    }
}
