import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// A training store made with the real binary, used by several `motcua` processes at once.
struct SharedStore {
    let directory = TempDirectory("procs")
    var path: String { directory.path + "/s" }
    let env = ["MOTCUA_USER": "admin"]

    init() throws {
        let created = try motcua(["init", "--data", directory.path + "/s", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"],
                                 environment: env)
        #expect(created.status == 0, "\(created.stderr)")
    }

    func journalFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/journal").filter { $0.hasSuffix(".jsonl") }.sorted()
            .map { path + "/journal/" + $0 }
    }

    func list() throws -> [[String: Any]] {
        let result = try motcua(["list", "--data", path, "--json"], environment: env)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return json?["dossiers"] as? [[String: Any]] ?? []
    }
}

@Suite("Many clerk processes on one store", .serialized)
struct ProcessTests {
    /// 8 clerk processes × 250 mixed commands (receive, transfer, supplement, result, return) and a
    /// session that only ever refreshes incrementally while they write.
    @Test func eightClerksTimesTwoHundredFiftyMixedCommandsLoseNothingAndAgreeWithAFreshOpen() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        let stop = store.directory.path + "/stop"
        let reader = try Running(["stress", "--data", store.path, "--reader", "--stop-file", stop], environment: store.env)
        let writers = try (0..<8).map { i in
            try Running(["stress", "--data", store.path, "--count", "250", "--mix", "mixed", "--op-prefix", "w\(i)", "--seed", "\(i + 1)"],
                        environment: store.env)
        }
        let results = writers.map { $0.wait() }
        _ = FileManager.default.createFile(atPath: stop, contents: nil)
        let read = reader.wait()
        for r in results + [read] { #expect(r.status == 0, "\(r.stderr)") }
        let acked = results.flatMap { acknowledgements($0.stdout) }
        let conflicts = results.map { $0.stdout.components(separatedBy: "CONFLICT ").count - 1 }.reduce(0, +)
        #expect(acked.count + conflicts == 2_000, "8 × 250 commands, each acknowledged or a reported conflict")
        // Every acknowledged command is in the journal exactly once, under its key.
        var opsInJournal: [String: Int] = [:]
        for file in try store.journalFiles() {
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
                let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                if let op = record?["op"] as? String { opsInJournal[op, default: 0] += 1 }
            }
        }
        #expect(acked.allSatisfy { opsInJournal[$0.op] == 1 }, "every acknowledged op once")
        #expect(opsInJournal.count == acked.count, "and nothing unacknowledged")
        let codes = try store.list().compactMap { $0["code"] as? String }
        let received = acked.filter { $0.kind == "receive" }
        #expect(codes.count == received.count && Set(codes).count == codes.count && Set(received.map(\.code)) == Set(codes))
        var perDay: [String: [Int]] = [:]
        for code in codes {
            let parts = code.split(separator: "-")
            perDay[String(parts[1]), default: []].append(Int(parts[2])!)
        }
        for numbers in perDay.values { #expect(numbers.sorted() == Array(1...numbers.count)) }
        let check = try motcua(["check", "--data", store.path], environment: store.env)
        #expect(check.status == 0, "\(check.stdout)")
        // The session that only refreshed sees exactly what a fresh open sees.
        let fresh = try motcua(["stress", "--data", store.path, "--digest"], environment: store.env)
        let digest = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("DIGEST ") }.map(String.init) }
        #expect(digest(read.stdout) != nil && digest(read.stdout) == digest(fresh.stdout), "\(read.stdout) vs \(fresh.stdout)")
        #expect(read.stdout.contains("REFRESHES ") && !read.stdout.contains("REFRESHES 0\n"))
        print("8 clerks: \(acked.count) commands acknowledged, \(conflicts) reported conflicts, \(codes.count) dossiers, 0 lost")
    }

    @Test func concurrentUpdatesFromTheSameVersionLetExactlyOneThrough() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        let received = try motcua(["receive", "--data", store.path, "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh",
                                   "--id", "046090001234", "--phone", "0912345678", "--json"], environment: store.env)
        let code = try #require((try JSONSerialization.jsonObject(with: Data(received.stdout.utf8)) as? [String: Any])?["code"] as? String)
        let racers = try (0..<6).map { i in
            try Running(["note", code, "ghi chú \(i)", "--data", store.path, "--expect-version", "1"], environment: store.env)
        }
        let statuses = racers.map { $0.wait() }
        #expect(statuses.filter { $0.status == 0 }.count == 1)
        #expect(statuses.filter { $0.status == 3 }.count == 5)
        #expect(statuses.filter { $0.status == 3 }.allSatisfy { $0.stderr.contains("Xung đột") })
        let shown = try motcua(["show", code, "--data", store.path, "--json"], environment: store.env)
        let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        #expect(json?["version"] as? Int == 2)
    }

    @Test func killingWritersMidWriteLosesNoAcknowledgedCommand() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        var acked: [(op: String, code: String, kind: String)] = []
        var kills = 0
        var rng = SeededGenerator(seed: 7)
        // MOTCUA_SOAK=1 runs ten times longer (see Docs/TESTING.md).
        let rounds = ProcessInfo.processInfo.environment["MOTCUA_SOAK"] == nil ? 30 : 300
        for round in 0..<rounds {
            let writers = try (0..<4).map { i in
                try Running(["stress", "--data", store.path, "--count", "60", "--mix", "mixed",
                             "--op-prefix", "r\(round)w\(i)", "--seed", "\(round * 10 + i)"], environment: store.env)
            }
            usleep(UInt32.random(in: 20_000...120_000, using: &rng))
            for w in writers where rng.chance(0.85) {
                w.kill9()
                kills += 1
            }
            for w in writers { acked += acknowledgements(w.wait().stdout) }
        }
        #expect(kills >= 90)
        let codes = Set(try store.list().compactMap { $0["code"] as? String })
        #expect(acked.allSatisfy { codes.contains($0.code) })
        let check = try motcua(["check", "--data", store.path], environment: store.env)
        #expect(check.status == 0, "\(check.stdout)")
        // A retry of an acknowledged receive with its key (the same writer's seed: the same citizen) writes nothing new.
        let firstReceive = try #require(acked.first { $0.op.hasSuffix("-0") })
        let prefix = String(firstReceive.op.dropLast(2))
        let numbers = prefix.dropFirst().split(separator: "w").compactMap { Int($0) }
        let retry = try motcua(["stress", "--data", store.path, "--count", "1", "--op-prefix", prefix, "--mix", "mixed",
                                "--seed", "\(numbers[0] * 10 + numbers[1])"], environment: store.env)
        #expect(retry.stdout.contains("ACK \(firstReceive.op) \(firstReceive.code) receive replayed"))
        #expect(Set(try store.list().compactMap { $0["code"] as? String }) == codes)
        print("kill -9: \(kills) writers killed in \(rounds) rounds, \(acked.count) acknowledged commands, 0 lost")
    }
}

@Suite("A journal cut anywhere")
struct TornJournalTests {
    @Test func cuttingTheLastLinesAtEveryByteOpensWithAPrefixOrRefusesClearly() throws {
        let t = try TestStore()
        defer { t.directory.cleanup() }
        for (i, time) in ["08:00", "09:00", "10:00"].enumerated() { try t.receive("Người \(i)", at: "2026-11-30T\(time)") }
        let file = try t.journalFiles().last!
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let newlines = bytes.indices.filter { bytes[$0] == 10 }
        let firstCut = newlines[newlines.count - 3] + 1                  // the last two lines
        var opened = 0
        for cut in firstCut...bytes.count {
            try Data(bytes[0..<cut]).write(to: URL(fileURLWithPath: file))
            let store = try Store.open(at: t.path)
            let completeLines = bytes[0..<cut].filter { $0 == 10 }.count
            // storeCreated + two userAdded lines come first, then one line per dossier.
            #expect(store.dossierCount == max(0, completeLines - 3), "cut at \(cut)")
            #expect(store.damage.isEmpty, "cut at \(cut): \(store.damage)")
            opened += 1
        }
        #expect(opened == bytes.count - firstCut + 1)
    }
}

/// A disk that fills, with the real binary: a file-size limit (`ulimit -f`) makes the journal
/// write fail part-way.
@Suite("Disk full, real binary", .serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
struct DiskFullProcessTests {
    @Test func aFullDiskLeavesNothingPartialSaysSoInVietnameseAndTheNextCommandWorks() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        func receive(_ name: String, limitKB: Int? = nil) throws -> RunResult {
            let args = ["receive", "--data", store.path, "--procedure", "1.004873", "--name", name, "--id", "046090001234", "--phone", "0912345678"]
            guard let limitKB else { return try motcua(args, environment: store.env) }
            let quoted = ([MotCuaBinary.path] + args).map { "'\($0)'" }.joined(separator: " ")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "ulimit -f \(limitKB) && exec \(quoted)"]
            process.environment = ProcessInfo.processInfo.environment.merging(store.env) { $1 }
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            process.waitUntilExit()
            return RunResult(status: process.terminationStatus, stdout: "",
                             stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                             signalled: process.terminationReason == .uncaughtSignal)
        }
        for i in 0..<3 { #expect(try receive("Người \(i)").status == 0) }
        let journal = try store.journalFiles().last!
        let size = { (try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? -1 }
        var refused = 0
        for attempt in 0..<3 {
            let before = size()
            let full = try receive("Người không ghi được \(attempt)", limitKB: (before + 1_023) / 1_024)
            #expect(!full.signalled && full.status == 1, "\(full.stderr)")
            #expect(full.stderr.contains("đầy") || full.stderr.contains("Hết chỗ"), "\(full.stderr)")
            #expect(size() == before, "nothing partial stays in the journal")
            refused += 1
        }
        let next = try receive("Người sau khi có chỗ")
        #expect(next.status == 0, "\(next.stderr)")
        let codes = try store.list().compactMap { $0["code"] as? String }.sorted()
        #expect(codes.count == 4 && codes.last!.hasSuffix("-0004"), "no number lost to the failed attempts: \(codes)")
        let check = try motcua(["check", "--data", store.path], environment: store.env)
        #expect(check.status == 0 && refused == 3, "\(check.stdout)")
    }
}
