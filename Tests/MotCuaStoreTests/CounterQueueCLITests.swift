import Foundation
import Testing
@testable import MotCuaCore

/// The number queue through the real binary (issue 16): the command-line contract, every bad
/// input refused with nothing written, two kiosks at once, `check` over the new lines.
@Suite("Counter queue, command line", .serialized)
struct CounterQueueCLITests {
    struct Centre {
        let dir: TempDirectory
        var env: [String: String]
        var journal: String { dir.path + "/s/journal" }

        init(now: String = "2026-12-01T08:00") throws {
            dir = TempDirectory("queue")
            env = ["MOTCUA_NOW": now, "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
            #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
            #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
            #expect(try motcua(["users", "add", "minh", "--name", "Phạm Văn Minh", "--role", "clerk"], environment: env).status == 0)
            #expect(try motcua(["users", "add", "hoa", "--name", "Nguyễn Thị Hoa", "--role", "officer"], environment: env).status == 0)
        }

        func run(_ args: [String], as user: String = "lan", at now: String? = nil) throws -> RunResult {
            var e = env
            e["MOTCUA_USER"] = user
            if let now { e["MOTCUA_NOW"] = now }
            return try motcua(args, environment: e)
        }

        func json(_ args: [String], as user: String = "lan", at now: String? = nil) throws -> [String: Any] {
            let r = try run(args + ["--json"], as: user, at: now)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
        }

        func journalBytes() throws -> Data {
            let names = try FileManager.default.contentsOfDirectory(atPath: journal).filter { $0.hasSuffix(".jsonl") }.sorted()
            return try names.reduce(into: Data()) { $0 += try Data(contentsOf: URL(fileURLWithPath: journal + "/" + $1)) }
        }
    }

    @Test func aFreshStoreIssuesAndCallsAtOnce() throws {
        let c = try Centre()
        defer { c.dir.cleanup() }
        let t = try c.json(["ticket", "--group", "A"])
        #expect(t["number"] as? String == "A001")
        #expect(t["group"] as? String == "A")
        #expect(t["issuedAt"] as? String == "2026-12-01T08:00:00+07:00")
        #expect(try c.json(["ticket", "--group", "ho tich"])["number"] as? String == "A002")
        #expect(try c.json(["ticket", "--group", "B", "--priority"])["number"] as? String == "B001")
        let called = try c.json(["call", "--counter", "1"], at: "2026-12-01T08:10")
        #expect(called["number"] as? String == "B001", "the priority ticket first")
        #expect(called["waitingSeconds"] as? Int == 600)
        #expect(try c.json(["call"], at: "2026-12-01T08:12")["number"] as? String == "A001", "one counter: no --counter needed")
        let queue = try c.json(["queue"])
        #expect((queue["waiting"] as? [[String: Any]])?.map { $0["number"] as? String } == ["A002"])
        #expect((queue["lastCalls"] as? [[String: Any]])?.first?["number"] as? String == "A001")
        let check = try c.run(["check"], as: "admin")
        #expect(check.status == 0 && check.stdout.contains("Kho toàn vẹn"), "\(check.stdout)\(check.stderr)")
    }

    @Test func badInputIsRefusedAndNothingIsWritten() throws {
        let c = try Centre()
        defer { c.dir.cleanup() }
        let before = try c.journalBytes()
        let unknownGroup = try c.run(["ticket", "--group", "Z"])
        #expect(unknownGroup.status == 2 && unknownGroup.stderr.contains("Không có nhóm \"Z\""), "\(unknownGroup.stderr)")
        let empty = try c.run(["call", "--counter", "1"])
        #expect(empty.status == 1 && empty.stderr.contains("không còn ai chờ"), "\(empty.stderr)")
        let nobody = try c.run(["call", "--counter", "7"])
        #expect(nobody.status == 2 && nobody.stderr.contains("Quầy 7 chưa được cấu hình"), "\(nobody.stderr)")
        let recall = try c.run(["recall", "--counter", "1"])
        #expect(recall.status == 2 && recall.stderr.contains("chưa gọi số nào"), "\(recall.stderr)")
        let noShow = try c.run(["no-show", "--counter", "1"])
        #expect(noShow.status == 2, "\(noShow.stderr)")
        let officer = try c.run(["call", "--counter", "1"], as: "hoa")
        #expect(officer.status == 4, "\(officer.stderr)")
        let clerkSets = try c.run(["counter", "set", "2", "--groups", "A"])
        #expect(clerkSets.status == 4, "only an admin configures counters: \(clerkSets.stderr)")
        let badGroup = try c.run(["counter", "set", "2", "--groups", "Q"], as: "admin")
        #expect(badGroup.status == 2, "\(badGroup.stderr)")
        let badTicket = try c.run(["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234",
                                   "--phone", "0912345678", "--ticket", "A009"])
        #expect(badTicket.status == 2 && badTicket.stderr.contains("không có phiếu A009"), "\(badTicket.stderr)")
        #expect(try c.journalBytes() == before, "nothing written")
    }

    @Test func twoCountersNoShowRecallAndALinkedDossierInTheReport() throws {
        let c = try Centre()
        defer { c.dir.cleanup() }
        #expect(try c.run(["counter", "set", "1", "--groups", "A,B", "--official", "lan"], as: "admin").status == 0)
        let set2 = try c.run(["counter", "set", "2", "--groups", "chung thuc", "--official", "minh"], as: "admin")
        #expect(set2.status == 0 && set2.stdout.contains("Quầy 2: nhóm B"), "\(set2.stdout)\(set2.stderr)")
        for g in ["A", "A", "B"] { _ = try c.json(["ticket", "--group", g], at: "2026-12-01T08:00") }
        #expect(try c.json(["call"], at: "2026-12-01T08:05")["number"] as? String == "A001", "lan's own counter 1")
        #expect(try c.json(["call"], as: "minh", at: "2026-12-01T08:06")["number"] as? String == "B001", "counter 2 calls only B")
        #expect(try c.run(["call"], as: "minh", at: "2026-12-01T08:07").status == 1, "counter 2: no B waiting")
        #expect(try c.json(["no-show"], at: "2026-12-01T08:08")["state"] as? String == "noShow")
        #expect(try c.json(["call"], at: "2026-12-01T08:09")["number"] as? String == "A002")
        #expect(try c.json(["serve"], at: "2026-12-01T08:10")["state"] as? String == "serving")
        // Received while counter 1 serves A002: the dossier names the ticket.
        let received = try c.run(["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234",
                                  "--phone", "0912345678", "--json"], at: "2026-12-01T08:15")
        #expect(received.status == 0, "\(received.stderr)")
        #expect(try c.json(["serve", "--done"], at: "2026-12-01T08:20")["serviceSeconds"] as? Int == 600)
        // A001 comes back: recalled by number.
        let recalled = try c.json(["recall", "--number", "A001"], at: "2026-12-01T08:25")
        #expect(recalled["state"] as? String == "called" && recalled["recalls"] as? Int == 1)
        let reported = try c.run(["report", "--queue", "--format", "json"], as: "admin", at: "2026-12-01T09:00")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(reported.stdout.utf8)) as? [String: Any], "\(reported.stderr)")
        let tickets = report["tickets"] as? [[String: Any]] ?? []
        let a002 = try #require(tickets.first { $0["number"] as? String == "A002" })
        #expect(a002["waitingSeconds"] as? Int == 540)
        #expect(a002["serviceSeconds"] as? Int == 600)
        #expect((a002["dossier"] as? String)?.hasSuffix("-0001") == true, "\(a002)")
        let total = report["total"] as? [String: Any] ?? [:]
        #expect(total["tickets"] as? Int == 3 && total["noShows"] as? Int == 0 && total["served"] as? Int == 1, "\(total)")
        let text = try c.run(["report", "--queue", "--date", "01/12/2026"], as: "admin", at: "2026-12-01T09:00")
        #expect(text.stdout.contains("Phạm Văn Minh") && text.stdout.contains("A002") && text.stdout.contains("10:00"), "\(text.stdout)")
        let csv = try c.run(["report", "--queue", "--format", "csv"], as: "admin")
        #expect(csv.stdout.hasPrefix("\u{FEFF}Số phiếu"))
        #expect(try c.run(["check"], as: "admin").status == 0)
        // The next day starts again at 001 and yesterday's waiting are not carried.
        #expect(try c.json(["ticket", "--group", "A"], at: "2026-12-02T08:00")["number"] as? String == "A001")
        #expect(try c.run(["call", "--counter", "2"], as: "minh", at: "2026-12-02T08:01").status == 1)
    }

    @Test func aRetriedKioskPressIssuesOneTicket() throws {
        let c = try Centre()
        defer { c.dir.cleanup() }
        let first = try c.json(["ticket", "--group", "A", "--op", "kiosk-1-0001"])
        let again = try c.json(["ticket", "--group", "A", "--op", "kiosk-1-0001"])
        #expect(first["number"] as? String == "A001" && again["number"] as? String == "A001")
        #expect(again["replayed"] as? Bool == true)
        let other = try c.run(["ticket", "--group", "B", "--op", "kiosk-1-0001"])
        #expect(other.status == 2 && other.stderr.contains("đã dùng cho lệnh khác"), "\(other.stderr)")
        #expect(try c.json(["ticket", "--group", "A"])["number"] as? String == "A002")
    }

    @Test func twoKiosksAtOnceNeverIssueTheSameNumber() throws {
        let c = try Centre()
        defer { c.dir.cleanup() }
        var e = c.env
        e["MOTCUA_USER"] = "lan"
        // Kiosk processes started together on one store, ten at a time, three rounds.
        var results: [RunResult] = []
        for _ in 0..<3 {
            let kiosks = try (0..<10).map { _ in try Running(["ticket", "--group", "A", "--json"], environment: e) }
            results += kiosks.map { $0.wait() }
        }
        #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
        let numbers = results.flatMap { $0.stdout.split(separator: "\n") }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["number"] as? String
        }
        #expect(numbers.count == 30)
        #expect(Set(numbers) == Set((1...30).map { String(format: "A%03d", $0) }), "distinct and gap-free")
        #expect(try c.run(["check"], as: "admin").status == 0)
    }
}
