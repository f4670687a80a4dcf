import MotCuaCore
import MotCuaStore

/// A fee or document command: what was committed and the dossier after it.
public struct FeeDone: Sendable {
    public let commit: Commit
    public let dossier: Dossier
    public var account: FeeAccount { FeeAccount(dossier) }
    /// The payment this command wrote (or replayed), with its receipt number.
    public var payment: FeeEntry? {
        account.entries.last { $0.seq == commit.seq } ?? account.payments.last
    }
}

extension Desk {
    /// Takes a payment, refund or exemption (the receipt number allocated under the writer lock).
    public func fee(_ command: FeeCommand, on code: String, expectedVersion: Int? = nil, op: String? = nil,
                    now: Instant) throws -> FeeDone {
        let commit = try store.fee(command, on: code, expectedVersion: expectedVersion, actor: actor, op: op, now: now)
        return FeeDone(commit: commit, dossier: try store.dossier(code: commit.code))
    }

    /// A dossier's fee lines, what is due and the payments.
    public func feeAccount(code: String) throws -> (dossier: Dossier, account: FeeAccount) {
        let dossier = try store.dossier(code: code)
        return (dossier, FeeAccount(dossier))
    }

    /// Records a paper's digitisation; the file was hashed by the caller with the user's rights.
    public func recordDocument(_ record: DocumentRecord, on code: String, expectedVersion: Int? = nil, op: String? = nil,
                               now: Instant) throws -> FeeDone {
        let commit = try store.recordDocument(record, on: code, expectedVersion: expectedVersion, actor: actor, op: op, now: now)
        return FeeDone(commit: commit, dossier: try store.dossier(code: commit.code))
    }

    /// A return: refused while a fee is unpaid unless the clerk confirmed it (`allowUnpaid`).
    public func returnResult(_ method: ReturnMethod, form: ResultForm?, rating: ReturnRating? = nil, on code: String, allowUnpaid: Bool,
                             expectedVersion: Int? = nil, op: String? = nil, now: Instant) throws -> Performed {
        if !allowUnpaid, let unpaid = try? unpaidFee(code: code), unpaid > 0 {
            throw StoreError.badInput("Hồ sơ còn \(Money.text(unpaid)) phí, lệ phí chưa thu; thu phí trước (motcua pay) "
                                      + "hoặc xác nhận trả khi chưa thu (--unpaid-ok). Chưa ghi gì")
        }
        let command: DossierCommand = form == nil && rating == nil ? .returnResult(method)
            : .returnWith(method, form: form, rating: rating)
        return try perform(command, on: code, expectedVersion: expectedVersion, op: op, now: now)
    }

    /// What is still owed on a dossier (0 when nothing).
    public func unpaidFee(code: String) throws -> Int { FeeAccount(try store.dossier(code: code)).outstanding }

    /// The day's cash book of every clerk (supervisors), of the dossiers in the official's office
    /// scope as the other reports keep to it; `office` narrows it to one office ("" the centre).
    public func cashbook(date: CivilDate, office: String? = nil) throws -> Cashbook {
        try store.require(actor, may: .viewCashbook)
        let scope = try reportScope(office: office)
        return Cashbook(date: date, dossiers: try store.dossiers(withChangesOn: date).filter { scope.includes($0.summary) })
    }

    /// The next receipt number, as a screen previews it.
    public func nextReceipt(at now: Instant) -> String { store.nextReceipt(at: now) }

    public var scanFolder: String? { store.documentSettings()?.scanFolder }
}
