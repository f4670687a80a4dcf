import Foundation
import Testing
@testable import MotCuaCore

/// `motcua scorecard` through the real binary: the portal's names, reconciled with `report`
/// on the same store, and bad periods refused in Vietnamese with exit 2.
@Suite("Scorecard command", .serialized)
struct ScorecardCLITests {
    static let now = "2026-11-30T10:00:00+07:00"

    func demo() -> (TempDirectory, [String: String]) {
        let dir = TempDirectory("scorecard")
        let env = ["MOTCUA_NOW": Self.now, "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        let created = try? motcua(["demo", "--data", dir.path + "/s", "--no-tui", "--dossiers", "600", "--seed", "11"], environment: env)
        #expect(created?.status == 0)
        return (dir, env)
    }

    func json(_ args: [String], _ env: [String: String]) throws -> [String: Any] {
        let result = try motcua(args, environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func theMonthsScorecardReconcilesWithTheReportUnderBothRules() throws {
        let (dir, env) = demo()
        defer { dir.cleanup() }
        let report = try json(["report", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json"], env)
        let total = report["total"] as? [String: Any] ?? [:]
        func r(_ key: String) -> Int { total[key] as? Int ?? -1 }
        for rule in ["national", "date-only"] {
            let card = try json(["scorecard", "--month", "2026-10", "--rule", rule, "--by", "procedure", "--format", "json"], env)
            #expect(card["rule"] as? String == rule)
            let period = card["period"] as? [String: Any] ?? [:]
            #expect(period["from"] as? String == "2026-10-01" && period["to"] as? String == "2026-10-31")
            let progress = card["progress"] as? [String: Any] ?? [:]
            func p(_ key: String) -> Int { progress[key] as? Int ?? -1 }
            let handled = r("carriedOver") + r("received")
            #expect(p("totalReceived") == (rule == "national" ? handled - r("refused") - r("withdrawn") : handled))
            #expect(p("totalOverdue") == p("totalReceived") - p("totalOnTime"))
            #expect(p("totalCompleted") == r("resolved"))
            // On time at least the report's resolved on time (early + on time by its rule).
            let resolvedOnTime = rule == "national" ? r("early") + r("onTime") : r("earlyByDate") + r("onTimeByDate")
            #expect(p("totalOnTime") >= resolvedOnTime && p("totalOnTime") <= resolvedOnTime + r("pending") + r("refused") + r("withdrawn"))
            let ratio = progress["ratio"] as? Double ?? -1
            #expect(abs(ratio - 100 * Double(p("totalOnTime")) / Double(p("totalReceived"))) < 0.006)
            #expect(abs((progress["score"] as? Double ?? -1) - 20 * Double(p("totalOnTime")) / Double(p("totalReceived"))) < 0.006)
            #expect(progress["maxScore"] as? Int == 20)
            let metrics = card["metrics"] as? [[String: Any]] ?? []
            #expect(metrics.compactMap { $0["code"] as? String } == [
                "DOSSIER_SYNC", "channelDirectSum", "channelPostalSum", "channelOnlineSum", "ONLINE_PAYMENT_A", "ONLINE_PAYMENT_B",
                "ONLINE_PAYMENT_C", "DOSSIER_RECEIVING_SATISFACTION", "ORIGINAL_RESULT_AVAILABLE", "SO_HOA_GIAY_TO_GIAI_QUYET",
                "REUSED_DIGITIZED_DATA",
            ])
            let online = metrics.first { $0["code"] as? String == "channelOnlineSum" } ?? [:]
            #expect(online["numerator"] as? Int == (total["receivedByChannel"] as? [String: Any])?["online"] as? Int)
            #expect(online["denominator"] as? Int == r("received"))
            // The desk's journal is read for papers: the demo digitises none, so 0 of the resolved (not "not recorded").
            let digitised = metrics.first { $0["code"] as? String == "SO_HOA_GIAY_TO_GIAI_QUYET" } ?? [:]
            #expect(digitised["numerator"] as? Int == 0 && digitised["denominator"] as? Int == r("resolved"))
            #expect(digitised["note"] == nil)
            let rows = card["rows"] as? [[String: Any]] ?? []
            #expect(rows.count > 5)
            #expect(rows.reduce(0) { $0 + ($1["totalReceived"] as? Int ?? 0) } == p("totalReceived"))
            #expect(rows.allSatisfy { $0["key"] is String && $0["score"] is NSNumber && $0["maxScore"] as? Int == 20 })
            let chart = card["monthlyChart"] as? [[String: Any]] ?? []
            #expect(chart.compactMap { $0["month"] as? String } == (1...12).map { $0 < 10 ? "0\($0)" : "\($0)" })
            #expect(chart[9]["onTimePct"] as? Double == ratio && chart[11]["onTimePct"] is NSNull)   // October; December not begun
            #expect((card["atRisk"] as? [Any])?.isEmpty == true, "a month that is over has nothing at risk")
            #expect((card["notFromDesk"] as? [[String: Any]])?.contains { $0["code"] as? String == "PETITION_PROCESSING_ON_TIME" } == true)
        }
    }

    @Test func tableAndCsvStateTheRulesAndKeepTheirShape() throws {
        let (dir, env) = demo()
        defer { dir.cleanup() }
        let table = try motcua(["scorecard", "--quarter", "2026-Q3", "--rule", "national"], environment: env)
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "CHỈ SỐ CHẤT LƯỢNG PHỤC VỤ (QĐ 766/QĐ-TTg) – quý III/2026")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(table.stdout.contains("Cách đọc quy tắc: theo văn bản quốc gia (so thời điểm) (--rule national)."))
        #expect(table.stdout.contains("KHÔNG TÍNH TỪ DỮ LIỆU TẠI QUẦY"))
        let csv = try motcua(["scorecard", "--year", "2026", "--by", "field", "--format", "csv"], environment: env)
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("\u{FEFF}period,rule,kind,code,name,numerator,denominator,ratio,score,maxScore,totalReceived,totalOnTime,totalOverdue,avgProcessingDays\r\n"))
        #expect(csv.stdout.contains("\r\n2026,date-only,progress,PROGRESS,Tiến độ giải quyết,"))
        #expect(csv.stderr.contains("không có dữ liệu cá nhân"))
    }

    /// Each refusal exactly, on stderr, nothing on stdout, exit 2.
    static let refusals: [([String], String)] = [
        ([], "Chọn đúng một kỳ: --month YYYY-MM, --quarter YYYY-QN hoặc --year YYYY"),
        (["--month", "2026-11", "--year", "2026"], "Chọn đúng một kỳ: --month YYYY-MM, --quarter YYYY-QN hoặc --year YYYY"),
        (["--month", "2026-13"], "--month 2026-13: phải có dạng YYYY-MM"),
        (["--month", "2026-Q4"], "--month 2026-Q4: phải có dạng YYYY-MM"),
        (["--quarter", "2026-11"], "--quarter 2026-11: phải có dạng YYYY-QN"),
        (["--year", "26"], "--year 26: phải có dạng YYYY"),
        (["--month", "2026-1\u{1B}[2J"], "--month 2026-1\u{241B}[2J: phải có dạng YYYY-MM"),
    ]

    @Test(arguments: refusals) func aBadPeriodIsRefused(_ args: [String], _ message: String) throws {
        let result = try motcua(["scorecard"] + args, environment: ["MOTCUA_USER": "admin", "MOTCUA_DATA": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(message), "\(result.stderr)")
    }
}
