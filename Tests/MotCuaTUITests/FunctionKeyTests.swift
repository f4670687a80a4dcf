import Foundation
import Testing
@testable import NcursesBackend
import CNcursesw
import TerminalUI

/// Every sequence xterm and PuTTY send for F1…F10, in each of PuTTY's function-key modes, with the
/// F-key it is (issue 17, defect 12). PuTTY's terminal.c: ESC[n~ and VT400 send ESC[11~…ESC[15~,
/// ESC[17~…ESC[21~; Linux ESC[[A…ESC[[E for F1–F5; Xterm R6 ESC O P…ESC O S for F1–F4; VT100+
/// ESC O P…ESC O Y for F1–F10; SCO ESC[M…ESC[V.
let functionKeySequencesByMode: [(mode: String, sequences: [String])] = [
    ("ESC[n~, VT400, rxvt", ["11~", "12~", "13~", "14~", "15~", "17~", "18~", "19~", "20~", "21~"].map { "\u{1B}[" + $0 }),
    ("Linux", ["[A", "[B", "[C", "[D", "[E", "17~", "18~", "19~", "20~", "21~"].map { "\u{1B}[" + $0 }),
    ("Xterm R6", ["OP", "OQ", "OR", "OS", "[15~", "[17~", "[18~", "[19~", "[20~", "[21~"].map { "\u{1B}" + $0 }),
    ("VT100+", "PQRSTUVWXY".map { "\u{1B}O\($0)" }),
    ("SCO", "MNOPQRSTUV".map { "\u{1B}[\($0)" }),
]

/// Terminal types a PuTTY or xterm user may have, installed with ncurses-base.
let installedTerminalTypes = ["xterm-256color", "xterm", "vt100", "vt220", "linux", "screen", "tmux-256color", "rxvt", "ansi"]

extension NcursesBackendTests {
    @Test(arguments: installedTerminalTypes)
    func ncursesDecodesEveryFunctionKeySequenceAsItsFKey(term: String) throws {
        let terminal = try NcursesTerminal(headless: Size(width: 10, height: 2), term: term)
        defer { terminal.shutdown() }
        for (mode, sequences) in functionKeySequencesByMode {
            for (index, sequence) in sequences.enumerated() {
                #expect(key_defined(sequence) == nc_key_f(Int32(index + 1)),
                        "TERM=\(term), PuTTY \(mode): \(sequence.debugDescription) should be F\(index + 1), ncurses says \(key_defined(sequence))")
            }
        }
    }

    @Test(arguments: installedTerminalTypes)
    func theBytesOfEveryFunctionKeyArriveAsThatKey(term: String) throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[1]) }
        let terminal = try NcursesTerminal(headless: Size(width: 10, height: 2), term: term, input: fds[0])
        defer { terminal.shutdown() }
        while terminal.readEvent(timeoutMs: 0) != nil {}               // the resize of the headless start
        for (mode, sequences) in functionKeySequencesByMode {
            for (index, sequence) in sequences.enumerated() {
                _ = sequence.utf8CString.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, $0.count - 1) }
                #expect(terminal.readEvent(timeoutMs: 500) == .key(.function(index + 1)), "TERM=\(term), PuTTY \(mode): \(sequence.debugDescription)")
                #expect(terminal.readEvent(timeoutMs: 0) == nil, "TERM=\(term), PuTTY \(mode): \(sequence.debugDescription) left keys behind")
            }
        }
    }

    /// What `motcua doctor` reports is what ncurses decodes once motcua has defined its keys, not
    /// whether terminfo lists `kf1`…`kf10` (vt220 has no kf5, ansi none; both work).
    @Test func theProbeAsksNcursesWhatEachFunctionKeySequenceDecodesTo() {
        for term in installedTerminalTypes {
            #expect(TerminalProbe.capabilities(of: term).missingFunctionKeys == [], "TERM=\(term)")
        }
    }
}

@Suite("End to end: PuTTY's function keys", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0 && shell(["tic", "-V"]).status == 0))
struct PuttyFunctionKeyEndToEndTests {
    /// F1, F2 and F9 in every mode, under TERM=putty (whose terminfo binds ESC O P…S to keypad
    /// keys) and TERM=vt100 (whose terminfo knows neither ESC[17~… nor ESC O T…).
    @Test(arguments: ["putty", "vt100"])
    func functionKeysWorkInEveryPuttyMode(term: String) throws {
        let terminfo = try #require(PuttyTerminfo.compiled())
        defer { try? FileManager.default.removeItem(atPath: terminfo) }
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session(extra: ["TERM": term, "TERMINFO": terminfo])
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        let screens = [(0, "TRỢ GIÚP — các phím"), (1, "TIẾP NHẬN HỒ SƠ MỚI"), (8, "BÁO CÁO THEO KỲ")]
        for (mode, sequences) in functionKeySequencesByMode {
            for (index, title) in screens {
                tmux.bytes(sequences[index])
                let screen = tmux.wait(for: title, seconds: 3)
                guard screen.contains(title) else { Issue.record("TERM=\(term), PuTTY \(mode): F\(index + 1) did nothing"); continue }
                tmux.keys("Escape")
                tmux.wait(for: "Cảnh báo hạn", seconds: 3)
            }
        }
    }

    /// `motcua doctor` under TERM=putty reports the bindings it asked ncurses about.
    @Test func theDoctorReportsTheRealBindingsOfPutty() throws {
        let terminfo = try #require(PuttyTerminfo.compiled())
        defer { try? FileManager.default.removeItem(atPath: terminfo) }
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let doctor = shell([MotCuaBinary.path, "doctor"], environment: demo.env.merging(["TERM": "putty", "TERMINFO": terminfo]) { _, new in new })
        #expect(doctor.output.contains("TERM=putty: ncurses nhận đúng F1–F10 với mọi chuỗi phím PuTTY"), "\(doctor.output)")
    }
}
