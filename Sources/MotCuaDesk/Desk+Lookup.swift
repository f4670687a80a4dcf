import Foundation
import MotCuaCore
import MotCuaStore

extension Desk {
    /// The lookup secret of a dossier, for its receipt (Mẫu 01, `receive --json`, the SMS of a
    /// notification): the same for every official; made from the store's key, creating the key
    /// the first time a store made before issue 16 needs one.
    public func lookupSecret(of summary: DossierSummary) throws -> LookupSecret {
        try store.lookupSecret(of: summary)
    }

    /// The secret as `show` gives it: to the roles that see the citizen's data in full (they may
    /// reprint the receipt it is on); nil for roles that only count, and when it cannot be had.
    public func lookupSecretIfShown(of summary: DossierSummary) -> LookupSecret? {
        guard AccessPolicy.allows(actor.role, .viewPersonalData) else { return nil }
        return try? store.lookupSecret(of: summary)
    }
}

/// The citizen's lookup (issue 16): a dossier's public view from its code and secret, for a
/// public terminal or a ForceCommand SSH account. No official behind it and no login: the store
/// is opened through `ReadOnlyFileSystem` (no lock, no snapshot, nothing written), and the
/// only file touched is the throttle's. A wrong secret and an unknown code take the same path —
/// same answer, same delay — and a source that fails too often is locked out for a while.
public final class PublicLookup {
    public enum Answer: Equatable, Sendable {
        case found(PublicDossierView)
        /// Unknown code or wrong secret: one answer for both.
        case notFound
        /// Too many failures: no pair is checked until `minutes` have passed.
        case lockedOut(minutes: Int)
        /// The pair was right, but the dossier could not be read (a damaged journal line).
        case unreadable
    }

    let store: Store
    let key: [UInt8]?
    private(set) var throttle: LookupThrottle
    /// Waits between the start of a failed attempt and its answer (a seam for the tests).
    let sleep: @Sendable (Double) -> Void

    public init(storePath: String, policy: LookupThrottle.Policy = .init(),
                sleep: @escaping @Sendable (Double) -> Void = { if $0 > 0 { usleep(UInt32(min($0, 60) * 1_000_000)) } }) throws {
        // Deferred history: the newest year and open dossiers at once; an older code loads its
        // years when asked (`Store.summary(code:)`), whether or not the code exists.
        store = try Store.open(at: storePath, fs: ReadOnlyFileSystem(), history: .deferred)
        // No key yet: no receipt has a secret, so every pair is wrong.
        key = try store.existingLookupKey()
        throttle = LookupThrottle(storePath: storePath, policy: policy, group: store.config.group.flatMap(ProcessIdentity.groupID(named:)))
        self.sleep = sleep
    }

    /// Another throttle policy (the CLI's training-store override for tests).
    public func use(_ policy: LookupThrottle.Policy) {
        throttle = LookupThrottle(storePath: store.path, policy: policy, group: throttle.group)
    }

    public var centreName: String { store.config.name }
    public var isTraining: Bool { store.config.training }

    /// Answers one pair. `source` is who is asking (an SSH client's address, a terminal).
    public func answer(code rawCode: String, secret: String, source: String, now: Double = Date().timeIntervalSince1970) -> Answer {
        if case .lockedOut(let until) = throttle.verdict(source: source, now: now) {
            return .lockedOut(minutes: max(1, Int(((until - now) / 60).rounded(.up))))
        }
        _ = try? store.refresh()
        let code = Self.cleanCode(rawCode)
        // Found or not, one secret is derived and compared: the unknown code costs what a wrong secret costs.
        let summary = code.isEmpty ? nil : (try? store.resolveCode(code)).flatMap { store.summary(code: $0) }
        let expected = LookupSecret(key: key ?? Array(repeating: 0, count: 32), dossier: summary?.id ?? Self.noDossier,
                                    code: summary?.code ?? code)
        let right = expected.matches(secret) && key != nil && summary != nil
        guard right, let summary else {
            let delay = throttle.recordFailure(source: source, now: now)
            sleep(max(0, now + delay - Date().timeIntervalSince1970))
            return .notFound
        }
        guard let dossier = try? store.dossier(code: summary.code) else { return .unreadable }
        return .found(PublicDossierView(dossier, catalogue: store.catalogue))
    }

    static let noDossier = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    /// A code as typed: NFC, spaces around it dropped, at most 64 characters (longer is no code).
    static func cleanCode(_ raw: String) -> String {
        let trimmed = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > 64 ? "" : trimmed
    }
}
