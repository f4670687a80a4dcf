import Foundation
import Testing
@testable import MotCuaCore

/// Issue 17's command-line frictions (#2 parser messages and help, #3 permission exit code, #4 Vietnamese dates, #5 the demo as a clerk, #7 the yearly schedule, #8 the proxy's details),
/// through the real binary.
@Suite("Issue 17 command line", .serialized)
struct Issue17CLITests {
    @Test func theParsersOwnComplaintsAreInVietnameseAndExitTwo() throws {
        let cases: [([String], String)] = [
            (["list", "--state", "xml"], "không hợp lệ"),
            (["print", "receipt", "X", "--format", "xml"], "Giá trị 'xml' không hợp lệ cho '--format"),
            (["list", "--bogus"], "Không có tùy chọn '--bogus'"),
            (["list", "thừa"], "Thừa đối số 'thừa'"),
            (["show"], "Thiếu đối số bắt buộc"),
            (["list", "--limit"], "Thiếu giá trị cho '--limit"),
            (["list", "--limit", "abc"], "Giá trị 'abc' không hợp lệ"),
        ]
        for (args, expected) in cases {
            let result = try motcua(args, environment: ["MOTCUA_DATA": "/nonexistent-motcua"])
            #expect(result.status == 2, "\(args): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(args): \(result.stderr)")
            for english in ["Error:", "Usage:", "is invalid", "Unknown option", "Unexpected argument", "Missing", "for more information"] {
                #expect(!result.stderr.contains(english), "\(args): \(result.stderr)")
            }
        }
        let state = try motcua(["list", "--state", "xml"], environment: ["MOTCUA_DATA": "/nonexistent-motcua"])
        #expect(state.stderr.contains("received, in-progress, awaiting-supplement, suspended, result-ready, returned, refused, withdrawn"),
                "\(state.stderr)")
        let help = try motcua(["list", "--help"])
        #expect(help.status == 0 && help.stdout.contains("received, in-progress") && help.stdout.contains("withdrawn"), "\(help.stdout)")
        #expect(help.stdout.contains("TÙY CHỌN:") && help.stdout.contains("CÁCH DÙNG:"), "\(help.stdout)")
        for english in ["OPTIONS:", "USAGE:", "OVERVIEW:", "Show help information"] { #expect(!help.stdout.contains(english), "\(help.stdout)") }
    }

    @Test func aPermissionRefusalExitsFourAndTheHelpSaysSo() throws {
        let dir = TempDirectory("forbid")
        defer { dir.cleanup() }
        let env = ["MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
        let refused = try motcua(["users", "add", "hoa", "--name", "Nguyễn Thị Hoa", "--role", "admin"],
                                 environment: env.merging(["MOTCUA_USER": "lan"]) { $1 })
        #expect(refused.status == 4, "\(refused.status) \(refused.stderr)")
        let help = try motcua(["--help"])
        #expect(help.stdout.contains("4 vai trò không được phép"), "\(help.stdout)")
    }

    @Test func datesAreTakenAsDdMMyyyyAndInstantsWithHHmm() throws {
        func json(_ args: [String]) throws -> String {
            let result = try motcua(args + ["--json"])
            #expect(result.status == 0, "\(args): \(result.stderr)")
            return result.stdout
        }
        #expect(try json(["calendar", "lunar", "17/02/2026"]) == json(["calendar", "lunar", "2026-02-17"]))
        #expect(try json(["calendar", "due", "--from", "27/11/2026 09:15", "--days", "3"])
                == json(["calendar", "due", "--from", "2026-11-27T09:15", "--days", "3"]))
        #expect(try json(["calendar", "due", "--from", "27/11/2026 09:15", "--days", "3", "--pause", "30/11/2026 08:00/01/12/2026 08:00"])
                == json(["calendar", "due", "--from", "2026-11-27T09:15", "--days", "3", "--pause", "2026-11-30T08:00/2026-12-01T08:00"]))
        let wrong = try motcua(["calendar", "lunar", "31/02/2026"])
        #expect(wrong.status == 2 && wrong.stderr.contains("ngày không tồn tại"), "\(wrong.stderr)")
    }

    /// Defect 9's rule on the command line: the date options read what F9 reads (Core's one
    /// reader), a two-digit year is 20yy, and a well-formed day that does not exist is called so.
    @Test func dateOptionsReadTwoDigitYearsAsF9DoesAndNameDaysThatDoNotExist() throws {
        let dir = TempDirectory("dates17")
        defer { dir.cleanup() }
        let env = ["MOTCUA_NOW": "2026-12-01T10:00:00+07:00", "MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        #expect(try motcua(["demo", "--data", dir.path + "/s", "--no-tui", "--dossiers", "20"], environment: env).status == 0)
        let short = try motcua(["report", "--from", "1/10/26", "--to", "30/11/26", "--format", "json"], environment: env)
        #expect(short.status == 0, "\(short.stderr)")
        let long = try motcua(["report", "--from", "01/10/2026", "--to", "2026-11-30", "--format", "json"], environment: env)
        #expect(short.stdout == long.stdout && short.stdout.contains(#""from":"2026-10-01","to":"2026-11-30""#), "\(short.stdout.prefix(200))")
        let register = try motcua(["print", "register", "--from", "1/11/26", "--to", "30/11/26"], environment: env)
        #expect(register.status == 0, "\(register.stderr)")
        #expect(try motcua(["calendar", "lunar", "17/2/26", "--json"]).stdout == motcua(["calendar", "lunar", "2026-02-17", "--json"]).stdout)
        let cases: [([String], String)] = [
            (["report", "--from", "31/02/2026", "--to", "30/11/2026"], "--from: '31/02/2026' là ngày không tồn tại"),
            (["report", "--from", "1/10/26", "--to", "31/11/26"], "--to: '31/11/26' là ngày không tồn tại"),
            (["report", "--from", "2026-02-31", "--to", "2026-11-30"], "là ngày không tồn tại"),
            (["print", "register", "--from", "29/02/2026", "--to", "30/11/2026"], "là ngày không tồn tại"),
            (["calendar", "due", "--from", "31/04/2026 09:00", "--days", "3"], "là ngày không tồn tại"),
            (["report", "--from", "1/10", "--to", "30/11/2026"], "không phải ngày hợp lệ"),
            (["report", "--from", "1/10/202", "--to", "30/11/2026"], "không phải ngày hợp lệ"),
        ]
        for (args, expected) in cases {
            let result = try motcua(args, environment: env)
            #expect(result.status == 2 && result.stdout.isEmpty, "\(args): \(result.status)")
            #expect(result.stderr.contains(expected), "\(args): \(result.stderr)")
        }
    }

    @Test func theDemoOpensAsAClerkSaysWhoAndHowToSwitchAndNoStorePointsToTheDemo() throws {
        let dir = TempDirectory("demo17")
        defer { dir.cleanup() }
        let env = ["MOTCUA_NOW": "2026-11-30T10:00:00+07:00"]
        let demo = try motcua(["demo", "--data", dir.path + "/s", "--no-tui", "--dossiers", "20"], environment: env)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Lê Thị Lan (lan") && demo.stdout.contains("--as") && demo.stdout.contains("MOTCUA_USER"), "\(demo.stdout)")
        #expect(!demo.stdout.contains("tư cách Quản trị viên"), "\(demo.stdout)")
        let hung = try motcua(["demo", "--data", dir.path + "/s", "--no-tui", "--as", "hung"], environment: env)
        #expect(hung.status == 0 && hung.stdout.contains("Hoàng Trọng Hùng (hung"), "\(hung.stdout) \(hung.stderr)")
        let missing = try motcua(["list"], environment: ["MOTCUA_DATA": dir.path + "/nothing-here"])
        #expect(missing.status == 1, "\(missing.stderr)")
        #expect(missing.stderr.contains("motcua demo") && missing.stderr.contains("--data"), "\(missing.stderr)")
    }

    @Test func theProxyIsCapturedWithIDPhoneAndAuthorisationAndPrintedOnTheReceipt() throws {
        let dir = TempDirectory("proxy17")
        defer { dir.cleanup() }
        let env = ["MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s", "MOTCUA_NOW": "2026-12-01T08:00:00+07:00"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
        let clerk = env.merging(["MOTCUA_USER": "lan"]) { $1 }
        let base = ["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234", "--phone", "0912345678"]
        let proxy = ["--proxy-name", "Trần Văn Bình", "--proxy-id", "046085000111", "--proxy-phone", "0905 111 222",
                     "--proxy-document", "Giấy ủy quyền số 12/UQ ngày 28/11/2026, chứng thực tại UBND phường"]
        let received = try motcua(base + proxy + ["--json"], environment: clerk)
        #expect(received.status == 0, "\(received.stderr)")
        let show = try motcua(["show", "261201-0001", "--json"], environment: clerk)
        #expect(show.stdout.contains(#""phone":"0905111222""#) && show.stdout.contains("12/UQ"), "\(show.stdout)")
        let receipt = try motcua(["print", "receipt", "261201-0001"], environment: clerk)
        #expect(receipt.status == 0, "\(receipt.stderr)")
        #expect(receipt.stdout.contains("Trần Văn Bình") && receipt.stdout.contains("046085000111") && receipt.stdout.contains("0905111222"),
                "\(receipt.stdout)")
        #expect(receipt.stdout.contains("Giấy ủy quyền số 12/UQ"), "\(receipt.stdout)")
        let badPhone = try motcua(base + ["--proxy-name", "Trần Văn Bình", "--proxy-phone", "12345"], environment: clerk)
        #expect(badPhone.status == 2 && badPhone.stderr.contains("Người được ủy quyền"), "\(badPhone.stderr)")
        let badID = try motcua(base + ["--proxy-name", "Trần Văn Bình", "--proxy-id", "999000111222"], environment: clerk)
        #expect(badID.status == 2 && badID.stderr.contains("Người được ủy quyền"), "\(badID.stderr)")
        let noName = try motcua(base + ["--proxy-phone", "0905111222"], environment: clerk)
        #expect(noName.status == 2 && noName.stderr.contains("--proxy-name"), "\(noName.stderr)")
    }

    @Test func anAdminPublishesListsAndRemovesAYearsScheduleWithItsLegalBasis() throws {
        let dir = TempDirectory("schedule17")
        defer { dir.cleanup() }
        let env = ["MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s", "MOTCUA_NOW": "2026-12-01T08:00:00+07:00"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        #expect(try motcua(["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"], environment: env).status == 0)
        let doctorBefore = try motcua(["doctor", "--json"], environment: env)
        #expect(doctorBefore.stdout.contains("calendar schedule add 2027"), "\(doctorBefore.stdout)")
        let add = ["calendar", "schedule", "add", "2027", "--legal-basis", "Thông báo 123/TB-BNV ngày 20/11/2026",
                   "--off", "01/01/2027=Tết Dương lịch", "--off", "05/02/2027-11/02/2027=Tết Nguyên đán",
                   "--makeup", "20/02/2027=Làm bù cho thứ Sáu 12/02/2027"]
        let refused = try motcua(add, environment: env.merging(["MOTCUA_USER": "lan"]) { $1 })
        #expect(refused.status == 4, "\(refused.stderr)")
        let overlap = try motcua(add + ["--off", "10/02/2027-12/02/2027=Thêm"], environment: env)
        #expect(overlap.status == 2 && overlap.stderr.contains("trùng"), "\(overlap.stderr)")
        let weekday = try motcua(add + ["--makeup", "22/02/2027=Thứ Hai"], environment: env)
        #expect(weekday.status == 2 && weekday.stderr.contains("không phải thứ Bảy/Chủ nhật"), "\(weekday.stderr)")
        let published = try motcua(add, environment: env)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(try motcua(add, environment: env).status == 2, "a second publication of the same year is refused")
        let list = try motcua(["calendar", "schedule", "list", "--json"], environment: env)
        #expect(list.stdout.contains(#""year":2027"#) && list.stdout.contains(#""source":"store""#) && list.stdout.contains("123/TB-BNV"), "\(list.stdout)")
        let due = try motcua(["calendar", "due", "--from", "04/02/2027 09:00", "--days", "1", "--json"], environment: env)
        #expect(due.stdout.contains("2027-02-12T09:00"), "\(due.stdout)")
        let removed = try motcua(["calendar", "schedule", "remove", "2027"], environment: env)
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try motcua(["calendar", "schedule", "remove", "2026"], environment: env).status == 2)
        let journal = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/s/journal").filter { $0.hasSuffix(".jsonl") }
            .map { try String(contentsOfFile: dir.path + "/s/journal/" + $0, encoding: .utf8) }.joined()
        #expect(journal.contains("schedulePublished") && journal.contains("scheduleRemoved"))
    }
}
