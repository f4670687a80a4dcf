import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore

/// Issue 12: `check --quick` (cron) verifies the active month's chain, its link to the month
/// before, and the sealed months' recorded sizes; what it leaves to the full check is stated.
@Suite("check --quick")
struct QuickCheckTests {
    func quick(_ path: String) throws -> CheckReport { try Store.open(at: path, history: .deferred).verifyQuick() }
    func full(_ path: String) throws -> CheckReport { try Store.open(at: path).verify() }

    func lineCount(_ file: String) throws -> Int {
        try Data(contentsOf: URL(fileURLWithPath: file)).filter { $0 == 10 }.count
    }

    @Test func aCleanStorePassesAndOnlyTheActiveMonthIsRead() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        let report = try quick(path)
        #expect(report.ok, "\(report.problems)")
        #expect(report.lines == Int64(try lineCount(path + "/journal/2026-11.jsonl")))
        #expect(report.lastSeq == (try full(path)).lastSeq)
    }

    @Test func damageInTheActiveMonthIsFound() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        try CorruptionTests.flip(path + "/journal/2026-11.jsonl", at: 0.3, xor: 0x01)
        #expect(!(try quick(path)).ok)
        #expect(!(try full(path)).ok)
    }

    @Test func aSealedMonthThatGrewOrLostItsLineInSEALEDIsFound() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        let sealed = path + "/journal/SEALED"
        let original = try Data(contentsOf: URL(fileURLWithPath: sealed))
        try CorruptionTests.append(path + "/journal/2026-10.jsonl", Array("{}\n".utf8))
        let grown = try quick(path)
        #expect(grown.problems.contains { $0.contains("2026-10.jsonl") && $0.contains("SEALED") }, "\(grown.problems)")
        try Data().write(to: URL(fileURLWithPath: sealed))
        let missing = try quick(path)
        #expect(missing.problems.contains { $0.contains("2026-10.jsonl") && $0.contains("SEALED") }, "\(missing.problems)")
        try original.write(to: URL(fileURLWithPath: sealed))
    }

    @Test func aBrokenLinkBetweenTheSealedAndTheActiveMonthIsFound() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        // The last line of October gets another hash of the same length: the size is unchanged.
        let october = path + "/journal/2026-10.jsonl"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: october)))
        let marker = Array(#""h":""#.utf8)
        let at = try #require((0...(bytes.count - marker.count)).last { Array(bytes[$0..<($0 + marker.count)]) == marker }) + marker.count
        bytes[at] = bytes[at] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        try Data(bytes).write(to: URL(fileURLWithPath: october))
        let report = try quick(path)
        #expect(report.problems.contains { $0.contains("2026-11.jsonl") && $0.contains("prev") }, "\(report.problems)")
    }

    @Test func anEditInsideASealedMonthKeepingItsSizeIsLeftToTheFullCheck() throws {
        let (dir, path) = try CorruptionTests.makeStore()
        defer { dir.cleanup() }
        try CorruptionTests.flip(path + "/journal/2026-10.jsonl", at: 0.4, xor: 0x01)
        #expect((try quick(path)).ok, "quick does not hash sealed months (stated in its help)")
        #expect(!(try full(path)).ok)
    }
}
