import Foundation
import Testing
@testable import MotCuaCore

/// The citizen's rating and the messages to the citizen through the real binary: `return --rating`,
/// `rate`, a second rating refused with the journal unchanged, `ratings`, and `notify` through a
/// real gateway script.
@Suite("Rating and notify commands", .serialized)
struct RatingCLITests {
    struct Desk {
        let dir = TempDirectory("rating")
        let training: Bool
        var store: String { dir.path + "/s" }
        /// A production store takes no clock override: its clock is the system's.
        var env: [String: String] {
            ["MOTCUA_USER": "admin", "MOTCUA_DATA": store].merging(training ? ["MOTCUA_NOW": "2026-11-30T10:00:00+07:00"] : [:]) { $1 }
        }

        init(training: Bool = true) throws {
            self.training = training
            var args = ["init", "--agency", "000.00.xx.H57", "--name", "UBND Phường Thử"]
            if training { args.append("--training") }
            let made = try motcua(args, environment: env)
            #expect(made.status == 0, "\(made.stderr)")
            #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
        }

        func run(_ args: [String], as user: String = "lan") throws -> RunResult {
            try motcua(args, environment: env.merging(["MOTCUA_USER": user]) { $1 })
        }

        /// A dossier received for `phone`, with its result ready.
        func ready(phone: String = "0912345678") throws -> String {
            let received = try run(["receive", "--procedure", "1.004884", "--name", "Trần Văn Nam", "--id", "001085012345", "--phone", phone, "--json"])
            #expect(received.status == 0, "\(received.stderr)")
            let code = (try JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [String: Any])?["code"] as? String ?? ""
            // The fee paid, so the return is not held up by it (fees: Docs/DECISIONS.md).
            #expect(try run(["pay", code, "--amount", "5000", "--method", "cash"]).status == 0)
            #expect(try run(["result-ready", code]).status == 0)
            return code
        }

        func journal() throws -> String {
            let dir = store + "/journal"
            return try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                .map { try String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }.joined()
        }
    }

    @Test func aRatingGivenAtReturnIsRecordedOnceAndASecondIsRefusedWithNothingWritten() throws {
        let desk = try Desk()
        defer { desk.dir.cleanup() }
        let code = try desk.ready()
        let returned = try desk.run(["return", code, "--rating", "satisfied", "--indices", "2,1,2,2,1", "--json"])
        #expect(returned.status == 0, "\(returned.stderr)")
        let line = try #require(try desk.journal().split(separator: "\n").last)
        #expect(line.contains(#""k":"returned""#) && line.contains(#""level":"satisfied""#) && line.contains(#""official":"lan""#)
                && line.contains(#""indices":[2,1,2,2,1]"#), "\(line)")
        let before = try desk.journal()
        for args in [["rate", code, "--level", "unsatisfied"], ["rate", code, "--level", "very-satisfied", "--channel", "desk-device"]] {
            let second = try desk.run(args)
            #expect(second.status == 2, "\(second.status) \(second.stderr)")
            #expect(second.stderr.contains("đã được người dân đánh giá") && second.stderr.contains("một lần"), "\(second.stderr)")
        }
        #expect(try desk.journal() == before, "a refused second rating wrote nothing")
        #expect(try motcua(["check"], environment: desk.env).status == 0)
    }

    @Test func rateAfterReturnRatesWhoReturnedItAndBadInputIsExitTwo() throws {
        let desk = try Desk()
        defer { desk.dir.cleanup() }
        let code = try desk.ready()
        let early = try desk.run(["rate", code, "--level", "satisfied"])
        #expect(early.status == 2 && early.stderr.contains("Có kết quả"), "\(early.stderr)")
        #expect(try desk.run(["return", code]).status == 0)
        let before = try desk.journal()
        for (args, message) in [(["rate", code, "--level", "great"], "very-satisfied"), (["rate", code, "--level", "satisfied", "--indices", "2,2"], "5 chỉ số"),
                                (["rate", code, "--level", "satisfied", "--indices", "2,2,3,1,1"], "2, 1 hoặc 0"), (["rate", code], "--level"),
                                (["return", code, "--rating", "meh"], "very-satisfied")] {
            let bad = try desk.run(args)
            #expect(bad.status == 2 && bad.stderr.contains(message), "\(args): \(bad.status) \(bad.stderr)")
        }
        #expect(try desk.journal() == before)
        // The admin keys a paper form in: the rating is still the returning clerk's.
        let rated = try desk.run(["rate", code, "--level", "unsatisfied", "--op", "k1"], as: "admin")
        #expect(rated.status == 0, "\(rated.stderr)")
        #expect(try desk.run(["rate", code, "--level", "unsatisfied", "--op", "k1"], as: "admin").status == 0, "the same key replays")
        let report = try desk.run(["ratings", "--from", "1/11/2026", "--to", "30/11/2026", "--by", "official", "--format", "json"], as: "admin")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let rows = json["rows"] as? [[String: Any]] ?? []
        #expect(rows.count == 1 && rows[0]["key"] as? String == "lan" && rows[0]["name"] as? String == "Lê Thị Lan", "\(report.stdout)")
        #expect(rows[0]["unsatisfied"] as? Int == 1 && rows[0]["total"] as? Int == 1)
        let portal = try desk.run(["ratings", "--from", "1/11/2026", "--to", "30/11/2026", "--format", "dongbodanhgia"], as: "admin")
        #expect(portal.stdout.contains(#""PhanTramDanhGiaChuaHaiLong":"100%""#) && portal.stdout.contains(#""NgayTongHop":"11-2026""#), "\(portal.stdout)")
        #expect(try motcua(["check"], environment: desk.env).status == 0)
    }

    /// A gateway that writes what it got (stdin and its environment) to a file, and fails while `fail` exists.
    static func gateway(in dir: String) throws -> String {
        let path = dir + "/gateway.sh"
        try """
        #!/bin/sh
        if [ -e \(dir)/fail ]; then echo "gateway down for $MOTCUA_TO" >&2; exit 7; fi
        { echo "TO=$MOTCUA_TO CHANNEL=$MOTCUA_CHANNEL ID=$MOTCUA_MESSAGE_ID HOME=${HOME:-none}"; cat; echo; echo ---; } >> \(dir)/got.txt
        echo "accepted for $MOTCUA_TO"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    /// A training store (identities come from MOTCUA_USER only there), sending with --training-ok.
    @Test func messagesGoThroughTheGatewayScriptWithThePhoneOnlyThere() throws {
        let desk = try Desk(training: true)
        defer { desk.dir.cleanup() }
        let gateway = try Self.gateway(in: desk.dir.path)
        let clerk = try desk.run(["notify", "configure", "--channel", "sms", "--command", gateway])
        #expect(clerk.status == 4, "only an admin sets the gateway: \(clerk.stderr)")
        #expect(try desk.run(["notify", "configure", "--channel", "sms", "--command", "/nonexistent/gw"], as: "admin").status == 2)
        #expect(try desk.run(["notify", "configure", "--channel", "fax", "--command", gateway], as: "admin").status == 2)
        #expect(try desk.run(["notify", "configure", "--channel", "sms", "--command", gateway], as: "admin").status == 0)
        let code = try desk.ready(phone: "0987654321")
        let status = try desk.run(["notify", "status", "--json"])
        let before = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(before["pending"] as? Int == 2 && before["sent"] as? Int == 0, "\(status.stdout)")
        let sent = try desk.run(["notify", "send", "--json", "--training-ok"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let got = try String(contentsOfFile: desk.dir.path + "/got.txt", encoding: .utf8)
        #expect(got.contains("TO=0987654321 CHANNEL=sms ID=000.00.xx.H57-") && got.contains("HOME=none"), "\(got)")
        #expect(got.contains("UBND Phuong Thu: Da tiep nhan ho so \(code) (Dang ky lai khai sinh). Hen tra ket qua: "), "\(got)")
        #expect(got.contains("Ho so \(code) (Dang ky lai khai sinh) da co ket qua"), "\(got)")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(try desk.run(["notify", "status", "--json"]).stdout.utf8)) as? [String: Any])
        #expect(after["pending"] as? Int == 0 && after["sent"] as? Int == 2 && (after["failed"] as? [Any])?.isEmpty == true, "\(after)")
        // The phone went to the gateway only: not in the delivery log, the cursor, the output.
        let notifyDir = desk.store + "/notify"
        for name in try FileManager.default.contentsOfDirectory(atPath: notifyDir) {
            let text = (try? String(contentsOfFile: notifyDir + "/" + name, encoding: .utf8)) ?? ""
            #expect(!text.contains("0987654321") && !text.contains("987654321"), "\(name): \(text)")
        }
        #expect(try String(contentsOfFile: notifyDir + "/delivery.log", encoding: .utf8).contains(#""output":"accepted for ***""#))
        #expect(!sent.stdout.contains("0987654321") && !sent.stderr.contains("0987654321"))
        // A second pass sends nothing again.
        let again = try desk.run(["notify", "send", "--training-ok"])
        let gotAgain = try String(contentsOfFile: desk.dir.path + "/got.txt", encoding: .utf8)
        #expect(again.status == 0 && gotAgain == got)
    }

    @Test func aFailedDeliveryIsListedRetriedAfterItsBackoffAndNeverLost() throws {
        let desk = try Desk(training: true)
        defer { desk.dir.cleanup() }
        let gateway = try Self.gateway(in: desk.dir.path)
        #expect(try desk.run(["notify", "configure", "--channel", "sms", "--command", gateway], as: "admin").status == 0)
        #expect(FileManager.default.createFile(atPath: desk.dir.path + "/fail", contents: nil))
        let code = try desk.ready()
        let first = try desk.run(["notify", "send", "--training-ok"])
        #expect(first.status == 0, "\(first.stderr)")
        let status = try desk.run(["notify", "status", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let failed = json["failed"] as? [[String: Any]] ?? []
        #expect(failed.count == 2 && failed.allSatisfy { $0["code"] as? String == code && $0["status"] as? Int == 7 }, "\(status.stdout)")
        #expect(failed.allSatisfy { ($0["output"] as? String ?? "").contains("gateway down for ***") }, "\(failed)")
        #expect(!status.stdout.contains("0912345678"))
        try FileManager.default.removeItem(atPath: desk.dir.path + "/fail")
        // Not yet due: the backoff holds them.
        _ = try desk.run(["notify", "send", "--training-ok"])
        #expect(!FileManager.default.fileExists(atPath: desk.dir.path + "/got.txt"))
        // Two minutes later (the training clock moved): both go, in order.
        let later = ["MOTCUA_NOW": "2026-11-30T10:02:00+07:00", "MOTCUA_USER": "lan"]
        #expect(try motcua(["notify", "send", "--training-ok"], environment: desk.env.merging(later) { $1 }).status == 0)
        let got = try String(contentsOfFile: desk.dir.path + "/got.txt", encoding: .utf8)
        #expect(got.components(separatedBy: "---").count == 3, "\(got)")
        let done = try #require(try JSONSerialization.jsonObject(with: Data(try desk.run(["notify", "status", "--json"]).stdout.utf8)) as? [String: Any])
        #expect((done["failed"] as? [Any])?.isEmpty == true && done["sent"] as? Int == 2, "\(done)")
    }

    @Test func aTrainingStoreSendsNothingUnlessAsked() throws {
        let desk = try Desk(training: true)
        defer { desk.dir.cleanup() }
        let gateway = try Self.gateway(in: desk.dir.path)
        #expect(try desk.run(["notify", "configure", "--channel", "sms", "--command", gateway], as: "admin").status == 0)
        _ = try desk.ready()
        let refused = try desk.run(["notify", "send"])
        #expect(refused.status == 2 && refused.stderr.contains("Kho đào tạo") && refused.stderr.contains("--training-ok"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: desk.dir.path + "/got.txt"))
        #expect(try desk.run(["notify", "send", "--training-ok"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: desk.dir.path + "/got.txt"))
    }
}
