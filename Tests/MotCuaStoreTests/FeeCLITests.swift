import Foundation
import Testing
@testable import MotCuaCore

/// `pay`, `fees`, `cashbook`, `document`, `result-ready --electronic` and `return` with a fee
/// unpaid, through the real binary: the contract's JSON and exit codes, and every refusal
/// leaving the journal byte for byte as it was.
@Suite("Fees and documents CLI", .serialized)
struct FeeCLITests {
    struct Desk {
        let dir = TempDirectory("fees-cli")
        var store: String { dir.path + "/s" }
        var scans: String { dir.path + "/scans" }
        let env: [String: String]

        init() throws {
            env = ["MOTCUA_NOW": "2026-11-30T09:00:00+07:00", "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
            #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
            #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
            #expect(try motcua(["users", "add", "tu", "--name", "Phạm Văn Tú", "--role", "supervisor"], environment: env).status == 0)
            try FileManager.default.createDirectory(atPath: dir.path + "/scans/2026", withIntermediateDirectories: true)
        }

        func run(_ args: [String], as user: String = "lan", at now: String? = nil) throws -> RunResult {
            var e = env
            e["MOTCUA_USER"] = user
            if let now { e["MOTCUA_NOW"] = now }
            return try motcua(args, environment: e)
        }

        func json(_ args: [String], as user: String = "lan") throws -> [String: Any] {
            let r = try run(args + ["--json"], as: user)
            #expect(r.status == 0, "\(args) \(r.stderr)")
            return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
        }

        func receive(_ procedure: String = "1.004873", name: String = "Nguyễn Văn Ánh") throws -> String {
            let r = try json(["receive", "--procedure", procedure, "--name", name, "--id", "046090001234", "--phone", "0912345678"])
            return r["code"] as? String ?? ""
        }

        func journal() throws -> [Data] {
            let dir = store + "/journal"
            return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".jsonl") }.sorted()
                .map { try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0)) }
        }

        /// Runs a command that must be refused with `status`, the journal unchanged, the message shown.
        func refused(_ args: [String], status: Int32 = 2, saying words: String, as user: String = "lan") throws {
            let before = try journal()
            let r = try run(args, as: user)
            #expect(r.status == status, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(words), "\(args): \(r.stderr)")
            #expect(try journal() == before, "\(args) wrote to the journal")
        }
    }

    @Test func payAndFeesFollowTheContract() throws {
        let d = try Desk()
        defer { d.dir.cleanup() }
        let code = try d.receive()
        let fees = try d.json(["fees", code])
        #expect(fees["due"] as? Int == 15_000 && fees["paid"] as? Int == 0)
        #expect((fees["lines"] as? [[String: Any]])?.first?["amount"] as? Int == 15_000)
        let paid = try d.json(["pay", code, "--amount", "10000", "--method", "cash"])
        #expect(paid["receipt"] as? String == "2026-000001" && paid["amount"] as? Int == 10_000 && paid["method"] as? String == "cash")
        #expect(paid["by"] as? String == "lan" && paid["at"] as? String == "2026-11-30T09:00:00+07:00")
        let second = try d.json(["pay", code, "--amount", "5000", "--method", "transfer", "--receipt", "UNC 0042"])
        #expect(second["receipt"] as? String == "UNC 0042" && second["outstanding"] as? Int == 0)
        let after = try d.json(["fees", code])
        #expect(after["paid"] as? Int == 15_000)
        let payments = after["payments"] as? [[String: Any]] ?? []
        #expect(payments.map { $0["receipt"] as? String } == ["2026-000001", "UNC 0042"])
        #expect(payments.allSatisfy { Set($0.keys).isSuperset(of: ["amount", "method", "receipt", "by", "at"]) })
        // The same key replays the payment: no second receipt.
        let keyed = try d.receive(name: "Trần Thị Bé")
        let once = try d.json(["pay", keyed, "--amount", "15000", "--method", "online", "--op", "k1"])
        let again = try d.json(["pay", keyed, "--amount", "15000", "--method", "online", "--op", "k1"])
        #expect(once["receipt"] as? String == "2026-000002" && again["receipt"] as? String == "2026-000002" && again["replayed"] as? Bool == true)
        #expect(try d.run(["check"], as: "admin").status == 0, "check verifies a store with fee lines")
    }

    @Test func everyBadPaymentIsRefusedWithExit2AndNothingWritten() throws {
        let d = try Desk()
        defer { d.dir.cleanup() }
        let code = try d.receive()
        let other = try d.receive(name: "Trần Thị Bé")
        #expect(try d.run(["pay", other, "--amount", "15000", "--method", "cash", "--receipt", "BL-7"]).status == 0)
        try d.refused(["pay", code, "--amount", "-1", "--method", "cash"], saying: "lớn hơn 0")
        try d.refused(["pay", code, "--amount", "0", "--method", "cash"], saying: "lớn hơn 0")
        try d.refused(["pay", code, "--amount", "15001", "--method", "cash"], saying: "lớn hơn số còn phải nộp (15.000 đồng)")
        try d.refused(["pay", code, "--amount", "100", "--method", "cash", "--receipt", "BL-7"], saying: "đã dùng cho hồ sơ \(other)")
        try d.refused(["pay", code, "--amount", "100", "--method", "cash", "--receipt", "2026-000009"], saying: "số tiếp theo là 2026-000001")
        try d.refused(["pay", code, "--amount", "100", "--method", "cheque"], saying: "cheque")
        try d.refused(["pay", code, "--amount", "100", "--method", "cash", "--receipt", "x\u{1B}[2J"], saying: "ký tự điều khiển")
        try d.refused(["pay", other, "--amount", "1", "--method", "cash"], saying: "không còn khoản phí")
        try d.refused(["refund", other, "--amount", "1", "--reason", "x"], status: 4, saying: "hoàn phí")
    }

    @Test func aReturnWithTheFeeUnpaidNeedsUnpaidOk() throws {
        let d = try Desk()
        defer { d.dir.cleanup() }
        let code = try d.receive()
        #expect(try d.run(["result-ready", code]).status == 0)
        try d.refused(["return", code], saying: "15.000 đồng phí, lệ phí chưa thu")
        let r = try d.run(["return", code, "--unpaid-ok", "--form", "both"])
        #expect(r.status == 0, "\(r.stderr)")
        let shown = try d.json(["show", code])
        #expect((shown["state"] as? String ?? (shown["summary"] as? [String: Any])?["state"] as? String) == "returned" || r.stdout.contains("Trả"))
    }

    @Test func documentsAreMarkedScannedOrReusedAndTheResultElectronic() throws {
        let d = try Desk()
        defer { d.dir.cleanup() }
        let code = try d.receive("1.001612")
        let scan = d.scans + "/2026/to-khai.pdf"
        try Data("%PDF-1.4 tờ khai".utf8).write(to: URL(fileURLWithPath: scan))
        try d.refused(["document", code, "1", "--digitised", scan], saying: "Chưa cấu hình thư mục bản quét")
        try d.refused(["documents", "configure", "--scan-folder", d.scans], status: 4, saying: "cấu hình thư mục bản quét")
        #expect(try d.run(["documents", "configure", "--scan-folder", d.scans], as: "admin").status == 0)
        try d.refused(["document", code, "1", "--digitised", d.scans + "/2026/missing.pdf"], saying: "Không đọc được tệp")
        let outside = d.dir.path + "/elsewhere.pdf"
        try Data("x".utf8).write(to: URL(fileURLWithPath: outside))
        try d.refused(["document", code, "1", "--digitised", outside], saying: "không nằm trong thư mục bản quét")
        try d.refused(["document", code, "9", "--reused"], saying: "không có giấy tờ số 9")
        try d.refused(["document", code, "1"], saying: "chọn một trong")
        let marked = try d.json(["document", code, "1", "--digitised", "2026/to-khai.pdf"])
        let papers = marked["documents"] as? [[String: Any]] ?? []
        #expect(papers.first?["status"] as? String == "digitised" && papers.first?["file"] as? String == "2026/to-khai.pdf")
        #expect(papers.first?["sha256"] as? String == SHA256.hex(SHA256.hash(Array("%PDF-1.4 tờ khai".utf8))))
        let reused = try d.json(["document", code, "2", "--reused", "--from", "000.00.xx.H57-260105-0003"])
        #expect((reused["documents"] as? [[String: Any]])?[1]["status"] as? String == "reused-from-result")
        let journalText = try d.journal().map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!journalText.contains("PDF-1.4"), "the scan's bytes never reach the journal")
        try Data("kết quả".utf8).write(to: URL(fileURLWithPath: d.scans + "/kq.pdf"))
        try d.refused(["result-ready", code, "--electronic", "nope.pdf"], saying: "Không đọc được tệp")
        #expect(try d.run(["result-ready", code, "--electronic", "kq.pdf", "--result-code", "12/XN"]).status == 0)
        #expect(try d.run(["check"], as: "admin").status == 0)
        let doctor = try d.run(["doctor"], as: "admin")
        #expect(doctor.stdout.contains("bản quét"), "\(doctor.stdout)")
        try FileManager.default.removeItem(atPath: d.scans)
        let broken = try d.run(["doctor"], as: "admin")
        #expect(broken.stdout.contains("bản quét") && broken.status != 0, "\(broken.stdout)")
    }

    @Test func theCashBookPrintsTotalsPerClerkAndMethodInEveryFormat() throws {
        let d = try Desk()
        defer { d.dir.cleanup() }
        let a = try d.receive(), b = try d.receive("1.001612", name: "Trần Thị Bé"), c = try d.receive(name: "Lê =cmd|' /C calc'!A0")
        #expect(try d.run(["pay", a, "--amount", "15000", "--method", "cash"]).status == 0)
        #expect(try d.run(["pay", b, "--amount", "60000", "--method", "transfer"], as: "tu").status == 0)
        #expect(try d.run(["pay", b, "--amount", "40000", "--method", "cash"], as: "tu").status == 0)
        #expect(try d.run(["pay", c, "--amount", "15000", "--method", "postal"], at: "2026-12-01T09:00:00+07:00").status == 0)
        try d.refused(["cashbook", "--date", "2026-11-30"], status: 4, saying: "sổ thu")
        let r = try d.run(["cashbook", "--date", "2026-11-30", "--format", "json"], as: "tu")
        let j = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(j["total"] as? Int == 115_000 && j["count"] as? Int == 3)
        let totals = j["totals"] as? [[String: Any]] ?? []
        #expect(totals.map { "\($0["by"]!)/\($0["method"]!)=\($0["amount"]!)" } == ["lan/cash=15000", "tu/cash=40000", "tu/transfer=60000"])
        let table = try d.run(["cashbook", "--date", "2026-11-30"], as: "tu")
        #expect(table.stdout.contains("Tổng cộng trong ngày: 115.000 đồng (3 khoản)") && table.stdout.contains("Phạm Văn Tú"))
        let csv = try d.run(["cashbook", "--date", "2026-11-30", "--format", "csv"], as: "tu")
        #expect(csv.stdout.hasPrefix("\u{FEFF}") && csv.stdout.components(separatedBy: "\r\n").count == 5)
        let html = try d.run(["cashbook", "--date", "2026-11-30", "--format", "html"], as: "tu")
        #expect(html.stdout.contains("<h1>SỔ THU PHÍ, LỆ PHÍ</h1>") && html.stdout.contains("115.000 đồng"))
        let next = try d.run(["cashbook", "--date", "2026-12-01", "--format", "json"], as: "tu")
        #expect(next.stdout.contains("\"total\":15000"))
    }
    /// `cashbook --office`: the fees of one office's dossiers ("": the centre's), the whole book without it.
    @Test func theCashBookOfOneOfficeCountsOnlyItsDossiers() throws {
        let d = try Desk()
        defer { d.dir.cleanup() }
        #expect(try d.run(["users", "add", "mai", "--name", "Đỗ Thị Mai", "--role", "clerk", "--office", "P2"], as: "admin").status == 0)
        let centre = try d.receive()
        let r = try d.run(["receive", "--procedure", "1.004873", "--name", "Trần Thị Bé", "--id", "046190001234", "--phone", "0912345678",
                           "--json"], as: "mai")
        let ward = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["code"] as? String ?? ""
        #expect(try d.run(["pay", centre, "--amount", "15000", "--method", "cash"]).status == 0)
        #expect(try d.run(["pay", ward, "--amount", "10000", "--method", "transfer"], as: "mai").status == 0)
        func total(_ args: [String], as user: String) throws -> Int? {
            let out = try d.run(["cashbook", "--date", "2026-11-30", "--format", "json"] + args, as: user)
            #expect(out.status == 0, "\(args) \(out.stderr)")
            return (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])?["total"] as? Int
        }
        #expect(try total([], as: "tu") == 25_000)
        #expect(try total(["--office", "P2"], as: "tu") == 10_000)
        #expect(try total(["--office", ""], as: "tu") == 15_000)
        #expect(try total(["--office", "P9"], as: "tu") == 0)
    }
}
