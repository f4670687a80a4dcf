import Foundation
import Testing
@testable import MotCuaCore

/// The scorecard tab of the real binary in tmux at 80×24, on monochrome terminals, against
/// the figures `motcua scorecard` prints for the same store and month.
@Suite("End to end: the scorecard tab", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct ScorecardEndToEndTests {
    @Test(arguments: [["TERM": "vt100"], ["NO_COLOR": "1"]])
    func f9TwiceShowsTheSameScoreAsTheCommand(extra: [String: String]) throws {
        let demo = DemoFixture()
        defer { demo.cleanup() }
        let env = demo.env.merging(["MOTCUA_USER": "hung"]) { $1 }
        let printed = shell([MotCuaBinary.path, "scorecard", "--month", "2026-11", "--format", "json"], environment: env)
        #expect(printed.status == 0, "\(printed.output)")
        let json = try JSONSerialization.jsonObject(with: Data(printed.output.utf8)) as? [String: Any] ?? [:]
        let progress = json["progress"] as? [String: Any] ?? [:]
        let score = ScorecardNumber.vietnamese(progress["score"] as? Double ?? Double(progress["score"] as? Int ?? -1))
        let fraction = "\(progress["totalOnTime"] as? Int ?? -1)/\(progress["totalReceived"] as? Int ?? -1)"
        let tmux = try demo.session(extra: extra.merging(["MOTCUA_USER": "hung"]) { $1 })
        defer { tmux.close() }
        tmux.wait(for: "Cảnh báo hạn")
        tmux.keys("F9")
        tmux.wait(for: "BÁO CÁO THEO KỲ")
        tmux.keys("F9")
        let screen = tmux.wait(for: "XU HƯỚNG 2026")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix("TIẾN ĐỘ GIẢI QUYẾT") && $0.contains("█") && $0.hasSuffix("\(score)/20 \(fraction)") },
                "\(score)/20 \(fraction) expected:\n\(screen)")
        #expect(screen.contains("ĐIỀU GÌ NÂNG ĐIỂM"))
        #expect(lines.contains { line in line.hasPrefix("đúng hạn %") && "▁▂▃▄▅▆▇█".contains { line.contains($0) } })
        let coloured = tmux.screen(colours: true)
        #expect(!coloured.contains("[31m") && !coloured.contains("[32m"), "no colour expected with \(extra)")
        tmux.keys("Escape")
        tmux.wait(for: "Cảnh báo hạn")
    }
}
