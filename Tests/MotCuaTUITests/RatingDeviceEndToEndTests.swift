import Foundation
import Testing

/// The clerk at counter 2 returns a dossier and asks for the rating on the counter's device; the
/// citizen presses 1 on `motcua rate --counter 2` in a second terminal; the clerk's screen says so.
@Suite("End to end: rating device at a counter", .serialized, .enabled(if: shell(["tmux", "-V"]).status == 0))
struct RatingDeviceEndToEndTests {
    @Test func theCitizenRatesOnTheSecondTerminalAndTheClerkSeesIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-e2e-rate-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "MOTCUA_NOW": DemoFixture.now, "MOTCUA_USER": "admin", "MOTCUA_DATA": directory,
                   "NO_COLOR": "", "SWIFT_BACKTRACE": "enable=no"]
        func cli(_ args: [String], as user: String = "lan") -> String {
            let result = shell([MotCuaBinary.path] + args, environment: env.merging(["MOTCUA_USER": user]) { $1 })
            #expect(result.status == 0, "\(args): \(result.output)")
            return result.output
        }
        _ = cli(["init", "--agency", "000.00.xx.H57", "--name", "UBND Phường Thử", "--training"], as: "admin")
        _ = cli(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], as: "admin")
        let received = cli(["receive", "--procedure", "1.004884", "--name", "Trần Văn Nam", "--id", "001085012345", "--phone", "0912345678", "--json"])
        let code = (try JSONSerialization.jsonObject(with: Data(received.utf8)) as? [String: Any])?["code"] as? String ?? ""
        _ = cli(["pay", code, "--amount", "5000", "--method", "cash"])
        _ = cli(["result-ready", code])

        let clerkEnv = env.merging(["MOTCUA_USER": "lan"]) { $1 }
        let clerk = try TmuxSession(width: 80, height: 24, command: "\(MotCuaBinary.path) tui --counter 2", environment: clerkEnv)
        defer { clerk.close() }
        clerk.wait(for: "Trần Văn Nam")
        clerk.keys("F5")
        clerk.wait(for: "Đánh giá:")
        clerk.keys("Tab", "Tab", "Left")                            // past the result's form; from "(không hỏi)" back round to the device
        clerk.wait(for: "Khách đánh giá trên thiết bị")
        clerk.keys("Enter")
        clerk.wait(for: "Mời người dân đánh giá")

        let device = try TmuxSession(width: 80, height: 24, command: "\(MotCuaBinary.path) rate --counter 2", environment: clerkEnv)
        defer { device.close() }
        let asked = device.wait(for: "RẤT HÀI LÒNG")
        #expect(asked.contains(code) && asked.contains("Đăng ký lại khai sinh"))
        #expect(!asked.contains("Trần Văn Nam") && !asked.contains("0912345678") && !asked.contains("001085012345"), "no personal data:\n\(asked)")
        device.keys("1")
        device.wait(for: "Cảm ơn Ông/Bà đã đánh giá!")
        clerk.wait(for: "Khách đã đánh giá: Rất hài lòng")

        let journal = try FileManager.default.contentsOfDirectory(atPath: directory + "/journal").filter { $0.hasSuffix(".jsonl") }
            .map { try String(contentsOfFile: directory + "/journal/" + $0, encoding: .utf8) }.joined()
        #expect(journal.contains(#""ratingCounter":2"#) && journal.contains(#""k":"rated""#) && journal.contains(#""channel":"desk-device""#)
                && journal.contains(#""official":"lan""#), "\(journal.suffix(600))")
        // The device waits for the next dossier and offers nothing to rate again.
        device.wait(for: "Xin chào Ông/Bà", seconds: 10)
    }
}
