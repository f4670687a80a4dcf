import Foundation
import MotCuaCore
import MotCuaStore
import PostgresNIO

/// A centre as the province's database knows it.
public struct ProvinceCentre: Sendable, Equatable {
    public let agency: String
    public let name: String
    public let lastSeq: Int64
    public let lastHash: String
}

/// The SQL check of one centre's rows (`centre_check`): ok when they are seq 1…lastSeq, each
/// chained to the one before, each line still giving its hash, ending at the recorded hash.
public struct CentreCheck: Sendable, Equatable {
    public let agency: String
    public let name: String
    public let lastSeq: Int64
    public let events: Int64
    public let maxSeq: Int64
    public let breaks: Int64
    public let headMatches: Bool

    public var ok: Bool { events == lastSeq && maxSeq == lastSeq && breaks == 0 && headMatches }

    public var json: JSONText {
        .object([("agency", .string(agency)), ("name", .string(name)), ("lastSeq", .int(lastSeq)), ("events", .int(events)),
                 ("maxSeq", .int(maxSeq)), ("breaks", .int(breaks)), ("headMatches", .bool(headMatches)), ("ok", .bool(ok))])
    }
}

/// Reads the province back: its centres, the SQL chain check, and each centre's dossiers rebuilt
/// from the replicated lines with the store's own decoder and Core's fold (`Dossier(events:)`),
/// so every figure computed on them (the QĐ 766 scorecard) is the centre's own code's answer.
public struct ProvinceReader: Sendable {
    public let database: ProvinceDatabase

    public init(database: ProvinceDatabase) { self.database = database }

    public func centres() throws(ProvinceError) -> [ProvinceCentre] {
        let s = database.address.schema
        return try database.collect(PostgresQuery(unsafeSQL: "SELECT agency, name, last_seq, last_hash FROM \(s).centres ORDER BY agency")) { rows in
            var centres: [ProvinceCentre] = []
            for try await (agency, name, seq, hash) in rows.decode((String, String, Int64, String).self) {
                centres.append(ProvinceCentre(agency: agency, name: name, lastSeq: seq, lastHash: hash))
            }
            return centres
        }
    }

    public func check() throws(ProvinceError) -> [CentreCheck] {
        let s = database.address.schema
        let query = PostgresQuery(unsafeSQL: """
            SELECT agency, name, last_seq, events, max_seq, breaks, head_matches FROM \(s).centre_check ORDER BY agency
            """)
        return try database.collect(query) { rows in
            var checks: [CentreCheck] = []
            for try await c in rows.decode((String, String, Int64, Int64, Int64, Int64, Bool).self) {
                checks.append(CentreCheck(agency: c.0, name: c.1, lastSeq: c.2, events: c.3, maxSeq: c.4, breaks: c.5, headMatches: c.6))
            }
            return checks
        }
    }

    /// Every dossier of `agency`, in the order of their first event, each with its whole history.
    /// A line the decoder refuses is a `.server` error naming its seq (never its contents).
    public func dossiers(agency: String) throws(ProvinceError) -> [Dossier] {
        let s = database.address.schema
        var binds = PostgresBindings()
        binds.append(agency)
        let query = PostgresQuery(unsafeSQL: "SELECT seq, line FROM \(s).journal_events WHERE agency = $1 AND dossier IS NOT NULL ORDER BY seq",
                                  binds: binds)
        let connection = database.connection, logger = database.logger
        let events: [RecordedEvent]
        do {
            events = try Blocking.run {
                var events: [RecordedEvent] = []
                for try await (seq, line) in try await connection.query(query, logger: logger).decode((Int64, String).self) {
                    let record: JournalRecord
                    do { record = try Store.decodeJournalLine(line) } catch {
                        throw ProvinceError.server(server: "", reason: "dòng seq \(seq) của \(agency) không đọc được: \(error)")
                    }
                    if let event = record.recordedEvent { events.append(event) }
                }
                return events
            }
        } catch {
            throw database.failure(error)
        }
        do { return try Self.fold(events, agency: agency) } catch { throw database.failure(error) }
    }

    /// The events grouped by dossier in journal order, each group folded as the store folds it.
    static func fold(_ events: [RecordedEvent], agency: String) throws(ProvinceError) -> [Dossier] {
        var order: [UUID] = []
        var groups: [UUID: [RecordedEvent]] = [:]
        for event in events {
            if groups[event.dossier] == nil { order.append(event.dossier) }
            groups[event.dossier, default: []].append(event)
        }
        var dossiers: [Dossier] = []
        dossiers.reserveCapacity(order.count)
        for id in order {
            let history = groups[id]!
            do { dossiers.append(try Dossier(events: history)) } catch {
                throw .server(server: "", reason: "hồ sơ \(history[0].code) của \(agency) không dựng lại được: \(error)")
            }
        }
        return dossiers
    }
}
