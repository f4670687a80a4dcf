#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import MotCuaCore
import MotCuaDesk

/// The interactive lookup: plain lines, so it works on any terminal (TERM=vt100, a serial
/// kiosk, an SSH session) with no terminfo. Asks for the code and the secret, shows the public
/// view, and starts again for the next citizen; the screen is cleared after each answer and
/// after two idle minutes, so the next person does not read the last one's dossier. Ctrl-D
/// (or Ctrl-C) ends it. What was typed is never printed back: the terminal's own echo shows it.
struct LookupPrompt {
    let lookup: PublicLookup
    let source: String
    /// Lines longer than this are read to their end and dropped: no code or secret is that long.
    static let maxLine = 256
    static let idleSeconds: Int32 = 120

    func run() {
        let interactive = isatty(1) != 0
        while true {
            if interactive { clearScreen() }
            print("TRA CỨU TIẾN ĐỘ HỒ SƠ — \(lookup.centreName)")
            print("Nhập mã hồ sơ và mã tra cứu in trên giấy tiếp nhận. Ctrl-D để thoát.\n")
            guard let code = ask("Mã hồ sơ: ") else { return }
            if code.isEmpty { continue }
            guard let secret = ask("Mã tra cứu: ") else { return }
            print("")
            switch lookup.answer(code: code, secret: secret, source: source) {
            case .found(let view): print(view.lines.joined(separator: "\n"))
            case .notFound: print(LookupCommand.notFoundText)
            case .lockedOut(let minutes): print(LookupCommand.lockedOutText(minutes))
            case .unreadable: print(LookupCommand.unreadableText)
            }
            print("")
            guard ask("Nhấn Enter để tra cứu hồ sơ khác.") != nil else { return }
        }
    }

    /// One line of input (NFC, without its newline); nil at end of input. An idle terminal is
    /// cleared and asked again.
    private func ask(_ prompt: String) -> String? {
        while true {
            print(prompt, terminator: "")
            fflush(stdout)
            switch Self.readLine(timeoutSeconds: isatty(0) != 0 ? Self.idleSeconds : -1) {
            case .line(let text): return text
            case .end: print(""); return nil
            case .idle:
                if isatty(1) != 0 { clearScreen() }
                print("")
            }
        }
    }

    private func clearScreen() {
        // Home and erase: understood by vt100 and every terminal since.
        Swift.print("\u{1B}[H\u{1B}[2J", terminator: "")
    }

    enum Read { case line(String), end, idle }

    /// Reads up to a newline from stdin byte by byte (the terminal sends a line at a time), keeping
    /// at most `maxLine` bytes; invalid UTF-8 becomes U+FFFD and simply matches nothing.
    static func readLine(timeoutSeconds: Int32) -> Read {
        var bytes: [UInt8] = []
        var started = false
        while true {
            if !started, timeoutSeconds > 0 {
                var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
                let ready = poll(&fds, 1, timeoutSeconds * 1000)
                if ready == 0 { return .idle }
                if ready < 0 && errno == EINTR { continue }
            }
            var byte: UInt8 = 0
            let n = Glibc.read(0, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return started ? .line(decode(bytes)) : .end }
            started = true
            if byte == 10 { return .line(decode(bytes)) }
            if bytes.count < maxLine { bytes.append(byte) }
        }
    }

    private static func decode(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text.precomposedStringWithCanonicalMapping
    }
}
