import Foundation
import Testing
import MotCuaCore
import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport

/// Issue 16 at the desk: the secret on the receipt the clerk sees after F2 and hands over, the
/// roles `show` gives it to, and `PublicLookup` waiting alike for a wrong secret and an unknown code.
@Suite("Desk: the citizen's lookup")
struct LookupDeskTests {
    @Test func theReceiptAfterASaveCarriesTheSecretAndOnlyDeskRolesAreShownIt() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let received = try t.desk("lan").receive(intake("Nguyễn Văn Ánh"), op: nil, now: at("2026-11-30T08:00"))
        let secret = try t.desk("lan").lookupSecret(of: received.dossier.summary)
        #expect(secret == LookupSecret(key: try #require(try t.store.existingLookupKey()), dossier: received.dossier.id, code: received.dossier.code))
        let receipt = try t.desk("lan").receiptText(received.dossier)
        #expect(receipt.contains("mã tra cứu \(secret)"), "\(receipt)")
        #expect(try t.desk("lan").lookupSecretIfShown(of: received.dossier.summary) == secret)
        #expect(try t.desk("hoa").lookupSecretIfShown(of: received.dossier.summary) == secret)
        #expect(try t.desk("hung").lookupSecretIfShown(of: received.dossier.summary) == nil)
        #expect(try t.desk("admin").lookupSecretIfShown(of: received.dossier.summary) == nil)
    }

    @Test func aWrongSecretAndAnUnknownCodeWaitAlikeAndTheRightPairAtOnce() throws {
        let t = try DeskStore()
        defer { t.cleanup() }
        let received = try t.desk("lan").receive(intake("Nguyễn Văn Ánh"), op: nil, now: at("2026-11-30T08:00"))
        let secret = try t.desk("lan").lookupSecret(of: received.dossier.summary)
        let waits = Waits()
        let lookup = try PublicLookup(storePath: t.root, sleep: { waits.append($0) })
        let now = Date().timeIntervalSince1970
        #expect(lookup.answer(code: received.dossier.code, secret: secret.description, source: "a", now: now)
                == .found(PublicDossierView(try t.store.dossier(code: received.dossier.code), catalogue: t.store.catalogue)))
        #expect(waits.values.isEmpty)
        #expect(lookup.answer(code: received.dossier.code, secret: "ZZZZZZ", source: "b", now: now) == .notFound)
        #expect(lookup.answer(code: "000.00.xx.H57-261130-0099", secret: secret.description, source: "c", now: now) == .notFound)
        #expect(lookup.answer(code: String(repeating: "9", count: 500), secret: secret.description, source: "d", now: now) == .notFound)
        // Each a first failure of its source: the same half second from the attempt's start (less the work done).
        #expect(waits.values.count == 3 && waits.values.allSatisfy { $0 > 0.3 && $0 <= 0.5 }, "\(waits.values)")
    }
}

/// The delays `PublicLookup` asked for, instead of sleeping.
final class Waits: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Double] = []
    func append(_ value: Double) { lock.withLock { list.append(value) } }
    var values: [Double] { lock.withLock { list } }
}
