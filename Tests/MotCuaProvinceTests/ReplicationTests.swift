import Foundation
import Testing
import MotCuaCore
import MotCuaProvince
import MotCuaStore

/// Centres' journals into a real PostgreSQL server, in process, and read back through Core's fold.
@Suite("Province: replication into PostgreSQL", .serialized, .enabled(if: TestPostgres.available, "\(TestPostgres.skipMessage)"))
struct ReplicationTests {
    @Test func threeCentresReplicateLineForLineAndTheirDossiersComeBackEqual() throws {
        let url = TestPostgres.freshURL("three")
        defer { TestPostgres.drop(url) }
        let centres = try [("000.00.31.H57", 300, 31), ("000.00.32.H57", 250, 32), ("000.00.33.H57", 200, 33)].map {
            try Centre(agency: $0.0, name: "Trung tâm \($0.0)", dossiers: $0.1, seed: UInt64($0.2))
        }
        defer { centres.forEach { $0.directory.cleanup() } }
        let database = try TestPostgres.open(url)
        defer { database.close() }
        for centre in centres {
            let result = try Replicator(store: centre.store, actor: try centre.supervisor, database: database, batchSize: 500).replicate()
            #expect(result == ReplicationResult(replicated: Int(centre.store.lastSeq), lastSeq: centre.store.lastSeq))
            #expect(centre.store.lastSeq > 1_000, "a few thousand events per centre")
        }
        let checks = try ProvinceReader(database: database).check()
        #expect(checks.map(\.agency) == centres.map(\.agency))
        for (check, centre) in zip(checks, centres) {
            #expect(check.ok && check.events == centre.store.lastSeq && check.name == "Trung tâm \(centre.agency)", "\(check)")
        }
        for centre in centres {
            // The exact bytes: the rows' lines, in seq order, are the journal files.
            let text = try #require(try database.scalar(
                "SELECT string_agg(line || E'\\n', '' ORDER BY seq) FROM \(database.address.schema).journal_events WHERE agency = '\(centre.agency)'",
                as: String.self))
            #expect(Data(text.utf8) == (try centre.journalBytes()))
            // The same fold over the province's lines gives the centre's own dossiers.
            let rebuilt = try ProvinceReader(database: database).dossiers(agency: centre.agency)
            let own = try centre.ownDossiers()
            #expect(rebuilt.count == own.count && !own.isEmpty)
            #expect(rebuilt.allSatisfy { own[$0.code] == $0 }, "every dossier equal to the store's, history and summary")
        }
        let sqlDossiers = try database.scalar("SELECT count(*) FROM \(database.address.schema).dossiers", as: Int64.self)
        #expect(sqlDossiers == Int64(centres.map { $0.store.dossierCount }.reduce(0, +)))
    }

    @Test func aSecondRunInsertsNothingAndALaterOneOnlyTheNewLines() throws {
        let url = TestPostgres.freshURL("again")
        defer { TestPostgres.drop(url) }
        let centre = try Centre(agency: "000.00.41.H57", name: "Phường 41", dossiers: 40, seed: 41)
        defer { centre.directory.cleanup() }
        let database = try TestPostgres.open(url)
        defer { database.close() }
        let replicator = try Replicator(store: centre.store, actor: try centre.supervisor, database: database, batchSize: 7)
        let first = try replicator.replicate()
        #expect(first.replicated == Int(centre.store.lastSeq))
        #expect(try replicator.replicate() == ReplicationResult(replicated: 0, lastSeq: first.lastSeq))
        try centre.receiveMore(5)
        #expect(try replicator.replicate() == ReplicationResult(replicated: 5, lastSeq: first.lastSeq + 5))
        // A new replicator (a new process) starts from the database's seq, not from a file of its own.
        let fresh = try Replicator(store: centre.store, actor: try centre.supervisor, database: database)
        #expect(try fresh.replicate() == ReplicationResult(replicated: 0, lastSeq: first.lastSeq + 5))
        let check = try #require(try ProvinceReader(database: database).check().first)
        #expect(check.ok && check.events == first.lastSeq + 5)
    }

    @Test func anotherJournalUnderTheSameAgencyIsRefusedAndNothingOfItIsWritten() throws {
        let url = TestPostgres.freshURL("other")
        defer { TestPostgres.drop(url) }
        let a = try Centre(agency: "000.00.51.H57", name: "Phường 51", dossiers: 30, seed: 51)
        let b = try Centre(agency: "000.00.51.H57", name: "Phường 51 (bản khác)", dossiers: 60, seed: 52)
        defer { a.directory.cleanup(); b.directory.cleanup() }
        let database = try TestPostgres.open(url)
        defer { database.close() }
        _ = try Replicator(store: a.store, actor: try a.supervisor, database: database).replicate()
        #expect(b.store.lastSeq > a.store.lastSeq, "b has more lines: it would look like a continuation by seq alone")
        #expect {
            _ = try Replicator(store: b.store, actor: try b.supervisor, database: database).replicate()
        } throws: { error in
            guard case .differentJournal(let agency, let reason)? = error as? ProvinceError else { return false }
            return agency == "000.00.51.H57" && reason.contains("seq \(a.store.lastSeq)")
        }
        let check = try #require(try ProvinceReader(database: database).check().first)
        #expect(check.ok && check.events == a.store.lastSeq && check.name == "Phường 51")
    }

    @Test func theSQLCheckFindsAnEditedLineAMissingOneAndABrokenLink() throws {
        let url = TestPostgres.freshURL("tamper")
        defer { TestPostgres.drop(url) }
        let centre = try Centre(agency: "000.00.61.H57", name: "Phường 61", dossiers: 30, seed: 61)
        defer { centre.directory.cleanup() }
        let database = try TestPostgres.open(url)
        defer { database.close() }
        _ = try Replicator(store: centre.store, actor: try centre.supervisor, database: database).replicate()
        let s = database.address.schema
        #expect(try ProvinceReader(database: database).check().first?.ok == true)
        // An insider edits a phone number in place: the line no longer gives its hash.
        try database.execute("UPDATE \(s).journal_events SET line = replace(line, '\"phone\":\"0', '\"phone\":\"1') WHERE seq = (SELECT min(seq) FROM \(s).journal_events WHERE kind = 'received')")
        var breaks = try database.rows("SELECT reason FROM \(s).chain_breaks", as: String.self)
        #expect(breaks == ["hash"])
        #expect(try ProvinceReader(database: database).check().first?.ok == false)
        // A row removed: a gap and a link to the wrong predecessor, and the count no longer the seq.
        try database.execute("DELETE FROM \(s).journal_events WHERE seq = 20")
        breaks = try database.rows("SELECT reason FROM \(s).chain_breaks WHERE seq = 21 ORDER BY reason", as: String.self)
        #expect(breaks == ["prev_hash", "seq"])
        let check = try #require(try ProvinceReader(database: database).check().first)
        #expect(check.events == centre.store.lastSeq - 1 && check.maxSeq == centre.store.lastSeq && !check.ok)
    }

    @Test func aLineOfABodyKindThisVersionDoesNotKnowIsStoredAsItIs() throws {
        let url = TestPostgres.freshURL("kind")
        defer { TestPostgres.drop(url) }
        let centre = try Centre(agency: "000.00.71.H57", name: "Phường 71", dossiers: 5, seed: 71)
        defer { centre.directory.cleanup() }
        // A later version's counter ticket, chained as the store chains: only the replica must keep it.
        let (seq, previous) = centre.store.chainTip
        let content = #"{"seq":\#(seq + 1),"at":"2026-11-27T10:00:00+07:00","by":"lan","sv":1,"ticket":{"k":"issued","number":"A012"}"#
        var sha = SHA256()
        sha.update(previous)
        sha.update(content)
        let line = content + #","h":"\#(String(SHA256.hex(sha.finalize()).prefix(32)))"}"# + "\n"
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: centre.path + "/journal").filter { $0.hasSuffix(".jsonl") }.max())
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: centre.path + "/journal/" + segment))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.close()

        let database = try TestPostgres.open(url)
        defer { database.close() }
        let result = try Replicator(store: centre.store, actor: try centre.supervisor, database: database).replicate()
        #expect(result.lastSeq == seq + 1)
        let s = database.address.schema
        let stored = try database.rows("SELECT kind || ' ' || line FROM \(s).journal_events WHERE seq = \(seq + 1)", as: String.self)
        #expect(stored == ["ticket " + line.dropLast()])
        #expect(try ProvinceReader(database: database).check().first?.ok == true)
        #expect(try ProvinceReader(database: database).dossiers(agency: centre.agency).count == 5)
    }

    @Test func aClerkMayNotSendTheCentresJournalOut() throws {
        let centre = try Centre(agency: "000.00.81.H57", name: "Phường 81", dossiers: 1, seed: 81)
        defer { centre.directory.cleanup() }
        #expect(throws: ProvinceError.self) { try Replicator.checkRole(try centre.store.actor(login: "lan", terminal: "test")) }
        try Replicator.checkRole(try centre.supervisor)
        try Replicator.checkRole(try centre.store.actor(login: "admin", terminal: "test"))
    }
}
