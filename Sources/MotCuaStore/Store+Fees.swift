import MotCuaCore

extension Store {
    /// The permission a fee command needs.
    static func permission(for command: FeeCommand) -> Permission {
        if case .refund = command { return .refundFee }
        return .takeFee
    }

    @discardableResult
    /// Takes a payment, a refund or an exemption on dossier `code`, decided from its account under
    /// the writer lock: the receipt number is the agency's next of the year (gap-free, like codes)
    /// or the one typed, refused when already used. Nothing is written on a refusal.
    public func fee(_ command: FeeCommand, on code: String, expectedVersion: Int? = nil,
                    actor: Actor, op: String? = nil, now: Instant) throws -> Commit {
        let permission = Store.permission(for: command)
        try require(actor, may: permission)
        let fingerprint = { (store: Store) throws -> OperationFingerprint in .fee(command, on: try store.localCode(code)) }
        return try write(op: op, fingerprint: fingerprint, actor: actor, may: permission, now: now) {
            let (code, summary) = try summaryToChange(code, expectedVersion: expectedVersion)
            let dossier = try self.dossier(code: code)
            let agency = dossier.reception.agency.isEmpty ? DossierCode.agency(of: code) : dossier.reception.agency
            let year = now.date.year
            let books = index.receipts
            let event: DossierEvent
            do {
                event = try FeeRules.decide(command, account: FeeAccount(dossier), state: summary.state,
                                            nextReceipt: books.next(agency: agency, year: year),
                                            usedBy: { books.usedBy($0, agency: agency, year: year) })
            } catch let error as FeeError {
                throw StoreError.badInput(error.description)
            }
            return (summary.id, code, summary.version, event, now)
        }
    }

    @discardableResult
    /// Records a submitted paper's digitisation (the caller hashed the file; only its reference
    /// and SHA-256 reach the journal).
    public func recordDocument(_ record: DocumentRecord, on code: String, expectedVersion: Int? = nil,
                               actor: Actor, op: String? = nil, now: Instant) throws -> Commit {
        try require(actor, may: .recordDocuments)
        let fingerprint = { (store: Store) throws -> OperationFingerprint in .document(record, on: try store.localCode(code)) }
        return try write(op: op, fingerprint: fingerprint, actor: actor, may: .recordDocuments, now: now) {
            let (code, summary) = try summaryToChange(code, expectedVersion: expectedVersion)
            guard summary.state != .submitted else {
                throw StoreError.badInput("Hồ sơ trực tuyến chưa được tiếp nhận: giấy tờ đã là tệp trên Cổng")
            }
            let dossier = try self.dossier(code: code)
            let event: DossierEvent
            do { event = try record.event(paperCount: dossier.reception.documents.count) } catch let error as DocumentError {
                throw StoreError.badInput(error.description)
            }
            return (summary.id, code, summary.version, event, now)
        }
    }

    /// The next receipt number the agency's book would give now (for a screen's preview; the
    /// number written is decided under the lock).
    public func nextReceipt(agency: String? = nil, at now: Instant) -> String {
        index.receipts.next(agency: agency ?? config.agency, year: now.date.year)
    }
}

extension Store {
    /// The dossiers that may hold a fee line of `date`: received by its end and changed on or after
    /// its start (a payment is a change). The cash book reads their histories.
    public func dossiers(withChangesOn date: CivilDate) throws -> [Dossier] {
        let start = Instant(date: date).seconds, end = Instant(date: date.adding(days: 1)).seconds
        ensureLoaded(year: date.year)
        let rows = (0..<index.table.count).filter { index.table.receivedAt[$0] < end && index.table.lastEventAt[$0] >= start }
        return try rows.map { try dossier(code: index.table.code(at: $0)) }
    }
}
