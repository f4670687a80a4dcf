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
    if detached { return (spawnDaemon(arguments, environment: env), "") }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (-1, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Starts a daemon (the tmux server) with the terminating signals and SIGCHLD unblocked and at
/// their default action. A test runs on a Dispatch thread that blocks them, Foundation's `Process`
/// passes that mask on, and a tmux server started with it never reaps its pane nor obeys
/// `kill-server`: it would outlive the tests. Returns the status of the tmux client, which exits
/// once its server runs.
func spawnDaemon(_ arguments: [String], environment: [String: String]) -> Int32 {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), reset = sigset_t()
    sigemptyset(&none)
    sigemptyset(&reset)
    for sig in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGCHLD, SIGPIPE, SIGWINCH] { sigaddset(&reset, sig) }
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &reset)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in 0...2 { posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_RDWR, 0) }
    let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp) == 0 else { return -1 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return status
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
        shell(["tmux", "-L", socket, "pipe-pane", "-t", "app", "cat > '\(outputPath)'"])
    }

    /// Everything the app writes to its terminal from just after the start.
    var outputPath: String { FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).out").path }

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

    /// Whether the app's last words to the terminal showed the cursor and left the alternate
    /// screen, read from the pane's recorded output and tmux's state. (tmux's own cursor flag is
    /// not used: when it learns of the exit before parsing the last bytes it can keep a stale one.)
    func restoredAtExit() -> Bool {
        let deadline = Date().addingTimeInterval(3)
        while true {
            let output = (try? String(contentsOfFile: outputPath, encoding: .isoLatin1)) ?? ""
            func last(_ sequence: String) -> String.Index? { output.range(of: sequence, options: .backwards)?.lowerBound }
            let shown = last("\u{1B}[?25h").map { show in last("\u{1B}[?25l").map { $0 < show } ?? true } ?? false
            let leftAlternate = last("\u{1B}[?1049l").map { leave in last("\u{1B}[?1049h").map { $0 < leave } ?? true } ?? false
            if shown && leftAlternate && display("#{alternate_on}") == "0" { return true }
            guard Date() < deadline else { return false }
            usleep(50_000)
        }
    }

    /// How the app ended: "status 0", "signal 11", or nil while it runs. tmux marks the pane
    /// dead when the terminal closes and learns the status only when it reaps the child; tmux 3.3a
    /// sometimes never reaps it (the app stays a zombie for good), so the zombie's own exit code
    /// in /proc is read then.
    func exitOutcome(within seconds: Double = 5) -> String? {
        let app = pid
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let state = display("#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}").split(separator: "|", omittingEmptySubsequences: false)
            if state.count == 3, state[0] == "1" {
                if !state[1].isEmpty { return "status \(state[1])" }
                if !state[2].isEmpty { return "signal \(state[2])" }
                if let code = Self.zombieExitCode(app) { return code & 0x7f == 0 ? "status \(code >> 8)" : "signal \(code & 0x7f)" }
            }
            usleep(20_000)
        }
        return nil
    }

    /// A zombie's wait status (proc(5) field 52, `exit_code`); nil unless `pid` is a zombie.
    private static func zombieExitCode(_ pid: Int32) -> Int32? {
        guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.range(of: ")", options: .backwards) else { return nil }
        let fields = stat[close.upperBound...].split(separator: " ")   // fields[0] is field 3, the state
        guard fields.first == "Z", fields.count >= 50 else { return nil }
        return Int32(fields[49].trimmingCharacters(in: .whitespacesAndNewlines))
    }

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

    /// Ends the session and waits for the app to be gone: on its way out it may still write
    /// (a draft, an index snapshot) into the store the test is about to remove.
    func close() {
        let app = display("#{pane_dead}") == "1" ? 0 : pid
        shell(["tmux", "-L", socket, "kill-server"])
        let deadline = Date().addingTimeInterval(5)
        while app > 0 && isRunning(app) && Date() < deadline { usleep(20_000) }
        try? FileManager.default.removeItem(atPath: outputPath)
    }

    /// Alive and not a zombie (a container's init may never reap an orphan).
    private func isRunning(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
    }
}

/// A demo store created once per test with a fixed clock, so screens are reproducible.
struct DemoFixture {
    let directory: String
    static let now = "2026-11-30T10:00:00+07:00"
    // NO_COLOR is set empty: the test runner may export it, and an empty value means colours are allowed.
    var env: [String: String] { ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "MOTCUA_NOW": DemoFixture.now, "MOTCUA_USER": "lan", "NO_COLOR": "",
                                 "TERM": "xterm-256color", "SWIFT_BACKTRACE": "enable=no", "MOTCUA_DATA": directory] }

    init(dossiers: Int = 150) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-e2e-\(UUID().uuidString.prefix(8))").path
        let created = shell([MotCuaBinary.path, "demo", "--data", directory, "--no-tui", "--dossiers", "\(dossiers)"],
                            environment: ["MOTCUA_NOW": DemoFixture.now, "MOTCUA_USER": "admin"])
        #expect(created.status == 0, "\(created.output)")
    }

    func cleanup() {
        // A file written meanwhile makes one removal fail with "not empty": try again.
        for _ in 0..<5 where FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.removeItem(atPath: directory)
            usleep(50_000)
        }
    }

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
        // The selection covers the mark and the code (defect 15); the other overdue rows' marks are red.
        let overdueLines = coloured.filter { $0.contains("trễ") && $0.contains("!!") }
        #expect(overdueLines.contains { $0.contains("31m") }, "the overdue marks should be red: \(overdueLines)")
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

    @Test func anEscThatClearedTheFilterLeavesTwoMeaningViewTwo() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("/")
        tmux.type("tran")
        tmux.wait(for: "lọc: tran")
        tmux.keys("Enter")
        tmux.wait(for: "(/ sửa, Esc xóa)")
        tmux.keys("Escape")                                          // clears the kept filter
        tmux.wait(for: "sắp theo hạn trả")
        tmux.keys("2")
        let screen = tmux.wait(for: "─ Đang xử lý (")
        #expect(!screen.contains("TIẾP NHẬN HỒ SƠ MỚI"), "2 after that Esc opened the intake form:\n\(screen)")
    }

    @Test func theEscPrefixLapsesAfterASecondOrTwo() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("Escape")
        tmux.wait(for: "Esc: bấm một số 1–9, 0")
        usleep(2_500_000)
        #expect(!tmux.screen().contains("Esc: bấm một số"), "the prefix should have lapsed")
        tmux.keys("5")
        let screen = tmux.wait(for: "─ Quá hạn (")
        #expect(!screen.contains("Không thể trả kết quả") && !screen.contains("Trả kết quả —"), "5 acted as F5:\n\(screen)")
    }

    @Test func qInAHalfTypedIntakeIsTextWhileTheWindowIsTooSmall() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("F2")
        tmux.wait(for: "TIẾP NHẬN HỒ SƠ MỚI")
        tmux.type("khai tu")
        tmux.wait(for: "thủ tục khớp")
        tmux.keys("Enter")
        tmux.type("Đặng Văn ")
        tmux.wait(for: "Đặng Văn")
        tmux.resize(70, 20)
        tmux.wait(for: "hồ sơ đang nhập vẫn giữ nguyên")
        tmux.type("q")
        usleep(300_000)
        #expect(tmux.display("#{pane_dead}") == "0", "q quit the app from a half-typed intake")
        tmux.resize(80, 24)
        tmux.wait(for: "Đặng Văn q")
    }

    @Test func aNewFilterSelectsItsFirstMatch() throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let tmux = try demo.session()
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("End")
        tmux.wait(for: "150/150")
        tmux.keys("/")
        tmux.type("ngoc")
        tmux.wait(for: "lọc: ngoc")
        tmux.keys("Enter")
        tmux.wait(for: "(/ sửa, Esc xóa)")
        let lines = tmux.screen(colours: true).split(separator: "\n", omittingEmptySubsequences: false)
        let selected = lines.indices.filter { lines[$0].contains("[46m") || lines[$0].contains(";46m") }
        #expect(selected.first == 4, "the first match (row 4) should be selected: rows \(selected)\n\(tmux.screen())")
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
        #expect(tmux.restoredAtExit(), "terminal restored")
        let draft = try String(contentsOfFile: demo.directory + "/drafts/lan.json", encoding: .utf8)
        #expect(draft.contains("Đặng Văn Nháp"))
        let again = try demo.session()
        defer { again.close() }
        again.wait(for: "Bản nháp chưa lưu")
        again.keys("Enter")
        again.wait(for: "Đặng Văn Nháp")
    }
}
