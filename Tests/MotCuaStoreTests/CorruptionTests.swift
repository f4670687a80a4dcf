import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Damage of every kind to a copy of a two-month store, judged through the real binary: the store
/// opens with the right state (a derived file rebuilt), or `motcua check` names the file (and, for
/// the journal, the line and offset), or it refuses to open naming the file. Never a crash, never
/// silence.
@Suite("Corrupt files", .serialized)
struct CorruptionTests {
    /// rebuilt: a derived file was redone, same state, check clean. reported: check (or the
    /// open) names the damage. prefix: a torn last line, the state before it, check notes it.
    enum Expect { case rebuilt, reported, prefix }

    struct Case {
        let label: String
        let file: String            // relative to the store
        let expect: Expect
        let damage: (String) throws -> Void
    }

    /// October sealed, November active; a snapshot; then five more lines after it.
    static func makeStore() throws -> (TempDirectory, String) {
        let dir = TempDirectory("corrupt")
        let path = dir.path + "/s"
        let config = StoreConfig(agency: "000.00.xx.H57", name: "Phường thử", training: true, createdAt: at("2026-09-30T08:00"))
        let store = try Store.create(at: path, config: config, admin: User(login: "admin", name: "Quản trị", role: .admin))
        let admin = try store.actor(login: "admin", terminal: nil)
        try store.addUser(User(login: "hoa", name: "Nguyễn Thị Hoa", role: .officer, department: "VP"), actor: admin, now: at("2026-09-30T08:00"))
        func receive(_ name: String, _ time: String) throws -> Commit {
            try store.receive(Intake(procedureCode: "1.004873", applicant: Person(name: name, idNumber: "046090001234", phone: "0912345678")),
                              actor: admin, now: at(time))
        }
        for day in 1...15 { _ = try receive("Người tháng mười \(day)", String(format: "2026-10-%02dT09:00", day)) }
        for day in 2...13 {
            let c = try receive("Người tháng mười một \(day)", String(format: "2026-11-%02dT09:00", day))
            if day % 2 == 0 {
                _ = try store.perform(.transfer(department: "VP", official: "hoa"), on: c.code, actor: admin, now: at(String(format: "2026-11-%02dT10:00", day)))
            }
        }
        try store.checkpoint()
        for day in 16...20 { _ = try receive("Người sau ảnh chụp \(day)", String(format: "2026-11-%02dT09:00", day)) }
        #expect(FileManager.default.fileExists(atPath: path + "/journal/2026-10.jsonl") && FileManager.default.fileExists(atPath: path + "/journal/SEALED"))
        return (dir, path)
    }

    static func flip(_ path: String, at fraction: Double, xor: UInt8) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let i = min(bytes.count - 1, Int(Double(bytes.count) * fraction))
        bytes[i] ^= xor
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func append(_ path: String, _ text: [UInt8]) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: text)
        try h.close()
    }

    static func cases(store: String) throws -> [Case] {
        let index = try FileManager.default.contentsOfDirectory(atPath: store + "/index")
        let rows = index.filter { $0.hasSuffix(".rows") }.sorted()
        var rng = SeededGenerator(seed: 2026)
        var list: [Case] = []
        func flips(_ file: String, _ n: Int, _ expect: Expect) {
            for k in 0..<n {
                let fraction = Double.random(in: 0..<1, using: &rng), xor = UInt8.random(in: 1...255, using: &rng)
                list.append(Case(label: "\(file) byte \(k)", file: file, expect: expect) { try flip($0 + "/" + file, at: fraction, xor: xor) })
            }
        }
        flips("journal/2026-10.jsonl", 30, .reported)
        flips("journal/2026-11.jsonl", 30, .reported)
        for r in rows { flips("index/" + r, 6, .rebuilt) }
        let heads = index.filter { $0.hasPrefix("HEAD.") }.sorted()
        for head in heads { flips("index/" + head, 6 / heads.count, .rebuilt) }
        for (label, bytes) in [("garbage text", Array("garbage\n".utf8)), ("empty object", Array("{}\n".utf8)),
                               ("seq far ahead", Array(#"{"seq":99999,"at":"2026-11-30T09:00:00+07:00","by":"lan"}"#.utf8) + [10]),
                               ("binary", [0xFF, 0xFE, 0x00, 0x1B, 0x5B, 0x32, 0x4A, 10])] {
            list.append(Case(label: "active + \(label)", file: "journal/2026-11.jsonl", expect: .reported) { try append($0 + "/journal/2026-11.jsonl", bytes) })
        }
        list.append(Case(label: "active + torn last line", file: "journal/2026-11.jsonl", expect: .prefix) {
            try append($0 + "/journal/2026-11.jsonl", Array("{\"seq\":".utf8))
        })
        list.append(Case(label: "a line repeated", file: "journal/2026-11.jsonl", expect: .reported) { store in
            let path = store + "/journal/2026-11.jsonl"
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            try append(path, Array((lines[lines.count - 2] + "\n").utf8))
        })
        list.append(Case(label: "garbage inside the sealed month", file: "journal/2026-10.jsonl", expect: .reported) { store in
            let path = store + "/journal/2026-10.jsonl"
            var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            lines.insert("rác", at: lines.count / 2)
            try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        })
        for file in ["journal/2026-10.jsonl", "journal/2026-11.jsonl", "journal/SEALED", "config.json", "users.json", "catalogue.json", "FORMAT"] {
            list.append(Case(label: "\(file) emptied", file: file, expect: .reported) { try Data().write(to: URL(fileURLWithPath: $0 + "/" + file)) })
        }
        for file in (rows + heads).map({ "index/" + $0 }) {
            list.append(Case(label: "\(file) emptied", file: file, expect: .rebuilt) { try Data().write(to: URL(fileURLWithPath: $0 + "/" + file)) })
        }
        for file in ["FORMAT", "config.json", "journal/2026-10.jsonl"] {
            list.append(Case(label: "\(file) missing", file: file, expect: .reported) { try FileManager.default.removeItem(atPath: $0 + "/" + file) })
        }
        return list
    }

    static func state(_ path: String) throws -> RunResult {
        try motcua(["list", "--data", path, "--json"], environment: ["MOTCUA_USER": "admin", "MOTCUA_NOW": "2026-11-30T10:00:00+07:00"])
    }

    @Test func everyDamageIsRebuiltReportedOrRefusedNeverACrashOrSilence() throws {
        let (dir, original) = try Self.makeStore()
        defer { dir.cleanup() }
        let before = try Self.state(original)
        #expect(before.status == 0)
        let cases = try Self.cases(store: original)
        var outcomes: [Expect: Int] = [:]
        for (n, c) in cases.enumerated() {
            let copy = dir.path + "/case\(n)"
            try FileManager.default.copyItem(atPath: original, toPath: copy)
            try c.damage(copy)
            let check = try motcua(["check", "--data", copy], environment: ["MOTCUA_USER": "admin"])
            let listed = try Self.state(copy)
            #expect(!check.signalled && !listed.signalled, "\(c.label): crashed")
            let said = check.stdout + check.stderr + listed.stderr
            switch c.expect {
            case .rebuilt:
                #expect(check.status == 0, "\(c.label): \(said)")
                #expect(listed.stdout == before.stdout, "\(c.label): state differs after the rebuild")
            case .prefix:
                #expect(check.status == 0 && check.stdout.contains("Ghi chú") && said.contains((c.file as NSString).lastPathComponent), "\(c.label): \(said)")
                #expect(listed.stdout == before.stdout, "\(c.label)")
            case .reported:
                #expect(check.status != 0, "\(c.label): check found nothing")
                let name = (c.file as NSString).lastPathComponent
                #expect(said.contains(name) || (c.file == "FORMAT" && said.contains(copy)), "\(c.label): \(said)")
                if c.file.hasPrefix("journal/2026-1"), check.stdout.contains("PHÁT HIỆN") {
                    #expect(said.contains("dòng") && said.contains("byte") || said.contains("SEALED") || said.contains("mất"), "\(c.label): \(said)")
                }
                if listed.status == 0 {                     // it opened: what it shows is a prefix of the truth
                    #expect(try Self.codes(listed.stdout).isSubset(of: Self.codes(before.stdout)), "\(c.label)")
                } else {
                    #expect(!listed.stderr.isEmpty, "\(c.label): refused in silence")
                }
            }
            outcomes[c.expect, default: 0] += 1
            try? FileManager.default.removeItem(atPath: copy)
        }
        #expect(cases.count >= 90)
        print("corrupt cases: \(cases.count) (\(outcomes[.rebuilt] ?? 0) rebuilt, \(outcomes[.reported] ?? 0) reported or refused, \(outcomes[.prefix] ?? 0) torn tail)")
    }

    static func codes(_ listJSON: String) throws -> Set<String> {
        let json = try JSONSerialization.jsonObject(with: Data(listJSON.utf8)) as? [String: Any]
        return Set((json?["dossiers"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
    }
}
