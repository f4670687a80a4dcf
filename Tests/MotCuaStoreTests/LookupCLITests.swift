import Foundation
import Testing
import MotCuaCore

/// Issue 16 through the real binary: `motcua lookup` shows the public view for a right pair,
/// answers a wrong secret exactly as an unknown code, slows and locks out guessing, prints no
/// byte of personal data, and writes nothing to the store but its count of failures.
@Suite("Citizen lookup (CLI)", .serialized)
struct LookupCLITests {
    static let name = "Nguyễn Văn Ánh", id = "046090001234", phone = "0912345678", address = "27 Kim Long, phường Kim Long"
    static let proxyName = "Trần Thị Bích", proxyID = "046085000111", proxyPhone = "0905111222"
    /// Every form in which the applicant's data could leak: with and without diacritics, decomposed, in parts.
    static let forbidden = [name, "Nguyen Van Anh", name.decomposedStringWithCanonicalMapping, "Nguyễn", "Ánh", id, "09012345", phone,
                            "912345678", address, "Kim Long", proxyName, "Tran Thi Bich", proxyID, proxyPhone, "Lê Thị Lan", "gọi lại"]

    /// A training store with a clerk and a supervisor, one dossier received for a citizen with a proxy.
    struct Fixture {
        let dir = TempDirectory("lookup")
        var store: String { dir.path + "/s" }
        var staff: [String: String] { ["MOTCUA_USER": "lan", "MOTCUA_DATA": store, "MOTCUA_NOW": "2026-12-01T08:00:00+07:00"] }
        /// The citizen's side: no login, no clock, a small delay so the tests stay short.
        func citizen(delayMS: Int = 20, source: String = "10.0.0.7 50000 22") -> [String: String] {
            ["MOTCUA_DATA": store, "MOTCUA_LOOKUP_DELAY_MS": "\(delayMS)", "SSH_CLIENT": source, "MOTCUA_USER": "", "MOTCUA_NOW": ""]
        }
        let code: String
        let secret: String

        init() throws {
            let admin = ["MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s", "MOTCUA_NOW": "2026-12-01T08:00:00+07:00"]
            for args in [["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"],
                         ["users", "add", "lan", "--name", "Lê Thị Lan", "--role", "clerk"],
                         ["users", "add", "hung", "--name", "Hoàng Trọng Hùng", "--role", "supervisor"]] {
                let r = try motcua(args, environment: admin)
                guard r.status == 0 else { throw Failure(r.stderr) }
            }
            var clerk = admin
            clerk["MOTCUA_USER"] = "lan"
            let received = try motcua(["receive", "--procedure", "1.004873", "--name", LookupCLITests.name, "--id", LookupCLITests.id,
                                       "--phone", LookupCLITests.phone, "--address", LookupCLITests.address,
                                       "--proxy-name", LookupCLITests.proxyName, "--proxy-id", LookupCLITests.proxyID,
                                       "--proxy-phone", LookupCLITests.proxyPhone, "--json"], environment: clerk)
            let json = try JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [String: Any]
            guard let code = json?["code"] as? String, let secret = json?["lookupSecret"] as? String else { throw Failure(received.stdout + received.stderr) }
            self.code = code
            self.secret = secret
            _ = try motcua(["note", code, "Bà Bích gọi lại số 0905111222"], environment: clerk)
            _ = try motcua(["transfer", code, "--to", "VP"], environment: clerk)
        }

        func cleanup() { dir.cleanup() }

        /// Every regular file of the store and its SHA-256 (index snapshots included).
        func fileHashes() -> [String: String] {
            var out: [String: String] = [:]
            for relative in FileManager.default.enumerator(atPath: store)?.allObjects as? [String] ?? [] {
                var isDirectory: ObjCBool = false
                let path = "\(store)/\(relative)"
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let data = FileManager.default.contents(atPath: path) else { continue }
                out[relative] = SHA256.hex(SHA256.hash([UInt8](data)))
            }
            return out
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// The interactive lookup fed lines on stdin (not a terminal: no screen clearing, no idle timer).
    static func interactive(_ input: String, environment: [String: String]) throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MotCuaBinary.path)
        process.arguments = ["lookup"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func theRightPairShowsThePublicViewAsTextAndJSON() throws {
        let f = try Fixture()
        defer { f.cleanup() }
        #expect(f.secret.wholeMatch(of: /[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}/) != nil, "\(f.secret)")
        let text = try motcua(["lookup", f.code, "--secret", f.secret.lowercased().replacingOccurrences(of: "-", with: " ")],
                              environment: f.citizen())
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == """
            Mã hồ sơ: \(f.code)
            Thủ tục: Cấp Giấy xác nhận tình trạng hôn nhân
            Ngày tiếp nhận: 08:00 01/12/2026
            Hẹn trả kết quả: 08:00 04/12/2026 (Thứ Sáu)
            Tình trạng: Đang được giải quyết
            Nơi đang giữ hồ sơ: Văn phòng HĐND và UBND phường (Tư pháp – Hộ tịch)

            """, "\(text.stdout)")
        let json = try motcua(["lookup", String(f.code.suffix(11)), "--secret", f.secret, "--json"], environment: f.citizen())
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["code", "procedure", "receivedAt", "appointment", "appointmentExtended", "state", "stateText",
                                     "department", "supplementAsked", "resultReadyAt", "closedAt"])
        #expect(object["code"] as? String == f.code && object["state"] as? String == "in-progress")

        // The same secret wherever a desk role may reprint the receipt; not for a role that only counts.
        let shown = try motcua(["show", f.code, "--json"], environment: f.staff)
        #expect((try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])?["lookupSecret"] as? String == f.secret)
        var supervisor = f.staff
        supervisor["MOTCUA_USER"] = "hung"
        let counted = try motcua(["show", f.code, "--json"], environment: supervisor)
        #expect(counted.status == 0 && !counted.stdout.contains("lookupSecret") && !counted.stdout.contains(f.secret), "\(counted.stderr)")
        let receipt = try motcua(["print", "receipt", f.code], environment: f.staff)
        #expect(receipt.stdout.contains("mã tra cứu \(f.secret)"), "\(receipt.stdout)")
    }

    @Test func aWrongSecretIsAnsweredExactlyAsAnUnknownCodeAndSlowedAlike() throws {
        let f = try Fixture()
        defer { f.cleanup() }
        var wrong = Array(f.secret)
        wrong[0] = wrong[0] == "A" ? "B" : "A"
        let unknown = String(f.code.dropLast(4)) + "0099"
        let cases: [[String]] = [[f.code, "--secret", String(wrong)], [unknown, "--secret", f.secret], [unknown, "--secret", String(wrong)],
                                 ["261201-0099", "--secret", f.secret], ["\u{1B}]0;x\u{07}", "--secret", f.secret], [f.code, "--secret", ""]]
        var answers: [RunResult] = []
        var times: [Double] = []
        for (n, args) in cases.enumerated() {
            for json in [false, true] {
                let start = Date()
                // A fresh source each time, so each attempt is a first failure with the same delay.
                answers.append(try motcua(["lookup"] + args + (json ? ["--json"] : []), environment: f.citizen(delayMS: 300, source: "10.0.1.\(n * 2 + (json ? 1 : 0)) 1 22")))
                times.append(Date().timeIntervalSince(start))
            }
        }
        let first = answers[0]
        #expect(first.status == 2 && first.stdout.isEmpty && first.stderr.contains("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này"), "\(first.stderr)")
        for (n, answer) in answers.enumerated() {
            #expect(answer.status == first.status && answer.stdout == first.stdout && answer.stderr == first.stderr, "case \(n): \(answer.stderr)")
        }
        #expect(times.allSatisfy { $0 >= 0.3 }, "\(times)")
        // And a repeat from the same source waits twice as long.
        let start = Date()
        let again = try motcua(["lookup", unknown, "--secret", f.secret], environment: f.citizen(delayMS: 300, source: "10.0.1.0 1 22"))
        #expect(again.stderr == first.stderr && Date().timeIntervalSince(start) >= 0.6)
    }

    @Test func tenFailuresLockTheSourceOutEvenForTheRightPairButNotOthers() throws {
        let f = try Fixture()
        defer { f.cleanup() }
        for n in 0..<10 {
            let r = try motcua(["lookup", f.code, "--secret", "2222\(n % 10)2"], environment: f.citizen(delayMS: 2))
            #expect(r.status == 2, "\(r.stderr)")
        }
        let locked = try motcua(["lookup", f.code, "--secret", f.secret], environment: f.citizen(delayMS: 2))
        #expect(locked.status == 1 && locked.stdout.isEmpty && locked.stderr.contains("tra cứu tạm khóa, xin thử lại sau 15 phút"), "\(locked.stderr)")
        let elsewhere = try motcua(["lookup", f.code, "--secret", f.secret], environment: f.citizen(delayMS: 2, source: "10.9.9.9 1 22"))
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        let attempts = try String(contentsOfFile: f.store + "/lookup.attempts", encoding: .utf8)
        #expect(attempts.split(separator: "\n").count == 10 && attempts.split(separator: "\n").allSatisfy { $0.hasSuffix("\tssh:10.0.0.7") }, "\(attempts)")
    }

    @Test func noByteALookupPrintsCarriesTheApplicantsData() throws {
        let f = try Fixture()
        defer { f.cleanup() }
        _ = try motcua(["request-supplement", f.code, "--reason", "Ông Ánh thiếu giấy", "--documents", "Tờ khai có xác nhận"], environment: f.staff)
        var printed: [RunResult] = []
        for args in [["lookup", f.code, "--secret", f.secret], ["lookup", f.code, "--secret", f.secret, "--json"],
                     ["lookup", f.code, "--secret", "ZZZ-ZZZ"], ["lookup", f.code, "--secret", "ZZZ-ZZZ", "--json"], ["lookup", "--help"]] {
            printed.append(try motcua(args, environment: f.citizen()))
        }
        let session = try Self.interactive("\(f.code)\n\(f.secret)\n\n\(f.code)\nZZZZZZ\n\n", environment: f.citizen())
        printed.append(session)
        #expect(session.status == 0 && session.stdout.contains("Giấy tờ cần bổ sung: Tờ khai có xác nhận"), "\(session.stdout)\(session.stderr)")
        #expect(session.stdout.contains("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này"))
        #expect(printed[0].stdout.contains("Tình trạng: Đang chờ bổ sung giấy tờ"))
        for run in printed {
            let bytes = run.stdout + run.stderr
            for secret in Self.forbidden { #expect(!bytes.contains(secret), "\(secret) printed: \(bytes)") }
            #expect(!bytes.contains("thiếu giấy"), "the official's reason was printed")
        }
    }

    @Test func lookupsWriteNothingButTheirFailureCount() throws {
        let f = try Fixture()
        defer { f.cleanup() }
        let before = f.fileHashes()
        #expect(before["journal/2026-12.jsonl"] != nil && before["lookup.key"] != nil && before["lookup.attempts"] == nil)
        // Snapshots gone: a reader replaying the whole journal would write new ones; a lookup must not.
        for name in try FileManager.default.contentsOfDirectory(atPath: f.store + "/index") {
            try FileManager.default.removeItem(atPath: f.store + "/index/" + name)
        }
        let withoutIndex = f.fileHashes()
        for args in [["lookup", f.code, "--secret", f.secret], ["lookup", f.code, "--secret", f.secret, "--json"]] {
            #expect(try motcua(args, environment: f.citizen()).status == 0)
        }
        #expect(try Self.interactive("\(f.code)\n\(f.secret)\n", environment: f.citizen()).status == 0)
        #expect(f.fileHashes() == withoutIndex, "a right lookup changed the store")
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.store + "/index").isEmpty)
        #expect(try motcua(["lookup", f.code, "--secret", "ZZZZZZ"], environment: f.citizen()).status == 2)
        var after = f.fileHashes()
        #expect(after.removeValue(forKey: "lookup.attempts") != nil)
        #expect(after == withoutIndex, "a wrong lookup changed more than lookup.attempts")
    }

    @Test func aStoreWithoutAKeyAnswersEveryPairWrongUntilTheDeskMakesOne() throws {
        let f = try Fixture()
        defer { f.cleanup() }
        try FileManager.default.removeItem(atPath: f.store + "/lookup.key")     // a store made before issue 16
        #expect(try motcua(["lookup", f.code, "--secret", f.secret], environment: f.citizen()).status == 2)
        let received = try motcua(["receive", "--procedure", "1.004873", "--name", "Lê Văn Thành", "--id", "046088004321",
                                   "--phone", "0987654321", "--json"], environment: f.staff)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [String: Any])
        let secret = try #require(json["lookupSecret"] as? String), code = try #require(json["code"] as? String)
        var st = stat()
        #expect(stat(f.store + "/lookup.key", &st) == 0 && st.st_mode & 0o777 == 0o440)
        #expect(try motcua(["lookup", code, "--secret", secret], environment: f.citizen()).status == 0)
        // A new key: the old receipt's secret is not this store's any more, and the old code has another.
        #expect(try motcua(["lookup", f.code, "--secret", f.secret], environment: f.citizen()).status == 2)
    }

    @Test func badInvocationsAreBadInput() throws {
        let f = try Fixture()
        defer { f.cleanup() }
        let noSecret = try motcua(["lookup", f.code], environment: f.citizen())
        #expect(noSecret.status == 2 && noSecret.stderr.contains("Thiếu --secret"), "\(noSecret.stderr)")
        let jsonInteractive = try motcua(["lookup", "--json"], environment: f.citizen())
        #expect(jsonInteractive.status == 2)
        // The delay override is for training stores only.
        let production = TempDirectory("lookup-prod")
        defer { production.cleanup() }
        #expect(try motcua(["init", "--data", production.path + "/p", "--agency", "000.00.xx.H57", "--name", "Thật"], environment: ["MOTCUA_USER": ""]).status == 0)
        let refused = try motcua(["lookup", f.code, "--secret", f.secret], environment: ["MOTCUA_DATA": production.path + "/p", "MOTCUA_LOOKUP_DELAY_MS": "1"])
        #expect(refused.status == 2 && refused.stderr.contains("chỉ dùng được trên kho đào tạo"), "\(refused.stderr)")
    }
}
