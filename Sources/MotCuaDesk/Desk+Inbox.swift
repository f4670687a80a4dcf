import Foundation
import MotCuaCore
import MotCuaStore

extension Desk {
    /// Imports a portal feed (a JSON array of §2 dossier records): each newly submitted online
    /// dossier is recorded as submitted, each bad record refused with its reason.
    public func importInbox(_ data: Data, now: Instant) throws -> InboxImport {
        let records: PortalDossierRecord.Parsed
        do { records = try PortalDossierRecord.parse(data) } catch {
            throw StoreError.badInput("Tệp hồ sơ trực tuyến không hợp lệ: \(error.description)")
        }
        return try store.importSubmissions(records, actor: actor, now: now)
    }

    /// Accepts an online dossier and returns it as a receive does (the receipt is printed from it).
    public func accept(code: String, expectedVersion: Int? = nil, op: String? = nil, now: Instant) throws -> Received {
        let commit = try store.accept(code: code, expectedVersion: expectedVersion, actor: actor, op: op, now: now)
        return Received(commit: commit, dossier: try store.dossier(code: commit.code))
    }
}
