import Foundation
import Testing

/// Issue 16's morning at a centre, end to end in tmux: tickets from the kiosk by keys (printed
/// through a fake `lp`), calls from two counters shown on the hall display, a no-show and a
/// recall, a dossier received from a ticket, and its waiting and service times in the report.
@Suite("End to end: a morning of the number queue", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct QueueMorningEndToEndTests {
    @Test func aMorningAtTheCentre() throws {
        let demo = DemoFixture(dossiers: 20)
        defer { demo.cleanup() }
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-lp-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: bin) }
        let printed = bin + "/printed.txt"
        try "#!/bin/sh\ncat >> '\(printed)'\n".write(toFile: bin + "/lp", atomically: true, encoding: .utf8)
        chmod(bin + "/lp", 0o755)
        func cli(_ args: [String], as user: String, at time: String) -> (status: Int32, output: String) {
            shell([MotCuaBinary.path] + args, environment: ["MOTCUA_DATA": demo.directory, "MOTCUA_USER": user,
                                                           "MOTCUA_NOW": "2026-11-30T\(time):00+07:00"])
        }
        #expect(cli(["users", "add", "minh", "--name", "Phạm Văn Minh", "--role", "clerk"], as: "admin", at: "09:00").status == 0)
        #expect(cli(["counter", "set", "1", "--official", "lan"], as: "admin", at: "09:00").status == 0)
        #expect(cli(["counter", "set", "2", "--groups", "B", "--official", "minh"], as: "admin", at: "09:00").status == 0)

        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        // The pane's shell may reset PATH: the fake lp is put first on the command line.
        let kiosk = try TmuxSession(width: 80, height: 24, command: "env PATH=\(bin):\(path) \(MotCuaBinary.path) kiosk", environment: demo.env)
        defer { kiosk.close() }
        let display = try TmuxSession(width: 80, height: 24, command: "\(MotCuaBinary.path) display", environment: demo.env)
        defer { display.close() }
        kiosk.wait(for: "Hộ tịch")
        display.wait(for: "QUẦY 2")
        // Three citizens at the kiosk: Hộ tịch, Hộ tịch, Chứng thực; each sees the number large.
        kiosk.keys("a")
        kiosk.wait(for: "Lĩnh vực: Hộ tịch")
        kiosk.wait(for: "Đã in phiếu")
        kiosk.keys("a")
        kiosk.wait(for: "1 người chờ trước")
        kiosk.keys("b")
        kiosk.wait(for: "Lĩnh vực: Chứng thực")
        display.wait(for: "Đang chờ (3): A Hộ tịch: 2 · B Chứng thực: 1")
        let deadline = Date().addingTimeInterval(5)
        var slips = ""
        while Date() < deadline && slips.components(separatedBy: "SỐ THỨ TỰ").count < 4 {
            slips = (try? String(contentsOfFile: printed, encoding: .utf8)) ?? ""
            usleep(50_000)
        }
        #expect(slips.contains("Số A001") && slips.contains("Số A002") && slips.contains("Số B001"), "\(slips)")
        #expect(slips.split(separator: "\n").allSatisfy { $0.count <= 32 }, "32 columns for the thermal printer")

        // Two counters call; the hall screen shows both numbers.
        #expect(cli(["call"], as: "lan", at: "10:05").output.contains("A001"))
        #expect(cli(["call"], as: "minh", at: "10:06").output.contains("B001"))
        let started = Date()
        let both = display.wait(for: "Vừa gọi: B001→2  A001→1", seconds: 3)
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 2, "the display follows a call within the 250 ms refresh (took \(seconds) s)")
        #expect(both.contains("QUẦY 1") && both.contains("█"), "\(both)")

        // A001 does not come; A002 is served and a dossier received from it; A001 comes back.
        #expect(cli(["no-show"], as: "lan", at: "10:07").status == 0)
        #expect(cli(["call"], as: "lan", at: "10:08").output.contains("A002"))
        #expect(cli(["serve"], as: "lan", at: "10:09").status == 0)
        let received = cli(["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234",
                            "--phone", "0912345678", "--json"], as: "lan", at: "10:15")
        #expect(received.status == 0, "\(received.output)")
        #expect(cli(["serve", "--done"], as: "lan", at: "10:20").status == 0)
        #expect(cli(["recall", "--number", "A001"], as: "lan", at: "10:21").status == 0)
        display.wait(for: "Vừa gọi: A001→1  A002→1  B001→2  A001→1")

        let report = cli(["report", "--queue"], as: "hung", at: "11:00")
        #expect(report.status == 0, "\(report.output)")
        let a002 = report.output.split(separator: "\n").first { $0.hasPrefix("A002") }.map(String.init) ?? ""
        // Waited 10:00:0x → 10:08, served 10:09 → 10:20 (11:00), received as the day's dossier.
        #expect(a002.contains("11:00") && a002.contains("Đã phục vụ") && a002.contains("-00"), "\(report.output)")
        #expect(report.output.contains("Vắng") && report.output.contains("Phạm Văn Minh"), "\(report.output)")
    }

    @Test func theHallScreenOnAMonochromeTerminal() throws {
        let demo = DemoFixture(dossiers: 5)
        defer { demo.cleanup() }
        _ = shell([MotCuaBinary.path, "ticket", "--group", "A"], environment: ["MOTCUA_DATA": demo.directory, "MOTCUA_USER": "lan",
                                                                           "MOTCUA_NOW": DemoFixture.now])
        _ = shell([MotCuaBinary.path, "call", "--counter", "1"], environment: ["MOTCUA_DATA": demo.directory, "MOTCUA_USER": "lan",
                                                                           "MOTCUA_NOW": DemoFixture.now])
        let display = try TmuxSession(width: 120, height: 40, command: "env TERM=vt100 \(MotCuaBinary.path) display",
                                      environment: demo.env.merging(["NO_COLOR": "1"]) { $1 })
        defer { display.close() }
        let screen = display.wait(for: "Vừa gọi: A001→1")
        #expect(screen.contains(" ███  █████ █████   █"), "\(screen)")
        display.keys("q")
        let deadline = Date().addingTimeInterval(5)
        while display.display("#{pane_dead}") != "1" && Date() < deadline { usleep(50_000) }
        #expect(display.display("#{pane_dead}") == "1", "q leaves the hall screen")
    }
}
