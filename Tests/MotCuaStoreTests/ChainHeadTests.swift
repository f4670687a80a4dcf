import Foundation
import Testing
@testable import MotCuaStore

/// Issue 18: the chain head published outside the store, and `check --against` proving the
/// journal still extends it — also after an insider rewrote a line and recomputed the chain.
@Suite("Chain head published outside the store", .serialized)
struct ChainHeadTests {
    let receive = ["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234", "--phone", "0912345678"]

    /// Three receives this month (the store is created at the real time), three the next month.
    func store() throws -> (TempDirectory, [String: String]) {
        let dir = TempDirectory("head")
        let env = ["MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s"]
        #expect(try motcua(["init", "--training", "--agency", "000.00.xx.H57", "--name", "Thử"], environment: env).status == 0)
        for _ in 0..<3 { #expect(try motcua(receive, environment: env).status == 0) }
        var next = env
        next["MOTCUA_NOW"] = Self.nextMonth.iso + "T09:00:00+07:00"
        for _ in 0..<3 { #expect(try motcua(receive, environment: next).status == 0) }
        return (dir, next)
    }

    /// The 10th of next month (Vietnam time), and the two journal files.
    static var nextMonth: (iso: String, segments: [String]) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let now = calendar.dateComponents([.year, .month], from: Date())
        let (y, m) = (now.year!, now.month!)
        let (ny, nm) = m == 12 ? (y + 1, 1) : (y, m + 1)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return ("\(ny)-\(two(nm))-10", ["\(y)-\(two(m)).jsonl", "\(ny)-\(two(nm)).jsonl"])
    }

    /// What the review's nine-line script did: edit a line, then recompute every later hash.
    func rewrite(_ path: String, line target: Int, replacing old: String, with new: String) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        func storedHash(_ line: String) -> String { String(line.suffix(34).prefix(32)) }     // …,"h":"<32 hex>"}
        var previous = storedHash(lines[target - 1])
        for i in target..<lines.count {
            var line = i == target ? lines[i].replacingOccurrences(of: old, with: new) : lines[i]
            let marker = try #require(line.range(of: #","h":""#, options: .backwards))
            let content = String(line[..<marker.lowerBound])
            let hash = JournalCodec.chainHash(previous: previous, content: Array(content.utf8))
            line = content + #","h":"\#(hash)"}"#
            lines[i] = line
            previous = hash
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func theJournalExtendsAPublishedHeadAndARewriteIsLocated() throws {
        let (dir, env) = try store()
        defer { dir.cleanup() }
        let head = try motcua(["check", "--head", "--json"], environment: env)
        #expect(head.status == 0, "\(head.stderr)")
        let file = dir.path + "/head.json"
        try head.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let published = try #require(try JSONSerialization.jsonObject(with: Data(head.stdout.utf8)) as? [String: Any])
        let seq = try #require(published["seq"] as? Int)
        let months = try #require(published["months"] as? [[String: Any]])
        #expect(months.compactMap { $0["segment"] as? String } == Self.nextMonth.segments && (published["hash"] as? String)?.count == 32)
        let text = try motcua(["check", "--head"], environment: env)
        #expect(text.stdout.contains("seq \(seq)") && text.stdout.contains(published["hash"] as? String ?? "?"))

        // The printed register carries the same head: a paper copy outside the store.
        let register = try motcua(["print", "register", "--from", "2026-01-01", "--to", Self.nextMonth.iso], environment: env)
        #expect(register.status == 0 && register.stdout.contains("seq \(seq), mã băm \(published["hash"] as? String ?? "?")"),
                "\(register.stdout.suffix(300)) \(register.stderr)")
        let html = try motcua(["print", "register", "--from", "2026-01-01", "--to", Self.nextMonth.iso, "--format", "html"], environment: env)
        #expect(html.stdout.contains("mã băm \(published["hash"] as? String ?? "?")</p>\n</body>"))

        // Work goes on: the journal still extends the head.
        #expect(try motcua(receive, environment: env).status == 0)
        let extends = try motcua(["check", "--against", file], environment: env)
        #expect(extends.status == 0 && extends.stdout.contains("nối tiếp đầu chuỗi seq \(seq)"), "\(extends.stdout) \(extends.stderr)")

        // An insider edits next month's second receive and recomputes the chain: the chain itself is
        // intact, but the published head is not reproduced, and this month's end still matches.
        let december = dir.path + "/s/journal/" + Self.nextMonth.segments[1]
        try rewrite(december, line: 1, replacing: "Nguyễn Văn Ánh", with: "Nguyễn Văn Khác")
        #expect(try String(contentsOfFile: december, encoding: .utf8).contains("Nguyễn Văn Khác"))
        let novemberEnd = try #require(months.first?["seq"] as? Int)
        let rewritten = try motcua(["check", "--against", file, "--json"], environment: env)
        #expect(rewritten.status == 1, "\(rewritten.stdout) \(rewritten.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(rewritten.stdout.utf8)) as? [String: Any])
        let findings = (answer["findings"] as? [String] ?? []).joined(separator: " ")
        #expect(answer["ok"] as? Bool == false && findings.contains("seq \(novemberEnd + 1)…"), "\(findings)")
        #expect(!findings.contains("nhật ký hỏng"), "the rewrite kept the chain valid: \(findings)")

        // Cut back before the head: the missing seq is named.
        let lines = try String(contentsOfFile: december, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(1).joined(separator: "\n") + "\n").write(toFile: december, atomically: false, encoding: .utf8)
        let cut = try motcua(["check", "--against", file], environment: env)
        #expect(cut.status == 1 && cut.stdout.contains("không còn dòng seq"), "\(cut.stdout) \(cut.stderr)")
    }

    @Test func aFileThatIsNotAHeadIsBadInput() throws {
        let (dir, env) = try store()
        defer { dir.cleanup() }
        try "{}".write(toFile: dir.path + "/bad.json", atomically: true, encoding: .utf8)
        let bad = try motcua(["check", "--against", dir.path + "/bad.json"], environment: env)
        #expect(bad.status == 2 && bad.stderr.contains("bad.json") && bad.stdout.isEmpty, "\(bad.stderr)")
        let missing = try motcua(["check", "--against", dir.path + "/none.json"], environment: env)
        #expect(missing.status == 2 && missing.stderr.contains("none.json"))
    }
}
