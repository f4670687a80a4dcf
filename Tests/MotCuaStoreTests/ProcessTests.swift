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

    func list() throws -> [[String: Any]] {
        let result = try motcua(["list", "--data", path, "--json"], environment: env)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return json?["dossiers"] as? [[String: Any]] ?? []
    }
}

@Suite("Many clerk processes on one store", .serialized)
struct ProcessTests {
    @Test func concurrentWritersGetEveryDossierOnceWithUniqueGapFreeCodes() throws {
        let store = try SharedStore()
        defer { store.directory.cleanup() }
        let writers = try (0..<4).map { i in
            try Running(["stress", "--data", store.path, "--count", "200", "--op-prefix", "w\(i)", "--seed", "\(i + 1)"], environment: store.env)
        }
        let results = writers.map { $0.wait() }
        for r in results { #expect(r.status == 0, "\(r.stderr)") }
        let acked = results.flatMap { acknowledgements($0.stdout) }
        #expect(acked.count == 800)
        let codes = try store.list().compactMap { $0["code"] as? String }
        #expect(codes.count == 800 && Set(codes).count == 800)
        #expect(Set(acked.map(\.code)) == Set(codes))
        var perDay: [String: [Int]] = [:]
        for code in codes {
            let parts = code.split(separator: "-")
            perDay[String(parts[1]), default: []].append(Int(parts[2])!)
        }
        for numbers in perDay.values { #expect(numbers.sorted() == Array(1...numbers.count)) }
        let check = try motcua(["check", "--data", store.path], environment: store.env)
        #expect(check.status == 0, "\(check.stdout)")
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
        var acked: [(op: String, code: String)] = []
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
        // A retry of an acknowledged receive with its key writes nothing new.
        let firstReceive = try #require(acked.first { $0.op.hasSuffix("-0") })
        let prefix = String(firstReceive.op.dropLast(2))
        let retry = try motcua(["stress", "--data", store.path, "--count", "1", "--op-prefix", prefix], environment: store.env)
        #expect(retry.stdout.contains("ACK \(firstReceive.op) \(firstReceive.code) receive replayed"))
        #expect(Set(try store.list().compactMap { $0["code"] as? String }) == codes)
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
