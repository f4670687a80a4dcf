import Foundation
import MotCuaCore
import MotCuaStore

/// A receive: what was committed and the dossier as written (the receipt is printed from it).
public struct Received: Sendable {
    public let commit: Commit
    public let dossier: Dossier
}

/// A command on a dossier: what was committed and the dossier's summary after it.
public struct Performed: Sendable {
    public let commit: Commit
    public let summary: DossierSummary
}

extension Desk {
    /// Receives a dossier durably and returns it as written. A fresh receive reads nothing back
    /// from the journal: the dossier is made from the event just appended. Only a replayed
    /// idempotency key (the dossier was written by an earlier attempt) reads it.
    public func receive(_ intake: Intake, op: String? = nil, now: Instant) throws -> Received {
        let commit = try store.receive(intake, actor: actor, op: op, now: now)
        if let event = commit.event {
            return Received(commit: commit, dossier: try Dossier(events: [event]))
        }
        return Received(commit: commit, dossier: try store.dossier(code: commit.code))
    }

    /// Applies a command; `expectedVersion` makes a concurrent change a conflict.
    public func perform(_ command: DossierCommand, on code: String, expectedVersion: Int? = nil, op: String? = nil,
                        now: Instant) throws -> Performed {
        let command = try completingRating(command, on: code)
        let commit = try store.perform(command, on: code, expectedVersion: expectedVersion, actor: actor, op: op, now: now)
        guard let summary = store.summary(code: commit.code) else { throw StoreError.notFound(commit.code) }
        return Performed(commit: commit, summary: summary)
    }

    // MARK: - Drafts of an intake (kept when the link drops)

    public func loadDraft() -> [UInt8]? { store.loadDraft(login: actor.login) }
    public func saveDraft(_ bytes: [UInt8]) throws { try store.saveDraft(bytes, login: actor.login) }
    public func clearDraft() { store.clearDraft(login: actor.login) }
}
