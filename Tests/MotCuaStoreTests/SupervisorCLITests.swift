import Foundation
import Testing
@testable import MotCuaCore

/// The supervisors' commands through the real binary, checked against an independent reading of `list --json`.
@Suite("Supervisor commands", .serialized)
struct SupervisorCLITests {
    static let now = "2026-11-30T10:00:00+07:00"

    func demo() -> (TempDirectory, [String: String]) {
        let dir = TempDirectory("supervisor")
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

    @Test func theOverdueListMatchesAnIndependentComputationFromList() throws {
        let (dir, env) = demo()
        defer { dir.cleanup() }
        let listed = try json(["list", "--json"], env)["dossiers"] as? [[String: Any]] ?? []
        let now = Instant(iso8601: Self.now)!
        let expected = Set(listed.filter { d in
            let state = d["state"] as? String
            let due = (d["due"] as? String).flatMap(Instant.init(iso8601:))
            return (state == "received" || state == "in-progress") && due.map { $0 < now } == true
        }.compactMap { $0["code"] as? String })
        #expect(!expected.isEmpty)
        let overdue = try json(["overdue", "--format", "json"], env)
        let rows = overdue["overdue"] as? [[String: Any]] ?? []
        #expect(Set(rows.compactMap { $0["code"] as? String }) == expected)
        #expect(rows.allSatisfy { ($0["workingDaysLate"] as? Int ?? 0) >= 1 && $0["holder"] != nil })
        let lates = rows.compactMap { $0["workingDaysLate"] as? Int }
        #expect(lates == lates.sorted(by: >), "most late first")
        let csv = try motcua(["overdue", "--format", "csv"], environment: env)
        #expect(csv.stdout.hasPrefix("\u{FEFF}") && csv.stdout.contains("\r\n"))
        #expect(csv.stderr.contains("dữ liệu cá nhân") || csv.stderr.contains("số định danh") || !csv.stderr.isEmpty)
    }

    @Test func aQuarterReportReconcilesAndStatesItsRules() throws {
        let (dir, env) = demo()
        defer { dir.cleanup() }
        for by in ["field", "department", "procedure", "official", "channel"] {
            let report = try json(["report", "--from", "2026-08-01", "--to", "2026-10-31", "--by", by, "--format", "json"], env)
            #expect(report["schema"] as? Int == 1)
            #expect((report["rules"] as? [String])?.isEmpty == false)
            let total = report["total"] as? [String: Any] ?? [:]
            func n(_ key: String) -> Int { total[key] as? Int ?? -1 }
            let closedOther = n("refused") + n("withdrawn")
            let pending = n("pendingWithinTime") + n("pendingOverdue") + n("pausedSupplement") + n("pausedSuspension")
            #expect(n("carriedOver") + n("received") == n("resolved") + closedOther + pending, "\(by): \(total)")
            #expect(n("resolved") == n("early") + n("onTime") + n("late"))
            #expect(n("resolved") == n("earlyByDate") + n("onTimeByDate") + n("lateByDate"))
        }
        let bad = try motcua(["report", "--from", "2026-10-31", "--to", "2026-08-01"], environment: env)
        #expect(bad.status == 2 && bad.stdout.isEmpty)
    }

    @Test func supervisorsSeeMaskedIDsAndPhonesAndClerksCannotAskForAnotherOffice() throws {
        let (dir, env) = demo()
        defer { dir.cleanup() }
        let listed = try json(["list", "--json", "--limit", "1"], env)["dossiers"] as? [[String: Any]] ?? []
        let code = try #require(listed.first?["code"] as? String)
        let asClerk = try motcua(["show", code, "--json"], environment: env.merging(["MOTCUA_USER": "lan"]) { $1 })
        let asSupervisor = try motcua(["show", code, "--json"], environment: env.merging(["MOTCUA_USER": "hung"]) { $1 })
        let full = try #require(try JSONSerialization.jsonObject(with: Data(asClerk.stdout.utf8)) as? [String: Any])
        let applicant = try #require(full["applicant"] as? [String: Any])
        let id = try #require(applicant["idNumber"] as? String)
        #expect(id.count == 12 && !id.contains("*"))
        #expect(!asSupervisor.stdout.contains(id) && asSupervisor.stdout.contains("*********" + id.suffix(3)))
        // Issue 17 #6: the receipt is the citizen's: printed in full even by a supervisor, and the
        // journal says who printed it (the internal control slip carries no ID at all).
        let receipt = try motcua(["print", "receipt", code], environment: env.merging(["MOTCUA_USER": "hung"]) { $1 })
        #expect(receipt.status == 0 && receipt.stdout.contains(id), "\(receipt.stderr)")
        let journal = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/s/journal").filter { $0.hasSuffix(".jsonl") }
            .map { try String(contentsOfFile: dir.path + "/s/journal/" + $0, encoding: .utf8) }.joined()
        let printed = journal.split(separator: "\n").filter { $0.contains("formPrinted") }
        #expect(printed.count == 1 && printed[0].contains(#""by":"hung""#) && printed[0].contains(code), "\(printed)")
        let check = try motcua(["check"], environment: env)
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
        let other = try motcua(["overdue", "--office", "P2"], environment: env.merging(["MOTCUA_USER": "lan"]) { $1 })
        #expect(other.status == 4 && other.stderr.contains("xem số liệu của các đơn vị khác"), "\(other.stderr)")
        let scoped = try json(["overdue", "--format", "json", "--office", "P2"], env.merging(["MOTCUA_USER": "hung"]) { $1 })
        #expect(scoped["office"] as? String == "P2" && (scoped["overdue"] as? [Any])?.isEmpty == true)
    }

    @Test func formsPrintAsTextAndHTMLWithVietnameseText() throws {
        let (dir, env) = demo()
        defer { dir.cleanup() }
        let listed = try json(["list", "--json", "--limit", "1"], env)["dossiers"] as? [[String: Any]] ?? []
        let code = try #require(listed.first?["code"] as? String)
        let text = try motcua(["print", "receipt", code], environment: env)
        #expect(text.status == 0 && text.stdout.contains("GIẤY TIẾP NHẬN HỒ SƠ") && text.stdout.contains(code))
        let file = dir.path + "/slip.html"
        let html = try motcua(["print", "control-slip", code, "--format", "html", "--output", file], environment: env)
        #expect(html.status == 0)
        let page = try String(contentsOfFile: file, encoding: .utf8)
        #expect(page.contains("<meta charset=\"utf-8\">") && page.contains("@page") && page.contains("PHIẾU KIỂM SOÁT"))
        let register = try motcua(["print", "register", "--from", "2026-11-01", "--to", "2026-11-30"], environment: env)
        #expect(register.status == 0 && register.stdout.contains("SỔ THEO DÕI HỒ SƠ"))
        let missing = try motcua(["print", "refusal", code], environment: env)
        #expect(missing.status == 2 && !missing.stderr.isEmpty)
    }
}

/// `motcua calendar` counts with the store's own holiday file when there is a store.
@Suite("Calendar with a store", .serialized)
struct CalendarStoreCLITests {
    @Test func aStoresOwnScheduleChangesHolidaysAndDueDates() throws {
        let dir = TempDirectory("calendar")
        defer { dir.cleanup() }
        let store = dir.path + "/s"
        let env = ["MOTCUA_USER": "admin", "MOTCUA_DATA": ""]
        #expect(try motcua(["init", "--data", store, "--agency", "000.00.xx.H57", "--name", "Thử"], environment: env).status == 0)
        // A (fictional) 2027 notice: Friday 2027-01-08 off, made up on Saturday 2027-01-16.
        let schedule = #"{"schema":1,"years":[{"year":2027,"daysOff":[{"date":"2027-01-01","name":"Tết Dương lịch","kind":"statutory"},{"date":"2027-01-08","name":"Nghỉ hoán đổi","kind":"official"}],"makeupWorkdays":[{"date":"2027-01-16","name":"Làm bù"}]}]}"#
        try FileManager.default.createDirectory(atPath: store + "/calendar", withIntermediateDirectories: true)
        try schedule.write(toFile: store + "/calendar/holidays.json", atomically: true, encoding: .utf8)
        let shipped = try motcua(["calendar", "holidays", "2027", "--json"], environment: env)
        let own = try motcua(["calendar", "holidays", "2027", "--json", "--data", store], environment: env)
        #expect(shipped.status == 0 && own.status == 0, "\(own.stderr)")
        #expect(!shipped.stdout.contains("2027-01-08") && own.stdout.contains("2027-01-08") && own.stdout.contains("2027-01-16"))
        // Thursday 2027-01-07 17:00 plus one working day: Monday the 11th normally would be the
        // shipped answer after Friday the 8th; the store skips the 8th.
        let args = ["calendar", "due", "--from", "2027-01-07T16:00", "--days", "1", "--model", "day-end", "--json"]
        let a = try motcua(args, environment: env), b = try motcua(args + ["--data", store], environment: env)
        #expect(a.stdout.contains("2027-01-08T17:00"), "\(a.stdout)")
        #expect(b.stdout.contains("2027-01-11T17:00"), "\(b.stdout)")
        let viaEnvironment = try motcua(args, environment: ["MOTCUA_DATA": store])
        #expect(viaEnvironment.stdout == b.stdout)
        let missing = try motcua(["calendar", "holidays", "2027", "--data", dir.path + "/none"], environment: env)
        #expect(missing.status != 0 && !missing.stderr.isEmpty)
    }
}
