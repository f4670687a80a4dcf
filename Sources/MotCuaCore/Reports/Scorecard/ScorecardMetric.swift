/// One index of the QĐ 766 set as the portal publishes it (`{code, name, numerator, denominator,
/// ratio, score, maxScore}`), with the rule it was counted by.
public struct ScorecardMetric: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        /// Counted from the desk's dossiers.
        case desk
        /// Defined on the desk's dossiers, but the fact it counts is not recorded yet.
        case notRecorded(String)
        /// Not a desk matter (publication of procedures, petitions, national data links).
        case notFromDesk
    }

    public let code: String
    public let name: String
    public let group: String
    public let numerator: Int?
    public let denominator: Int?
    /// Percent, two decimals; nil when not computed or the denominator is 0.
    public let ratio: Double?
    public let score: Double?
    /// Nil where the portal's scoring is unknown (channel shares: the online service group).
    public let maxScore: Double?
    public let source: Source
    /// The counting rule, one sentence, printed in the metric's header line.
    public let rule: String

    public static let waitingForData = "chưa ghi nhận tại quầy (chờ dữ liệu phí/số hóa/đánh giá)"

    /// `max × ratio/100`, capped at the maximum (§7.2).
    static func proportional(_ code: String, _ name: String, group: String, max: Double, numerator: Int?,
                             denominator: Int?, source: Source, rule: String,
                             scoring: ((Double) -> Double)? = nil, emptyScore: Double? = nil) -> ScorecardMetric {
        let ratio: Double? = numerator.flatMap { n in denominator.flatMap { d in d == 0 ? nil : 100 * Double(n) / Double(d) } }
        let score = ratio.map { ScorecardNumber.round(Swift.min(max, scoring?($0) ?? max * $0 / 100)) }
            ?? (numerator != nil && denominator == 0 ? emptyScore : nil)
        return ScorecardMetric(code: code, name: name, group: group, numerator: numerator, denominator: denominator,
                               ratio: ratio.map(ScorecardNumber.round), score: score, maxScore: max, source: source, rule: rule)
    }

    static func notFromDesk(_ code: String, _ name: String, group: String, max: Double) -> ScorecardMetric {
        ScorecardMetric(code: code, name: name, group: group, numerator: nil, denominator: nil, ratio: nil, score: nil,
                        maxScore: max, source: .notFromDesk,
                        rule: "không tính từ dữ liệu tại quầy (xem số liệu trên Cổng DVCQG)")
    }

    /// The indices that are not the desk's to count, with their maximum (§7.2).
    static let outsideTheDesk: [ScorecardMetric] = [
        notFromDesk("PUBLISH_ON_TIME", "Công bố, công khai TTHC đúng hạn", group: "Công khai, minh bạch", max: 6),
        notFromDesk("PUBLIC_UPDATE_ON_TIME", "Cập nhật TTHC lên Cổng DVCQG đúng hạn", group: "Công khai, minh bạch", max: 4),
        notFromDesk("PUBLIC_CONTENT_FULL", "Công khai đầy đủ nội dung TTHC", group: "Công khai, minh bạch", max: 2),
        notFromDesk("ONLINE_SERVICE", "Dịch vụ công trực tuyến (công thức chưa biết)", group: "Dịch vụ công trực tuyến", max: 12),
        notFromDesk("PETITION_PROCESSING_ON_TIME", "Xử lý phản ánh, kiến nghị đúng hạn", group: "Mức độ hài lòng", max: 6),
        notFromDesk("PETITION_HANDLING_SATISFACTION", "Hài lòng về xử lý phản ánh, kiến nghị", group: "Mức độ hài lòng", max: 6),
        notFromDesk("ELECTRONIC_CERTIFIED_COPY", "Chứng thực bản sao điện tử", group: "Số hóa hồ sơ", max: 2),
        notFromDesk("SYNCED_WITH_DVCQG_PERSONAL_STORAGE", "Đồng bộ kho dữ liệu cá nhân trên Cổng DVCQG", group: "Số hóa hồ sơ", max: 4),
        notFromDesk("CITIZEN_DATA_CONNECTED_DOSSIER", "Hồ sơ khai thác dữ liệu dân cư", group: "Số hóa hồ sơ", max: 2),
        notFromDesk("CITIZEN_DATA_CONNECTED_FORMALITY", "TTHC kết nối dữ liệu dân cư", group: "Số hóa hồ sơ", max: 2),
    ]
}

extension ScorecardMetric {
    /// The desk's metrics over the period's dossiers (`received`: received in the period;
    /// `resolved`: resolved in it; `handled`: every dossier of the period).
    static func desk(handled: [DossierSummary], received: [DossierSummary], resolved: [(DossierSummary, late: Bool)],
                     sync: SyncVerdicts?, catalogue: Catalogue, facts: RecordedFacts?) -> [ScorecardMetric] {
        var metrics: [ScorecardMetric] = []
        // Công khai, minh bạch: DOSSIER_SYNC.
        let verdicts = sync.map { s in handled.compactMap { s.onTimeByCode[$0.code] } }
        metrics.append(.proportional(
            "DOSSIER_SYNC", "Đồng bộ hồ sơ lên Cổng DVCQG", group: "Công khai, minh bạch", max: 6,
            numerator: verdicts.map { $0.filter { $0 }.count }, denominator: verdicts?.count,
            source: sync == nil ? .notRecorded("chưa cấu hình đồng bộ Cổng DVCQG") : .desk,
            rule: "Hồ sơ thuộc kỳ có sự kiện phải gửi Cổng; đạt khi mọi sự kiện được Cổng nhận trong \(sync?.withinMinutes ?? 15) phút (sự kiện chờ gửi quá hạn đó hoặc bị Cổng từ chối: không đạt); điểm = 6 × tỷ lệ."))
        // Channel shares (provide-online-tree): counted, not scored.
        let total = received.count
        for (code, name, channel) in [("channelDirectSum", "Tiếp nhận trực tiếp", Channel.direct),
                                      ("channelPostalSum", "Tiếp nhận qua bưu chính công ích", Channel.postal),
                                      ("channelOnlineSum", "Tiếp nhận trực tuyến", Channel.online)] {
            let n = received.filter { $0.channel == channel }.count
            metrics.append(ScorecardMetric(
                code: code, name: name, group: "Dịch vụ công trực tuyến", numerator: n, denominator: total,
                ratio: total == 0 ? nil : ScorecardNumber.round(100 * Double(n) / Double(total)), score: nil, maxScore: nil,
                source: .desk,
                rule: "Hồ sơ tiếp nhận trong kỳ theo kênh / channelTotalSum (không tính hồ sơ kỳ trước chuyển sang; hồ sơ trực tuyến tính từ khi được chấp nhận); Cổng chưa công bố cách chấm điểm nhóm này."))
        }
        // Thanh toán trực tuyến: 6A + min(2, 2.5B) + 2.5C; fee-bearing = a fee above 0 đồng in the catalogue.
        let feeBearing = ScorecardFacts.feeBearingProcedures(catalogue)
        let known = Set(catalogue.procedures.map(\.code))
        let owing = received.filter { ScorecardFacts.hasFinancialObligation($0, feeBearing: feeBearing, known: known, facts: facts) == true }
        let paidCount = count(owing.map { ScorecardFacts.paidOnline($0, facts) })
        let paidProcedures = paidCount.map { _ in Set(owing.filter { ScorecardFacts.paidOnline($0, facts) == true }.map(\.procedure.code)).count }
        let procedures = Set(owing.map(\.procedure.code)).count
        let waiting = Source.notRecorded(waitingForData)
        metrics.append(.proportional(
            "ONLINE_PAYMENT_A", "Hồ sơ thanh toán trực tuyến / hồ sơ có nghĩa vụ tài chính", group: "Thanh toán trực tuyến", max: 6,
            numerator: paidCount, denominator: owing.count, source: paidCount == nil ? waiting : .desk,
            rule: "totalDossierOnlinePaymentSuccess / totalDossierFinancialObligation: hồ sơ tiếp nhận trong kỳ của thủ tục có phí, lệ phí trên 0 đồng (theo danh mục); điểm = 6 × A."))
        metrics.append(.proportional(
            "ONLINE_PAYMENT_B", "TTHC có thanh toán trực tuyến / TTHC có phí", group: "Thanh toán trực tuyến", max: 2,
            numerator: paidProcedures, denominator: feeBearing.count, source: paidProcedures == nil ? waiting : .desk,
            rule: "totalDossierOnlineFormalityPaymentSuccess / totalFeeFormality: thủ tục có phí có ít nhất một hồ sơ thanh toán trực tuyến trong kỳ / thủ tục có phí của danh mục; điểm = min(2; 2,5 × B).",
            scoring: { 2.5 * $0 / 100 }))
        metrics.append(.proportional(
            "ONLINE_PAYMENT_C", "TTHC có phí phát sinh hồ sơ / TTHC có phí", group: "Thanh toán trực tuyến", max: 2.5,
            numerator: procedures, denominator: feeBearing.count, source: .desk,
            rule: "totalFeeDossierFormality / totalFeeFormality: thủ tục có phí có hồ sơ tiếp nhận trong kỳ / thủ tục có phí của danh mục (cách hiểu tử số chưa được xác nhận); điểm = 2,5 × C."))
        // Mức độ hài lòng: unrated counts as satisfied; late counts against even when rated well.
        let rated = resolved.map { ScorecardFacts.ratedUnsatisfied($0.0, facts) }
        let satisfied: Int? = count(rated).map { _ in
            zip(resolved, rated).filter { pair, unsatisfied in !pair.late && unsatisfied != true }.count
        }
        metrics.append(.proportional(
            "DOSSIER_RECEIVING_SATISFACTION", "Mức độ hài lòng trong tiếp nhận, giải quyết", group: "Mức độ hài lòng", max: 6,
            numerator: satisfied, denominator: resolved.count, source: satisfied == nil ? waiting : .desk,
            rule: "(hồ sơ đã giải quyết trong kỳ − hồ sơ đánh giá không hài lòng hoặc giải quyết quá hạn) / hồ sơ đã giải quyết; chưa đánh giá tính là hài lòng; điểm = min(6; 6 × tỷ lệ / 90 %), 0 khi không có hồ sơ.",
            scoring: { 6 * $0 / 90 }, emptyScore: 0))
        // Số hóa hồ sơ.
        let electronic = count(resolved.map { ScorecardFacts.electronicResult($0.0, facts) })
        metrics.append(.proportional(
            "ORIGINAL_RESULT_AVAILABLE", "Hồ sơ có kết quả điện tử", group: "Số hóa hồ sơ", max: 6,
            numerator: electronic, denominator: resolved.count, source: electronic == nil ? waiting : .desk,
            rule: "Hồ sơ đã giải quyết trong kỳ có kết quả điện tử / hồ sơ đã giải quyết; điểm = min(6; 6 × tỷ lệ)."))
        let digitised = count(resolved.map { ScorecardFacts.digitisedForResolution($0.0, facts) })
        metrics.append(.proportional(
            "SO_HOA_GIAY_TO_GIAI_QUYET", "Hồ sơ được số hóa giấy tờ khi giải quyết", group: "Số hóa hồ sơ", max: 4,
            numerator: digitised, denominator: resolved.count, source: digitised == nil ? waiting : .desk,
            rule: "Hồ sơ đã giải quyết trong kỳ có giấy tờ đã số hóa / hồ sơ đã giải quyết; điểm = min(4; 4 × tỷ lệ)."))
        let reused = count(received.map { ScorecardFacts.reusedDigitisedData($0, facts) })
        metrics.append(.proportional(
            "REUSED_DIGITIZED_DATA", "Hồ sơ tái sử dụng dữ liệu đã số hóa", group: "Số hóa hồ sơ", max: 2,
            numerator: reused, denominator: received.count, source: reused == nil ? waiting : .desk,
            rule: "Hồ sơ tiếp nhận trong kỳ tái sử dụng dữ liệu số hóa / hồ sơ tiếp nhận; điểm = min(2; 2 × tỷ lệ / 80 %).",
            scoring: { 2 * $0 / 80 }))
        return metrics
    }

    /// How many are true; nil when not one of them is recorded.
    static func count(_ facts: [Bool?]) -> Int? {
        facts.contains { $0 != nil } ? facts.filter { $0 == true }.count : nil
    }
}
