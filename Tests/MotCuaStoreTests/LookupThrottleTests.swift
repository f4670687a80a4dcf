import Foundation
import Testing
@testable import MotCuaStore

/// The lookup's failure count (`lookup.attempts`): delays that double, a lockout per source and
/// one for everyone, a bounded pruned file, counts kept across concurrent processes, and the
/// store's key made once under the writer lock however many processes ask at the same moment.
@Suite("Citizen lookup: throttle and key", .serialized)
struct LookupThrottleTests {
    @Test func delaysDoubleToTheCapAndTenFailuresLockTheSourceForTheWindow() {
        let dir = TempDirectory("throttle")
        defer { dir.cleanup() }
        let throttle = LookupThrottle(storePath: dir.path)
        let t0 = 1_800_000_000.0
        let delays = (0..<6).map { throttle.recordFailure(source: "ssh:10.0.0.1", now: t0 + Double($0)) }
        #expect(delays == [0.5, 1, 2, 4, 8, 8])
        #expect(throttle.verdict(source: "ssh:10.0.0.1", now: t0 + 10) == .open)
        for n in 6..<10 { _ = throttle.recordFailure(source: "ssh:10.0.0.1", now: t0 + Double(n)) }
        #expect(throttle.verdict(source: "ssh:10.0.0.1", now: t0 + 10) == .lockedOut(until: t0 + 15 * 60))
        #expect(throttle.verdict(source: "ssh:10.0.0.2", now: t0 + 10) == .open)
        // Once the first of those ten ages out of the window, the source may try again.
        #expect(throttle.verdict(source: "ssh:10.0.0.1", now: t0 + 15 * 60 + 1) == .open)
        // A new source starts at the first delay, unless everyone together has failed a lot.
        #expect(throttle.recordFailure(source: "tty:/dev/pts/4", now: t0 + 11) == 0.5)
    }

    @Test func theGlobalBucketSlowsAndThenLocksEveryone() {
        let dir = TempDirectory("throttle-global")
        defer { dir.cleanup() }
        var policy = LookupThrottle.Policy()
        policy.globalSlowAfter = 5
        policy.globalLockoutAfter = 8
        let throttle = LookupThrottle(storePath: dir.path, policy: policy)
        let t0 = 1_800_000_000.0
        let delays = (0..<6).map { throttle.recordFailure(source: "ssh:10.0.1.\($0)", now: t0) }
        #expect(delays == [0.5, 0.5, 0.5, 0.5, 8, 8])
        _ = throttle.recordFailure(source: "ssh:10.0.1.6", now: t0)
        _ = throttle.recordFailure(source: "ssh:10.0.1.7", now: t0)
        #expect(throttle.verdict(source: "ssh:10.9.9.9", now: t0 + 1) == .lockedOut(until: t0 + 15 * 60))
    }

    @Test func theFileIsPrunedBoundedAndHoldsOnlyCleanSourceNames() throws {
        let dir = TempDirectory("throttle-bound")
        defer { dir.cleanup() }
        var policy = LookupThrottle.Policy()
        policy.maxLines = 50
        let throttle = LookupThrottle(storePath: dir.path, policy: policy)
        let t0 = 1_800_000_000.0
        for n in 0..<30 { _ = throttle.recordFailure(source: "old\(n)", now: t0) }
        for n in 0..<80 { _ = throttle.recordFailure(source: "ssh:\u{1B}]0;x\u{07}\t\n10.0.0.\(n)", now: t0 + 16 * 60) }
        let lines = try String(contentsOfFile: dir.path + "/lookup.attempts", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 50)
        #expect(lines.allSatisfy { $0.split(separator: "\t").count == 2 && !$0.contains("old") && !$0.contains("\u{1B}") }, "\(lines)")
        #expect(lines.last == "\(Int64(t0) + 16 * 60)\tssh:0x10.0.0.79")
    }

    @Test func concurrentLookupsCountEveryFailure() throws {
        let dir = TempDirectory("throttle-processes")
        defer { dir.cleanup() }
        let env = ["MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s", "MOTCUA_NOW": "2026-12-01T08:00:00+07:00"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        let citizen = ["MOTCUA_DATA": dir.path + "/s", "MOTCUA_LOOKUP_DELAY_MS": "1", "MOTCUA_USER": "", "MOTCUA_NOW": ""]
        let running = try (0..<8).map { n in
            try Running(["lookup", "000.00.xx.H57-261201-000\(n)", "--secret", "ZZZZZZ"],
                        environment: citizen.merging(["SSH_CLIENT": "10.0.2.\(n) 1 22"]) { $1 })
        }
        for r in running { #expect(r.wait().status == 2) }
        let lines = try String(contentsOfFile: dir.path + "/s/lookup.attempts", encoding: .utf8).split(separator: "\n")
        #expect(Set(lines.map { $0.split(separator: "\t").last.map(String.init) ?? "" }) == Set((0..<8).map { "ssh:10.0.2.\($0)" }))
    }

    @Test func aMissingKeyIsMadeOnceWhenManyProcessesNeedItAtOnce() throws {
        let dir = TempDirectory("lookup-key")
        defer { dir.cleanup() }
        let env = ["MOTCUA_USER": "admin", "MOTCUA_DATA": dir.path + "/s", "MOTCUA_NOW": "2026-12-01T08:00:00+07:00"]
        #expect(try motcua(["init", "--agency", "000.00.xx.H57", "--name", "Phường thử", "--training"], environment: env).status == 0)
        let received = try motcua(["receive", "--procedure", "1.004873", "--name", "Nguyễn Văn Ánh", "--id", "046090001234",
                                   "--phone", "0912345678"], environment: env)
        #expect(received.status == 0)
        try FileManager.default.removeItem(atPath: dir.path + "/s/lookup.key")     // as a store from before issue 16
        let printing = try (0..<6).map { _ in try Running(["print", "receipt", "261201-0001"], environment: env) }
        let secrets = printing.map { $0.wait().stdout.firstMatch(of: /mã tra cứu ([2-9A-Z]{3}-[2-9A-Z]{3})/).map { String($0.1) } }
        #expect(secrets.allSatisfy { $0 != nil } && Set(secrets).count == 1, "\(secrets)")
    }
}
