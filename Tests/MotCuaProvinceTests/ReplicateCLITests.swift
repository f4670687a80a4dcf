import Foundation
import Testing
import MotCuaCore
import MotCuaProvince
import MotCuaStore

/// What `motcua replicate` refuses before it reaches any database: no server needed.
@Suite("Province: replicate CLI, refusals", .serialized)
struct ReplicateRefusalTests {
    @Test func aBadAddressIsExit2NamingPostgresAndNothingOnStdout() throws {
        let centre = try Centre(agency: "000.00.91.H57", name: "Phường 91", dossiers: 2, seed: 91)
        defer { centre.directory.cleanup() }
        let r = try motcua(["replicate", "--postgres", "mysql://u@h/d", "--data", centre.path])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.contains("--postgres: lược đồ mysql://, cần postgres://"), "\(r.stderr)")
    }

    @Test func anUnreachableServerIsExit1NamingTheServerButNeverThePassword() throws {
        let centre = try Centre(agency: "000.00.92.H57", name: "Phường 92", dossiers: 2, seed: 92)
        defer { centre.directory.cleanup() }
        let r = try motcua(["replicate", "--postgres", "postgres://tinh:mat-khau-bi-mat@127.0.0.1:1/province?sslmode=disable",
                            "--json", "--data", centre.path])
        #expect(r.status == 1 && r.stdout.isEmpty)
        #expect(r.stderr.contains("Không kết nối được máy chủ PostgreSQL postgres://tinh@127.0.0.1:1/province (schema motcua)"), "\(r.stderr)")
        #expect(!r.stderr.contains("mat-khau-bi-mat"))
    }

    @Test func aClerkIsExit4BeforeAnyServerIsAsked() throws {
        let centre = try Centre(agency: "000.00.93.H57", name: "Phường 93", dossiers: 2, seed: 93)
        defer { centre.directory.cleanup() }
        // Port 1: were the server asked first, this would be exit 1.
        let r = try motcua(["replicate", "--postgres", "postgres://u@127.0.0.1:1/d", "--data", centre.path], user: "lan")
        #expect(r.status == 4 && r.stdout.isEmpty)
        #expect(r.stderr.contains("Vai trò Cán bộ một cửa không được sao chép nhật ký"), "\(r.stderr)")
    }

    @Test func badBatchAndIntervalAreExit2() throws {
        let r = try motcua(["replicate", "--postgres", "postgres://u@h/d", "--batch", "0"])
        #expect(r.status == 2 && r.stderr.contains("--batch: từ 1 đến 20000 dòng"), "\(r.stderr)")
        let w = try motcua(["replicate", "--postgres", "postgres://u@h/d", "--watch", "--interval", "0"])
        #expect(w.status == 2 && w.stderr.contains("--interval: từ 0.1 đến 3600 giây"), "\(w.stderr)")
    }
}

/// The real binary against the real server: the JSON contract, kill -9, watch and SIGTERM.
@Suite("Province: replicate CLI against PostgreSQL", .serialized, .enabled(if: TestPostgres.available, "\(TestPostgres.skipMessage)"))
struct ReplicateCLITests {
    @Test func theJSONIsReplicatedAndLastSeqAndASecondRunReplicatesNothing() throws {
        let url = TestPostgres.freshURL("json")
        defer { TestPostgres.drop(url) }
        let centre = try Centre(agency: "000.00.94.H57", name: "Phường 94", dossiers: 20, seed: 94)
        defer { centre.directory.cleanup() }
        let last = centre.store.lastSeq
        let first = try motcua(["replicate", "--postgres", url, "--json", "--data", centre.path])
        #expect(first.status == 0 && first.stdout == #"{"replicated":\#(last),"lastSeq":\#(last)}"# + "\n", "\(first)")
        let again = try motcua(["replicate", "--postgres", url, "--json", "--data", centre.path])
        #expect(again.status == 0 && again.stdout == #"{"replicated":0,"lastSeq":\#(last)}"# + "\n", "\(again)")
        let text = try motcua(["replicate", "--postgres", url, "--data", centre.path])
        #expect(text.stdout.hasPrefix("Đã sao chép 0 dòng nhật ký của 000.00.94.H57 lên postgres://"), "\(text)")
        let check = try motcua(["province", "check", "--postgres", url, "--json"])
        #expect(check.status == 0 && check.stdout == #"[{"agency":"000.00.94.H57","name":"Phường 94","lastSeq":\#(last),"events":\#(last),"maxSeq":\#(last),"breaks":0,"headMatches":true,"ok":true}]"# + "\n", "\(check)")
        let open = centre.store.summaries.filter { !$0.state.isClosed }.count
        let centres = try motcua(["province", "centres", "--postgres", url, "--json"])
        #expect(centres.status == 0 && centres.stdout == #"[{"agency":"000.00.94.H57","name":"Phường 94","lastSeq":\#(last),"dossiers":\#(centre.store.dossierCount),"open":\#(open)}]"# + "\n", "\(centres)")
    }

    @Test func threeCentresThroughKill9OfTheReplicatorLoseAndDoubleNothing() throws {
        let url = TestPostgres.freshURL("kill")
        defer { TestPostgres.drop(url) }
        let centres = try [("000.00.95.H57", 400), ("000.00.96.H57", 300), ("000.00.97.H57", 250)].enumerated().map {
            try Centre(agency: $0.element.0, name: "Phường \($0.offset)", dossiers: $0.element.1, seed: UInt64(95 + $0.offset))
        }
        defer { centres.forEach { $0.directory.cleanup() } }
        let database = try TestPostgres.open(url)
        defer { database.close() }
        let s = database.address.schema
        var killedMidway = 0
        var generator = SystemRandomNumberGenerator()
        for centre in centres {
            func have() throws -> Int64 {
                try database.scalar("SELECT count(*) FROM \(s).journal_events WHERE agency = '\(centre.agency)'", as: Int64.self) ?? 0
            }
            for _ in 0..<4 {
                let before = try have()
                // Killed at a random point in the first third of what is left, whatever the
                // machine's speed: polled every 5 ms, far faster than batches of 10 commit.
                // (A `for … where` poll would go on querying without sleeping once it is past.)
                let killAt = before + Int64.random(in: 1...max(1, (centre.store.lastSeq - before) / 3), using: &generator)
                let child = try Child(["replicate", "--postgres", url, "--batch", "10", "--data", centre.path], user: "lead")
                let giveUp = Date().addingTimeInterval(20)
                while try have() < killAt, Date() < giveUp { Thread.sleep(forTimeInterval: 0.005) }
                child.signal(SIGKILL)
                let r = child.wait()
                let after = try have()
                if r.signalled, after > before, after < centre.store.lastSeq { killedMidway += 1 }
            }
            let done = try motcua(["replicate", "--postgres", url, "--json", "--data", centre.path])
            #expect(done.status == 0 && done.stdout.hasSuffix(#""lastSeq":\#(centre.store.lastSeq)}"# + "\n"), "\(done)")
        }
        #expect(killedMidway >= 6, "at least half the kills must land while lines are still going: \(killedMidway) of 12")
        for (check, centre) in zip(try ProvinceReader(database: database).check(), centres) {
            #expect(check.agency == centre.agency && check.ok, "\(check)")
            #expect(check.events == centre.store.lastSeq && check.maxSeq == centre.store.lastSeq)
        }
        let total = try database.scalar("SELECT count(*) FROM \(s).journal_events", as: Int64.self)
        #expect(total == centres.map(\.store.lastSeq).reduce(0, +), "nothing doubled, nothing lost")
        let breaks = try database.scalar("SELECT count(*) FROM \(s).chain_breaks", as: Int64.self)
        #expect(breaks == 0)
    }

    @Test func watchFollowsTheDeskAndStopsCleanlyOnSIGTERM() throws {
        let url = TestPostgres.freshURL("watch")
        defer { TestPostgres.drop(url) }
        let centre = try Centre(agency: "000.00.98.H57", name: "Phường 98", dossiers: 10, seed: 98)
        defer { centre.directory.cleanup() }
        let database = try TestPostgres.open(url)
        defer { database.close() }
        let child = try Child(["replicate", "--postgres", url, "--watch", "--interval", "0.2", "--data", centre.path], user: "lead")
        func replicated() -> Int64 {
            (try? database.scalar("SELECT coalesce(max(last_seq), 0) FROM \(database.address.schema).centres", as: Int64.self)) ?? nil ?? 0
        }
        func waitFor(_ seq: Int64) -> Bool {
            let giveUp = Date().addingTimeInterval(15)
            while replicated() < seq, Date() < giveUp { Thread.sleep(forTimeInterval: 0.1) }
            return replicated() == seq
        }
        #expect(waitFor(centre.store.lastSeq))
        try centre.receiveMore(3)
        #expect(waitFor(centre.store.lastSeq), "new receipts follow within a few rounds")
        child.signal(SIGTERM)
        let r = child.wait()
        #expect(r.status == 0 && !r.signalled, "\(r)")
        #expect(r.stderr.contains("replicate: 3 dòng, đến seq \(centre.store.lastSeq)") && r.stderr.hasSuffix("replicate: dừng theo yêu cầu\n"), "\(r.stderr)")
        #expect(!r.stderr.contains("046090001234"), "no line's contents in the log")
    }
}

/// `motcua scorecard --postgres URL --province`: each centre's line is its own `motcua scorecard`.
@Suite("Province: the scorecard of every centre", .serialized, .enabled(if: TestPostgres.available, "\(TestPostgres.skipMessage)"))
struct ProvinceScorecardTests {
    static func json(_ r: RunResult) throws -> [String: Any] {
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func eachCentresLineEqualsItsOwnScorecardAndTheTotalAddsThemUp() throws {
        let url = TestPostgres.freshURL("card")
        defer { TestPostgres.drop(url) }
        let centres = try [("000.00.81.H57", 160), ("000.00.82.H57", 120), ("000.00.83.H57", 90)].enumerated().map {
            try Centre(agency: $0.element.0, name: "Phường 8\($0.offset)", dossiers: $0.element.1, seed: UInt64(81 + $0.offset))
        }
        defer { centres.forEach { $0.directory.cleanup() } }
        for centre in centres {
            #expect(try motcua(["replicate", "--postgres", url, "--data", centre.path]).status == 0)
        }
        for rule in ["date-only", "national"] {
            let province = try Self.json(try motcua(["scorecard", "--month", "2026-10", "--rule", rule, "--postgres", url, "--province",
                                                     "--format", "json", "--data", centres[0].path]))
            let rows = province["centres"] as? [[String: Any]] ?? []
            #expect(rows.compactMap { $0["agency"] as? String } == centres.map(\.agency))
            var received = 0
            for (centre, row) in zip(centres, rows) {
                let own = try Self.json(try motcua(["scorecard", "--month", "2026-10", "--rule", rule, "--format", "json",
                                                    "--data", centre.path]))
                #expect(NSDictionary(dictionary: row["progress"] as? [String: Any] ?? [:])
                        == NSDictionary(dictionary: own["progress"] as? [String: Any] ?? [:]), "\(centre.agency) \(rule)")
                #expect(NSArray(array: row["metrics"] as? [Any] ?? []) == NSArray(array: own["metrics"] as? [Any] ?? []),
                        "\(centre.agency) \(rule)")
                received += (own["progress"] as? [String: Any])?["totalReceived"] as? Int ?? 0
            }
            let total = (province["total"] as? [String: Any])?["progress"] as? [String: Any] ?? [:]
            #expect(received > 0 && total["totalReceived"] as? Int == received)
        }
        let text = try motcua(["scorecard", "--month", "2026-10", "--postgres", url, "--province", "--data", centres[0].path])
        #expect(text.status == 0 && text.stdout.contains("000.00.82.H57 Phường 81") && text.stdout.contains("Toàn tỉnh"), "\(text)")
        let alone = try motcua(["scorecard", "--month", "2026-10", "--province", "--data", centres[0].path])
        #expect(alone.status == 2 && alone.stderr.contains("--province và --postgres URL phải đi cùng nhau"), "\(alone.stderr)")
    }
}
