import Foundation
import MotCuaCore

/// What an inbox import did, record by record (indexes are positions in the feed file).
public struct InboxImport: Sendable, Equatable {
    public struct Refusal: Sendable, Equatable {
        public let index: Int
        public let reason: String
    }

    /// The local codes of the dossiers written, in feed order.
    public internal(set) var imported: [String] = []
    /// Records whose portal code the store already has: (index, the local code).
    public internal(set) var duplicates: [(index: Int, code: String)] = []
    public internal(set) var refused: [Refusal] = []

    public static func == (a: InboxImport, b: InboxImport) -> Bool {
        a.imported == b.imported && a.refused == b.refused
            && a.duplicates.map(\.index) == b.duplicates.map(\.index) && a.duplicates.map(\.code) == b.duplicates.map(\.code)
    }
}

extension Store {
    /// Records online dossiers from a portal feed as submitted (one journal line and one
    /// `fdatasync` each, under one lock): idempotent on the portal's code, each bad record refused
    /// with its reason while the others go in.
    public func importSubmissions(_ records: PortalDossierRecord.Parsed, actor: Actor, now: Instant) throws -> InboxImport {
        try require(actor, may: .receive)
        try ensureWritable()
        return try withWriteLock {
            try catchUpUnderLock()
            loadHistory()
            var known = portalCodes()
            var result = InboxImport()
            let lifecycle = Lifecycle(calendar: calendar, catalogue: catalogue)
            let hours = config.onlineAcceptanceHours ?? StoreConfig.defaultOnlineAcceptanceHours
            for (position, record) in records.enumerated() {
                let submission: OnlineSubmission
                switch record {
                case .failure(let refusal):
                    result.refused.append(.init(index: position, reason: refusal.reason))
                    continue
                case .success(let s): submission = s
                }
                let key = SearchFolding.fold(submission.portalCode)
                if let code = known[key] {
                    result.duplicates.append((position, code))
                    continue
                }
                var event: DossierEvent
                do {
                    event = try lifecycle.submit(submission, agency: config.agency, acceptanceHours: hours, at: now)
                } catch {
                    result.refused.append(.init(index: position, reason: String(describing: error)))
                    continue
                }
                event.reception?.office = actor.office
                let code = index.nextCode(agency: config.agency, date: now.date)
                let record = JournalRecord(seq: cursor.lastSeq + 1, at: now, by: actor.login, actingAdmin: actor.actingAdmin,
                                           terminal: actor.terminal, op: nil,
                                           body: .dossier(id: UUID(), code: code, base: 0, event: event))
                try appendRecord(record)
                known[key] = code
                result.imported.append(code)
            }
            checkpointIfDue()
            return result
        }
    }

    /// Accepts an online dossier (`code`: the local code or the portal's): checks its documents,
    /// then records the reception with the appointment counted from `now`.
    @discardableResult
    public func accept(code: String, expectedVersion: Int? = nil, actor: Actor, op: String? = nil, now: Instant) throws -> Commit {
        try require(actor, may: .receive)
        let fingerprint = { (store: Store) throws -> OperationFingerprint in .accept(on: try store.localCode(code)) }
        return try write(op: op, fingerprint: fingerprint, actor: actor, may: .receive, now: now) {
            let (code, summary) = try summaryToChange(code, expectedVersion: expectedVersion)
            let lifecycle = Lifecycle(calendar: calendar, catalogue: catalogue)
            var event: DossierEvent
            do {
                event = try lifecycle.accept(summary, submitted: try dossier(code: code).reception, at: now)
            } catch let error as LifecycleError {
                throw StoreError.lifecycle(error)
            }
            if let office = actor.office { event.reception?.office = office }
            return (summary.id, code, summary.version, event, now)
        }
    }

    /// The local code of a dossier named by its own code (full or short) or by the portal's code.
    public func localCode(_ code: String) throws -> String {
        do {
            let resolved = try resolveCode(code)          // an ambiguous short code is the person's to settle
            ensureLoaded(code: resolved)
            if index.row(code: resolved) != nil { return resolved }
        } catch StoreError.notFound(_) {}
        loadHistory()
        if let local = portalCodes()[SearchFolding.fold(code)] { return local }
        throw StoreError.notFound(code)
    }

    /// Portal code (folded) → local code of every loaded online dossier imported from a feed. The
    /// portal code is the last part of the row's search key, so no column or file holds it twice.
    func portalCodes() -> [String: String] {
        let table = index.table
        var codes: [String: String] = [:]
        for row in 0..<table.count where table.channel[row] == .online {
            let parts = table.string(table.searchKeyRef(at: row)).components(separatedBy: " | ")
            if parts.count >= 5, let portal = parts.last, !portal.isEmpty { codes[portal] = table.code(at: row) }
        }
        return codes
    }
}
