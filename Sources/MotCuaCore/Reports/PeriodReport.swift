/// Statistics of a period for supervisors and the periodic report (Biểu II.06a): where the
/// dossiers of the period came from, how each one ended, grouped one way.
public struct PeriodReport: Sendable {
    public enum Grouping: String, CaseIterable, Sendable {
        case none, field, department, procedure, official, channel

        public var vietnamese: String {
            switch self {
            case .none: return "Không nhóm"
            case .field: return "Lĩnh vực"
            case .department: return "Cơ quan chủ trì"
            case .procedure: return "Thủ tục"
            case .official: return "Cán bộ"
            case .channel: return "Kênh tiếp nhận"
            }
        }
    }

    public struct Row: Hashable, Sendable {
        public let key: String
        public let name: String
        public internal(set) var counts: PeriodCounts
    }

    public let from: CivilDate
    public let to: CivilDate
    /// 00:00 of `from`, Vietnam time.
    public let start: Instant
    /// 00:00 of the day after `to` (excluded).
    public let end: Instant
    public let workingDays: Int
    public let grouping: Grouping
    /// One row per group, in a stable order; empty for `.none`.
    public let rows: [Row]
    public let total: PeriodCounts
    /// The counting rules, in Vietnamese, printed in every output's header.
    public let rules: [String]

    /// Every group and the total reconcile, and the groups add up to the total.
    public var reconciles: Bool {
        guard total.reconciles, rows.allSatisfy(\.counts.reconciles) else { return false }
        return grouping == .none || rows.reduce(PeriodCounts(), { $0 + $1.counts }) == total
    }

    public static func make(summaries: [DossierSummary], from: CivilDate, to: CivilDate, by grouping: Grouping,
                            calendar: WorkCalendar, catalogue: Catalogue,
                            officialNames: [String: String] = [:]) throws(ReportError) -> PeriodReport {
        guard from <= to else { throw .invalidPeriod(from: from, to: to) }
        let start = Instant(date: from), end = Instant(date: to.adding(days: 1))
        let namer = GroupNamer(grouping: grouping, catalogue: catalogue, officialNames: officialNames)
        var total = PeriodCounts()
        // One hash of the key per dossier: a slot in `rows`.
        var rows: [Row] = []
        var slots: [String: Int] = [:]
        summaries.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices {
                let d = base + index
                let membership = PeriodMembership.classify(d, start: start, end: end)
                let returnedInPeriod = d.pointee.state == .returned
                    && d.pointee.closedAt.map { start <= $0 && $0 < end } == true
                guard membership != nil || returnedInPeriod else { continue }
                var counts = PeriodCounts()
                if let membership { counts.add(membership) }
                if returnedInPeriod { counts.addReturned() }
                total = total + counts
                guard grouping != .none else { continue }
                let key = namer.key(of: d)
                if let slot = slots[key] {
                    rows[slot].counts = rows[slot].counts + counts
                } else {
                    slots[key] = rows.count
                    rows.append(Row(key: key, name: namer.name(of: key, d), counts: counts))
                }
            }
        }
        rows = namer.ordered(rows)
        var workingDays = 0
        var day = from
        while day <= to { if calendar.isWorkingDay(day) { workingDays += 1 }; day = day.adding(days: 1) }
        return PeriodReport(from: from, to: to, start: start, end: end, workingDays: workingDays, grouping: grouping,
                            rows: rows, total: total, rules: rules(from: from, to: to, grouping: grouping))
    }

    static func rules(from: CivilDate, to: CivilDate, grouping: Grouping) -> [String] {
        var rules = [
            "Kỳ báo cáo: từ 00:00 ngày \(from.vietnamese) đến hết ngày \(to.vietnamese) (giờ Việt Nam, UTC+7).",
            "Hồ sơ thuộc kỳ: hồ sơ kỳ trước chuyển sang (tiếp nhận trước kỳ, chưa có kết quả, chưa từ chối/rút trước kỳ) và hồ sơ tiếp nhận trong kỳ. Hồ sơ tiếp nhận sau kỳ hoặc đã kết thúc trước kỳ không được tính.",
            "Mỗi hồ sơ thuộc kỳ được tính vào đúng một cột: đã giải quyết, từ chối/rút, hoặc còn tồn cuối kỳ. Kỳ trước chuyển sang + tiếp nhận trong kỳ = đã giải quyết + từ chối/rút + còn tồn.",
            "Đã giải quyết: hồ sơ được ghi nhận có kết quả trong kỳ (trạng thái có kết quả hoặc đã trả). Hồ sơ bị từ chối không tính là đã giải quyết mà tính vào cột từ chối.",
            "Trước hạn/đúng hạn/quá hạn được so với hạn thống kê: hạn trên giấy hẹn, cộng thời gian tạm dừng, tính lại khi nhận đủ hồ sơ bổ sung; không dời theo văn bản xin lỗi, hẹn lại.",
            "Theo thời điểm: quá hạn khi có kết quả sau giờ hẹn; trước hạn khi có kết quả vào ngày trước ngày hẹn; còn lại là đúng hạn. Theo ngày (như báo cáo quốc gia): so ngày có kết quả với ngày hẹn.",
            "Hồ sơ đã giải quyết có yêu cầu bổ sung lần thứ hai được tính là quá hạn theo cả hai cách tính (cột \"bổ sung lần 2\").",
            "Còn tồn cuối kỳ: chưa có kết quả, chưa từ chối/rút khi kết thúc kỳ. Đang dừng tính thời gian lúc kết thúc kỳ thì tính vào chờ bổ sung hoặc tạm dừng; còn lại là trong hạn nếu hạn thống kê không sớm hơn thời điểm kết thúc kỳ, ngược lại là quá hạn. Hạn dùng cho hồ sơ còn tồn là hạn hiện tại của hồ sơ (có thể đã được tính lại sau kỳ).",
            "Đã trả trong kỳ: hồ sơ được trả kết quả trong kỳ, kể cả hồ sơ có kết quả từ kỳ trước; cột này nằm ngoài phép cân đối.",
            "Quá hạn có xin lỗi: hồ sơ đã giải quyết quá hạn (theo thời điểm) đã có văn bản xin lỗi, hẹn lại.",
            "Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết, tính riêng theo thời điểm và theo ngày; để trống khi trong kỳ không có hồ sơ đã giải quyết.",
        ]
        switch grouping {
        case .department:
            rules.append("Nhóm theo cơ quan chủ trì: phòng ban có thời hạn xử lý lớn nhất trên quy trình của thủ tục (theo thủ tục lúc tiếp nhận).")
        case .official:
            rules.append("Nhóm theo cán bộ, theo trạng thái hiện tại của hồ sơ: người ghi nhận có kết quả (hồ sơ đã có kết quả), người đang giữ (hồ sơ chưa xong), người thao tác cuối cùng (hồ sơ từ chối/rút).")
        case .none, .field, .procedure, .channel:
            break
        }
        return rules
    }
}

public enum ReportError: Error, Equatable, CustomStringConvertible {
    case invalidPeriod(from: CivilDate, to: CivilDate)

    public var description: String {
        switch self {
        case .invalidPeriod(let from, let to):
            return "Kỳ báo cáo không hợp lệ: ngày bắt đầu \(from.vietnamese) sau ngày kết thúc \(to.vietnamese)"
        }
    }
}

/// The key and display name of a dossier's group, and the order groups are shown in.
struct GroupNamer {
    let grouping: PeriodReport.Grouping
    let catalogue: Catalogue
    let officialNames: [String: String]
    let departmentNames: [String: String]
    let procedureNames: [String: String]

    init(grouping: PeriodReport.Grouping, catalogue: Catalogue, officialNames: [String: String]) {
        self.grouping = grouping
        self.catalogue = catalogue
        self.officialNames = officialNames
        departmentNames = Dictionary(catalogue.departments.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        procedureNames = Dictionary(catalogue.procedures.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// The group a dossier counts in.
    func key(of summary: UnsafePointer<DossierSummary>) -> String {
        switch grouping {
        case .none: return ""
        case .field: return summary.pointee.procedure.field
        case .department: return summary.pointee.procedure.leadDepartment
        case .procedure: return summary.pointee.procedure.code
        case .official:
            switch summary.pointee.state {
            case .resultReady, .returned: return summary.pointee.resolvedBy ?? ""
            case .received, .inProgress, .awaitingSupplement, .suspended, .submitted: return summary.pointee.holder.official ?? ""
            case .refused, .withdrawn, .notAccepted: return summary.pointee.lastBy
            }
        case .channel: return summary.pointee.channel.rawValue
        }
    }

    /// The display name of a group, from its first dossier.
    func name(of key: String, _ summary: UnsafePointer<DossierSummary>) -> String {
        switch grouping {
        case .none: return "Tổng cộng"
        case .field: return key
        case .department: return departmentNames[key] ?? key
        case .procedure: return procedureNames[key] ?? summary.pointee.procedure.name
        case .official:
            guard !key.isEmpty else { return OverdueReport.unassigned }
            return officialNames[key] ?? key         // the person by name; the login stays the row's key (CSV, JSON)
        case .channel: return summary.pointee.channel.vietnamese
        }
    }

    /// Channels and departments in their natural order; other groups by name, "(chưa giao)" last.
    func ordered(_ rows: [PeriodReport.Row]) -> [PeriodReport.Row] {
        func rank(_ key: String) -> Int {
            switch grouping {
            case .channel: return Channel.allCases.firstIndex { $0.rawValue == key } ?? Int.max
            case .department: return catalogue.departments.firstIndex { $0.code == key } ?? Int.max
            default: return key.isEmpty ? 1 : 0
            }
        }
        return rows.map { (rank($0.key), SearchFolding.fold($0.name), $0) }
            .sorted { a, b in
                if a.0 != b.0 { return a.0 < b.0 }
                return a.1 != b.1 ? a.1 < b.1 : a.2.key < b.2.key
            }
            .map(\.2)
    }
}

