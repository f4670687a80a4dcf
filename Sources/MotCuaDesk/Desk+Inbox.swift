import Foundation
import MotCuaCore
import MotCuaStore
import MotCuaSync

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

    /// What `sync pull` got: the import, or why the portal gave nothing (then nothing was imported).
    public enum InboxPull {
        case imported(InboxImport)
        case portalUnavailable(String)
    }

    /// Fetches the portal's pending online dossiers through `client` and imports them exactly as
    /// `importInbox` does a file.
    public func pullInbox(through client: PortalClient, from endpoint: String, now: Instant) throws -> InboxPull {
        try store.require(actor, may: .receive)     // the import's own permission, asked before the network
        switch client.fetchFeed(from: endpoint) {
        case .records(let data): return .imported(try importInbox(data, now: now))
        case .refused(let message): return .portalUnavailable("Cổng từ chối yêu cầu: \(message)")
        case .unavailable(let problem): return .portalUnavailable(problem)
        }
    }

    /// Accepts an online dossier and returns it as a receive does (the receipt is printed from it).
    public func accept(code: String, expectedVersion: Int? = nil, op: String? = nil, now: Instant) throws -> Received {
        let commit = try store.accept(code: code, expectedVersion: expectedVersion, actor: actor, op: op, now: now)
        return Received(commit: commit, dossier: try store.dossier(code: commit.code))
    }
}
