import Foundation
import Testing

/// The real `motcua` executable, built next to the test bundle.
enum MotCuaBinary {
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["MOTCUA_BIN"] { return explicit }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("motcua").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug/motcua").path
    }()
}

/// Runs a command and returns its status and output. `detached` commands (a tmux server) would keep
/// the pipe open forever, so their output goes to /dev/null instead.
@discardableResult
func shell(_ arguments: [String], environment: [String: String] = [:], detached: Bool = false) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    if detached {
        // A daemon (the tmux server) inherits the descriptor Foundation watches to learn that its
        // child exited, so waiting would never end: start it and let the caller poll instead.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "\(error)") }
        return (0, "")
    }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (-1, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The app in a real terminal emulator: a private tmux server, keys sent, screens captured.
final class TmuxSession {
    let socket = "motcua-test-\(UUID().uuidString.prefix(8))"
    let environment: [String: String]

    init(width: Int, height: Int, command: String, environment: [String: String]) throws {
        self.environment = environment
        var args = ["tmux", "-L", socket, "-u", "-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", "\(width)", "-y", "\(height)"]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        shell(args, detached: true)
        let deadline = Date().addingTimeInterval(10)
        while shell(["tmux", "-L", socket, "has-session", "-t", "app"]).status != 0 {
            guard Date() < deadline else { throw TmuxError(output: "the tmux session did not start") }
            usleep(50_000)
        }
        shell(["tmux", "-L", socket, "set-option", "-t", "app", "remain-on-exit", "on"])
    }

    struct TmuxError: Error { let output: String }

    func keys(_ keys: String...) { self.keys(keys) }
    func keys(_ keys: [String]) { shell(["tmux", "-L", socket, "send-keys", "-t", "app"] + keys) }
    func type(_ text: String) { shell(["tmux", "-L", socket, "send-keys", "-t", "app", "-l", text]) }
    func resize(_ width: Int, _ height: Int) { shell(["tmux", "-L", socket, "resize-window", "-t", "app", "-x", "\(width)", "-y", "\(height)"]) }
    func screen(colours: Bool = false) -> String {
        shell(["tmux", "-L", socket, "capture-pane", "-p", "-t", "app"] + (colours ? ["-e"] : [])).output
    }
    func display(_ format: String) -> String {
        shell(["tmux", "-L", socket, "display-message", "-p", "-t", "app", format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    var pid: Int32 { Int32(display("#{pane_pid}")) ?? 0 }

    /// Polls the screen until `text` shows (or the time runs out); returns the last screen.
    @discardableResult
    func wait(for text: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        Issue.record("\"\(text)\" did not appear within \(seconds) s. Screen:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    func close() { shell(["tmux", "-L", socket, "kill-server"]) }
}

/// A demo store created once per test with a fixed clock, so screens are reproducible.
struct DemoFixture {
    let directory: String
    static let now = "2026-11-30T10:00:00+07:00"
    // NO_COLOR is set empty: the test runner may export it, and an empty value means colours are allowed.
    var env: [String: String] { ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "MOTCUA_NOW": DemoFixture.now, "MOTCUA_USER": "lan", "NO_COLOR": "",
                                 "TERM": "xterm-256color", "SWIFT_BACKTRACE": "enable=no", "MOTCUA_DATA": directory] }

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-e2e-\(UUID().uuidString.prefix(8))").path
        let created = shell([MotCuaBinary.path, "demo", "--data", directory, "--no-tui", "--dossiers", "150"],
                            environment: ["MOTCUA_NOW": DemoFixture.now, "MOTCUA_USER": "admin"])
        #expect(created.status == 0, "\(created.output)")
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: directory) }

    func session(width: Int = 80, height: Int = 24, extra: [String: String] = [:]) throws -> TmuxSession {
        // tmux sets TERM for its panes itself, so a different TERM is set on the command line.
        let term = extra["TERM"].map { "env TERM=\($0) " } ?? ""
        return try TmuxSession(width: width, height: height, command: "\(term)\(MotCuaBinary.path) tui",
                               environment: env.merging(extra) { _, new in new })
    }
}

@Suite("End to end: the real binary in tmux", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct EndToEndTests {
    @Test func theThreePanesAndARedOverdueRowShowAt80x24() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        let screen = tmux.wait(for: "Cảnh báo hạn")
        #expect(screen.contains("Tất cả") && screen.contains("Chi tiết") && screen.contains("F1Giúp"))
        let coloured = tmux.screen(colours: true).split(separator: "\n")
        let overdueLine = coloured.first { $0.contains("trễ") && $0.contains("!!") }
        #expect(overdueLine?.contains("31m") == true, "the overdue row should be red: \(overdueLine ?? "none")")
        #expect(screen.split(separator: "\n").count <= 24)
    }

    @Test func aDossierReceivedWithAVietnameseNameIsStoredAsNFC() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("F2")
        tmux.wait(for: "TIẾP NHẬN HỒ SƠ MỚI")
        tmux.type("xac nhan hon nhan")
        tmux.wait(for: "1.004873")
        tmux.keys("Enter")
        tmux.type("Nguye\u{0302}\u{0303}n Thị Ngọc Ánh")              // typed decomposed
        tmux.keys("Tab")
        tmux.type("046190001234")
        tmux.keys("Tab")
        tmux.type("0912345678")
        tmux.keys("F2")
        tmux.wait(for: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
        let listed = shell([MotCuaBinary.path, "list", "--json", "--search", "ngoc anh"], environment: demo.env)
        #expect(listed.output.contains("\"name\":\"Nguyễn Thị Ngọc Ánh\""), "\(listed.output.prefix(300))")
        let journal = try FileManager.default.contentsOfDirectory(atPath: demo.directory + "/journal").filter { $0.hasSuffix(".jsonl") }
        let text = try journal.map { try String(contentsOfFile: demo.directory + "/journal/" + $0, encoding: .utf8) }.joined()
        #expect(text.contains("Nguyễn Thị Ngọc Ánh") && !text.contains("Nguye\u{0302}"))
    }

    @Test func resizingShowsTheTooSmallScreenAndRecovers() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.resize(120, 40)
        tmux.wait(for: "Bính Ngọ")                                   // the wide header names the lunar year
        tmux.resize(70, 20)
        tmux.wait(for: "Cửa sổ quá nhỏ (cần 80×24)")
        tmux.resize(80, 24)
        let screen = tmux.wait(for: "Cảnh báo hạn")
        #expect(!screen.contains("quá nhỏ"))
    }

    @Test(arguments: [["TERM": "vt100"], ["NO_COLOR": "1"]])
    func monochromeTerminalsStillShowTheMarkers(extra: [String: String]) throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session(extra: extra)
        defer { tmux.close() }
        let screen = tmux.wait(for: "Cảnh báo hạn")
        #expect(screen.contains("!! ") && screen.contains("trễ"))
        let coloured = tmux.screen(colours: true)
        #expect(!coloured.contains("[31m") && !coloured.contains("[41m"), "no colour expected with \(extra)")
        #expect(coloured.contains("[7m") || coloured.contains(";7m"), "reverse video marks the selection")
    }

    @Test func anotherClerksChangeAppearsWithinASecond() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("/")
        tmux.type("Quách")
        tmux.wait(for: "Không có hồ sơ khớp")
        let received = shell([MotCuaBinary.path, "receive", "--procedure", "2.000815", "--name", "Quách Thị Xuyến",
                              "--id", "046190002222", "--phone", "0987654321"], environment: demo.env)
        #expect(received.status == 0, "\(received.output)")
        let start = Date()
        tmux.wait(for: "Quách Thị Xuyến", seconds: 3)
        #expect(Date().timeIntervalSince(start) < 1.5)
    }

    @Test func aHangUpDuringAnUnsavedFormKeepsTheDraftAndRestoresTheTerminal() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        #expect(tmux.display("#{alternate_on}") == "1")
        tmux.keys("F2")
        tmux.wait(for: "TIẾP NHẬN HỒ SƠ MỚI")
        tmux.type("khai sinh")
        tmux.keys("Enter")
        tmux.type("Đặng Văn Nháp")
        tmux.wait(for: "Đặng Văn Nháp")
        kill(-tmux.pid, SIGHUP)                                     // the whole pane's process group, as a dropped SSH link does
        let deadline = Date().addingTimeInterval(5)
        while tmux.display("#{pane_dead}") != "1" && Date() < deadline { usleep(50_000) }
        #expect(tmux.display("#{pane_dead}") == "1")
        #expect(tmux.display("#{alternate_on} #{cursor_flag}") == "0 1", "terminal restored")
        let draft = try String(contentsOfFile: demo.directory + "/drafts/lan.json", encoding: .utf8)
        #expect(draft.contains("Đặng Văn Nháp"))
        let again = try demo.session()
        defer { again.close() }
        again.wait(for: "Bản nháp chưa lưu")
        again.keys("Enter")
        again.wait(for: "Đặng Văn Nháp")
    }
}
