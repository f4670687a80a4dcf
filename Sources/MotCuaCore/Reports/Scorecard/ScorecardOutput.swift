/// The scorecard as text (80 columns), JSON (the portal's names) and CSV. Stored text (group
/// names) goes through `DisplayText.sanitize` on screen; CSV cells are neutralised by `CSVDocument`.
extension Scorecard {
    public func text() -> String {
        var out: [String] = []
        out.append("CHỈ SỐ CHẤT LƯỢNG PHỤC VỤ (QĐ 766/QĐ-TTg) – \(period.vietnamese)")
        out.append("Cách tính tiến độ giải quyết:")
        out += ReportText.bullets(rules)
        out.append("")
        let p = progress
        out.append("TIẾN ĐỘ GIẢI QUYẾT (tối đa 20 điểm)")
        out.append("  totalReceived \(p.totalReceived) · totalOnTime \(p.totalOnTime) · totalOverdue \(p.totalOverdue) · avgProcessingDays \(ScorecardNumber.vietnamese(p.avgProcessingDays))")
        out.append("  ratio \(ScorecardNumber.vietnamese(p.ratio)) % · score \(ScorecardNumber.vietnamese(p.score)) / 20")
        out.append("  " + Scorecard.bar(score: p.score, max: ProgressIndex.maxScore, width: 40))
        out.append("")
        out.append("CÁC CHỈ SỐ TÍNH TỪ DỮ LIỆU TẠI QUẦY")
        out.append(Scorecard.metricHeader)
        for m in metrics {
            out.append(Scorecard.metricLine(m))
            out += ReportText.bullets([(m.source.note.map { "\($0). " } ?? "") + m.rule])
        }
        let desk = deskScore
        out.append("Tổng điểm các chỉ số đã tính: \(ScorecardNumber.vietnamese(desk.score)) / \(ScorecardNumber.vietnamese(desk.maxScore))")
        out.append("")
        out.append("KHÔNG TÍNH TỪ DỮ LIỆU TẠI QUẦY")
        for m in notFromDesk {
            out.append(TextLayout.truncate("  \(m.code) (\(ScorecardNumber.vietnamese(m.maxScore)) điểm): \(m.name)", to: TextLayout.pageWidth))
        }
        if grouping != .none {
            out.append("")
            out.append("THEO \(grouping.vietnamese.uppercased()) (như Cổng công bố từng dòng)")
            out.append(Scorecard.rowHeader)
            for row in rows { out.append(Scorecard.rowLine(row.key, row.name, row.progress)) }
            out.append(Scorecard.rowLine("", "Tổng cộng", progress))
        }
        return out.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// `███████░░░ 19,29/20`: a score against its maximum as block characters.
    public static func bar(score: Double?, max: Double, width: Int) -> String {
        guard let score, max > 0 else { return String(repeating: "·", count: width) + " chưa có" }
        return TextLayout.bar(score / max, width: width) + " \(ScorecardNumber.vietnamese(score))/\(ScorecardNumber.vietnamese(max))"
    }

    static let metricHeader = [TextLayout.fit("Chỉ số", 32), TextLayout.fit("Tử số", 8, right: true),
                               TextLayout.fit("Mẫu số", 8, right: true), TextLayout.fit("Tỷ lệ %", 8, right: true),
                               TextLayout.fit("Điểm/Tối đa", 14, right: true)].joined(separator: " ")

    static func metricLine(_ m: ScorecardMetric) -> String {
        let score = m.maxScore.map { "\(ScorecardNumber.vietnamese(m.score))/\(ScorecardNumber.vietnamese($0))" } ?? "không chấm"
        return [TextLayout.fit(m.code, 32), TextLayout.fit(m.numerator.map(String.init) ?? "–", 8, right: true),
                TextLayout.fit(m.denominator.map(String.init) ?? "–", 8, right: true),
                TextLayout.fit(ScorecardNumber.vietnamese(m.ratio), 8, right: true),
                TextLayout.fit(score, 14, right: true)].joined(separator: " ")
    }

    static let rowHeader = [TextLayout.fit("Nhóm", 32), TextLayout.fit("Nhận", 6, right: true),
                            TextLayout.fit("Đúng", 6, right: true), TextLayout.fit("Trễ", 5, right: true),
                            TextLayout.fit("TB ngày", 7, right: true), TextLayout.fit("Tỷ lệ %", 8, right: true),
                            TextLayout.fit("Điểm", 6, right: true)].joined(separator: " ")

    static func rowLine(_ key: String, _ name: String, _ p: ProgressIndex) -> String {
        let label = key.isEmpty || key == name ? name : "\(key) \(name)"
        return [TextLayout.fit(DisplayText.sanitize(label), 32), TextLayout.fit(String(p.totalReceived), 6, right: true),
                TextLayout.fit(String(p.totalOnTime), 6, right: true), TextLayout.fit(String(p.totalOverdue), 5, right: true),
                TextLayout.fit(ScorecardNumber.vietnamese(p.avgProcessingDays), 7, right: true),
                TextLayout.fit(ScorecardNumber.vietnamese(p.ratio), 8, right: true),
                TextLayout.fit(ScorecardNumber.vietnamese(p.score), 6, right: true)].joined(separator: " ")
    }

    /// `monthlyChart`: the portal's field of the same name (months "01"…"12"), when given.
    public func json(monthlyChart: [MonthPoint]? = nil) -> JSONText {
        func pct(_ v: Double?) -> JSONText { v.map(JSONText.double) ?? .null }
        var pairs: [(String, JSONText)] = [
            ("schema", .int(1)),
            ("report", .string("scorecard")),
            ("period", .object([("from", .string(period.from.iso)), ("to", .string(period.to.iso)),
                                ("timeType", .string(period.timeType)), ("asOf", .string(asOf.iso8601)),
                                ("running", .bool(running))])),
            ("rule", .string(rule.rawValue)),
            ("rules", .array(rules.map(JSONText.string))),
            ("progress", progress.json(key: nil, name: nil)),
            ("metrics", .array(metrics.map(\.json))),
            ("notFromDesk", .array(notFromDesk.map(\.json))),
            ("groupedBy", .string(grouping.rawValue)),
            ("rows", .array(rows.map { $0.progress.json(key: $0.key, name: $0.name) })),
            // What would raise it: running dossiers that cost `points` each if late before the period closes.
            ("atRisk", .array(atRisk.map { .object([("code", .string($0.code)), ("due", .string($0.due.iso8601)),
                                                     ("points", .double(ScorecardNumber.round($0.points)))]) })),
        ]
        if let monthlyChart {
            pairs.append(("monthlyChart", .array(monthlyChart.map { point in
                .object([("month", .string(point.month < 10 ? "0\(point.month)" : "\(point.month)")),
                         ("onTimePct", pct(point.onTimePct)), ("overduePct", pct(point.overduePct))])
            })))
        }
        return .object(pairs)
    }

    public var personalDataNote: String { "Tệp chỉ số chỉ có số liệu tổng hợp, không có dữ liệu cá nhân." }

    /// One line per index (progress first), then one per group, each with the portal's names.
    public func csv() -> CSVDocument {
        var doc = CSVDocument(header: ["period", "rule", "kind", "code", "name", "numerator", "denominator", "ratio",
                                       "score", "maxScore", "totalReceived", "totalOnTime", "totalOverdue", "avgProcessingDays"])
        let head: [CSVCell] = [.text(period.text), .text(rule.rawValue)]
        func d(_ v: Double?) -> CSVCell { .decimal(v, fractionDigits: 2) }
        func n(_ v: Int?) -> CSVCell { v.map(CSVCell.int) ?? .empty }
        let p = progress
        doc.append(head + [.text("progress"), .text("PROGRESS"), .text("Tiến độ giải quyết"), n(p.totalOnTime), n(p.totalReceived),
                           d(p.ratio), d(p.score), d(ProgressIndex.maxScore), n(p.totalReceived), n(p.totalOnTime),
                           n(p.totalOverdue), d(p.avgProcessingDays)])
        for m in metrics + notFromDesk {
            doc.append(head + [.text(m.source == .notFromDesk ? "notFromDesk" : "metric"), .text(m.code), .text(m.name),
                               n(m.numerator), n(m.denominator), d(m.ratio), d(m.score), d(m.maxScore), .empty, .empty, .empty, .empty])
        }
        for row in rows {
            let r = row.progress
            doc.append(head + [.text(grouping.rawValue), .text(row.key), .text(row.name), n(r.totalOnTime), n(r.totalReceived),
                               d(r.ratio), d(r.score), d(ProgressIndex.maxScore), n(r.totalReceived), n(r.totalOnTime),
                               n(r.totalOverdue), d(r.avgProcessingDays)])
        }
        return doc
    }
}

extension ScorecardMetric.Source {
    /// Why a metric has no numerator, for the text output.
    var note: String? {
        switch self {
        case .desk: return nil
        case .notRecorded(let why): return why.prefix(1).uppercased() + why.dropFirst()
        case .notFromDesk: return "Không tính từ dữ liệu tại quầy"
        }
    }

    var json: JSONText {
        switch self {
        case .desk: return .string("desk")
        case .notRecorded: return .string("notRecorded")
        case .notFromDesk: return .string("notFromDesk")
        }
    }
}

extension ScorecardMetric {
    public var json: JSONText {
        func number(_ v: Double?) -> JSONText { v.map(JSONText.double) ?? .null }
        func count(_ v: Int?) -> JSONText { v.map { .int(Int64($0)) } ?? .null }
        var pairs: [(String, JSONText)] = [
            ("code", .string(code)), ("name", .string(name)), ("group", .string(group)),
            ("numerator", count(numerator)), ("denominator", count(denominator)),
            ("ratio", number(ratio)), ("score", number(score)), ("maxScore", number(maxScore)),
            ("source", source.json), ("rule", .string(rule)),
        ]
        if case .notRecorded(let why) = source { pairs.append(("note", .string(why))) }
        return .object(pairs)
    }
}

extension ProgressIndex {
    func json(key: String?, name: String?) -> JSONText {
        var pairs: [(String, JSONText)] = []
        if let key { pairs.append(("key", .string(key))) }
        if let name { pairs.append(("name", .string(name))) }
        pairs += [
            ("totalReceived", .int(Int64(totalReceived))), ("totalOnTime", .int(Int64(totalOnTime))),
            ("totalOverdue", .int(Int64(totalOverdue))), ("totalCompleted", .int(Int64(totalCompleted))),
            ("avgProcessingDays", avgProcessingDays.map(JSONText.double) ?? .null),
            ("ratio", ratio.map(JSONText.double) ?? .null), ("score", .double(score)),
            ("maxScore", .double(ProgressIndex.maxScore)),
        ]
        return .object(pairs)
    }
}
