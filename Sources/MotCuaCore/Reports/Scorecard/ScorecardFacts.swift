/// Per-dossier facts the scorecard's payment, digitisation, result and satisfaction indices count.
/// They come from the journal's fee, document, result and rating events (`RecordedFacts`), which the
/// summary rows do not carry; without them (`facts` nil) each returns nil ("not recorded") and the
/// metrics that read them show "chưa ghi nhận tại quầy".
public enum ScorecardFacts {
    /// Online payment A: the dossier owes a fee or charge (`totalDossierFinancialObligation`): the fee
    /// lines snapshotted at its reception less exemptions; for a dossier received before fees were
    /// kept, the catalogue (a fee above 0 đồng); nil when neither knows.
    public static func hasFinancialObligation(_ d: DossierSummary, feeBearing: Set<String>, known: Set<String>,
                                              facts: RecordedFacts? = nil) -> Bool? {
        if let owes = facts?.byCode[d.code]?.owes { return owes }
        return known.contains(d.procedure.code) ? feeBearing.contains(d.procedure.code) : nil
    }

    /// The catalogue's procedures with a fee or charge above 0 đồng (`totalFeeFormality`).
    public static func feeBearingProcedures(_ catalogue: Catalogue) -> Set<String> {
        Set(catalogue.procedures.filter { $0.fees.contains { $0.amount > 0 } }.map(\.code))
    }

    /// Online payment A/B: its fee was paid online (`totalDossierOnlinePaymentSuccess`).
    public static func paidOnline(_ d: DossierSummary, _ facts: RecordedFacts?) -> Bool? {
        facts.map { $0.byCode[d.code]?.paidOnline ?? false }
    }

    /// SO_HOA_GIAY_TO_GIAI_QUYET: a paper it was resolved on was digitised or reused (đã số hóa).
    public static func digitisedForResolution(_ d: DossierSummary, _ facts: RecordedFacts?) -> Bool? {
        facts.map { $0.byCode[d.code].map { $0.digitised || $0.reused } ?? false }
    }

    /// REUSED_DIGITIZED_DATA: it reused already digitised data (tái sử dụng).
    public static func reusedDigitisedData(_ d: DossierSummary, _ facts: RecordedFacts?) -> Bool? {
        facts.map { $0.byCode[d.code]?.reused ?? false }
    }

    /// DOSSIER_RECEIVING_SATISFACTION: the citizen rated it unsatisfied (không hài lòng).
    public static func ratedUnsatisfied(_ d: DossierSummary, _ facts: RecordedFacts?) -> Bool? {
        facts.map { $0.byCode[d.code]?.unsatisfied ?? false }
    }

    /// ORIGINAL_RESULT_AVAILABLE: its result was issued electronically (kết quả điện tử).
    public static func electronicResult(_ d: DossierSummary, _ facts: RecordedFacts?) -> Bool? {
        facts.map { $0.byCode[d.code]?.electronicResult ?? false }
    }
}

/// What the journal recorded of a dossier's fees, papers, result and rating, by dossier code.
public struct RecordedFacts: Sendable, Equatable {
    public struct Facts: Sendable, Equatable {
        public var paidOnline = false
        public var digitised = false
        public var reused = false
        public var electronicResult = false
        public var unsatisfied = false
        /// Fee lines snapshotted at reception, less exemptions; nil when received before fees were kept.
        public var feeGross: Int?
        public var feeExempted = 0

        public var owes: Bool? { feeGross.map { $0 - feeExempted > 0 } }
    }

    public private(set) var byCode: [String: Facts] = [:]

    public init() {}

    public init(events: some Sequence<RecordedEvent>) {
        for rec in events { add(rec.event, code: rec.code) }
    }

    /// From dossiers with their histories (the province's read path).
    public init(dossiers: some Sequence<Dossier>) {
        for d in dossiers { for rec in d.history { add(rec.event, code: rec.code) } }
    }

    /// Another agency's facts beside these (a province total); a code in both keeps `other`'s.
    public mutating func merge(_ other: RecordedFacts) {
        byCode.merge(other.byCode) { _, theirs in theirs }
    }

    public mutating func add(_ e: DossierEvent, code: String) {
        switch e.kind {
        case .received, .accepted:
            if let fees = e.reception?.fees { byCode[code, default: Facts()].feeGross = fees.reduce(0) { $0 + $1.amount } }
        case .feePaid where e.method == .online:
            byCode[code, default: Facts()].paidOnline = true
        case .feeExempted:
            byCode[code, default: Facts()].feeExempted += e.amount ?? 0
        case .documentRecorded:
            switch e.document?.status {
            case .digitised?: byCode[code, default: Facts()].digitised = true
            case .reused?, .reusedFromResult?: byCode[code, default: Facts()].reused = true
            case .notDigitised?, nil: break
            }
        default:
            break
        }
        if let result = e.result, result.form.hasElectronic { byCode[code, default: Facts()].electronicResult = true }
        if let rating = e.rating, e.kind == .rated || e.kind == .returned {
            byCode[code, default: Facts()].unsatisfied = rating.level == .unsatisfied
        }
    }
}

/// Per-dossier DOSSIER_SYNC verdicts, from the portal outbox (the desk reads them; Core judges).
public struct SyncVerdicts: Sendable, Equatable {
    /// Dossier code → every event reached the portal in time. Absent: nothing to send.
    public var onTimeByCode: [String: Bool]
    public var withinMinutes: Int

    public init(onTimeByCode: [String: Bool], withinMinutes: Int) {
        self.onTimeByCode = onTimeByCode
        self.withinMinutes = withinMinutes
    }
}
