/// Per-dossier facts the scorecard needs and the desk does not record yet. Each returns nil
/// ("not recorded") until the data exists; the metrics that read them then show
/// "chưa ghi nhận tại quầy". One function per fact, so that filling one in is a one-line change
/// once fees, digitisation, electronic results and ratings are journal events.
public enum ScorecardFacts {
    /// Online payment A: the dossier owes a fee or charge (`totalDossierFinancialObligation`).
    /// Today from the catalogue (a fee above 0 đồng); nil when its procedure is not in it. Once
    /// fees are recorded per dossier (exemptions), read them here.
    public static func hasFinancialObligation(_ d: DossierSummary, feeBearing: Set<String>, known: Set<String>) -> Bool? {
        known.contains(d.procedure.code) ? feeBearing.contains(d.procedure.code) : nil
    }

    /// The catalogue's procedures with a fee or charge above 0 đồng (`totalFeeFormality`).
    public static func feeBearingProcedures(_ catalogue: Catalogue) -> Set<String> {
        Set(catalogue.procedures.filter { $0.fees.contains { $0.amount > 0 } }.map(\.code))
    }

    /// Online payment A/B: its fee was paid online (`totalDossierOnlinePaymentSuccess`).
    public static func paidOnline(_ d: DossierSummary) -> Bool? { nil }

    /// SO_HOA_GIAY_TO_GIAI_QUYET: the documents it was resolved on were digitised (đã số hóa).
    public static func digitisedForResolution(_ d: DossierSummary) -> Bool? { nil }

    /// REUSED_DIGITIZED_DATA: it reused already digitised data (tái sử dụng).
    public static func reusedDigitisedData(_ d: DossierSummary) -> Bool? { nil }

    /// DOSSIER_RECEIVING_SATISFACTION: the citizen rated it unsatisfied (không hài lòng).
    public static func ratedUnsatisfied(_ d: DossierSummary) -> Bool? { nil }

    /// ORIGINAL_RESULT_AVAILABLE: its result was issued electronically (kết quả điện tử).
    public static func electronicResult(_ d: DossierSummary) -> Bool? { nil }
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
