/// The QĐ 766 scorecard of every centre replicated into a province's database, one row per
/// centre and a province total, each computed by the same `Scorecard.compute` a centre runs on
/// its own store, over the dossiers rebuilt from its replicated lines (Docs/PROVINCE.md).
public struct ProvinceScorecard: Sendable {
    public struct Centre: Sendable {
        public let agency: String
        public let name: String
        public let card: Scorecard
    }

    public let centres: [Centre]
    /// Every centre's dossiers counted together.
    public let total: Scorecard

    /// What the scorecard reads of one centre: its dossiers' summary rows and the fee, paper,
    /// result and rating facts of their histories. The histories themselves are not kept, so a
    /// province of many centres holds one centre's histories at a time (Docs/PROVINCE.md).
    public struct CentreInput: Sendable {
        public let agency: String
        public let name: String
        public let dossiers: [DossierSummary]
        public let facts: RecordedFacts

        public init(agency: String, name: String, dossiers: [DossierSummary], facts: RecordedFacts) {
            self.agency = agency
            self.name = name
            self.dossiers = dossiers
            self.facts = facts
        }

        /// From dossiers with their histories (the province's read path).
        public init(agency: String, name: String, dossiers: [Dossier]) {
            self.init(agency: agency, name: name, dossiers: dossiers.map(\.summary), facts: RecordedFacts(dossiers: dossiers))
        }
    }

    /// Each centre by the same `Scorecard.compute` its own store runs, and the province total over
    /// all their dossiers together (codes carry the agency, so their facts never collide).
    public static func compute(centres: [CentreInput], period: ScorecardPeriod,
                               rule: ScorecardRule, calendar: WorkCalendar, now: Instant, catalogue: Catalogue) -> ProvinceScorecard {
        func card(_ dossiers: [DossierSummary], _ facts: RecordedFacts) -> Scorecard {
            Scorecard.compute(dossiers: dossiers, period: period, rule: rule, calendar: calendar, now: now,
                              catalogue: catalogue, facts: facts)
        }
        let rows = centres.map { Centre(agency: $0.agency, name: $0.name, card: card($0.dossiers, $0.facts)) }
        var all = RecordedFacts()
        for centre in centres { all.merge(centre.facts) }
        return ProvinceScorecard(centres: rows, total: card(centres.flatMap(\.dossiers), all))
    }

    public func json() -> JSONText {
        func row(_ agency: String?, _ name: String?, _ card: Scorecard) -> JSONText {
            var pairs: [(String, JSONText)] = []
            if let agency { pairs.append(("agency", .string(agency))) }
            if let name { pairs.append(("name", .string(name))) }
            pairs += [("progress", card.progress.json(key: nil, name: nil)), ("metrics", .array(card.metrics.map(\.json)))]
            return .object(pairs)
        }
        return .object([
            ("schema", .int(1)), ("report", .string("province-scorecard")),
            ("period", .object([("from", .string(total.period.from.iso)), ("to", .string(total.period.to.iso)),
                                ("timeType", .string(total.period.timeType)), ("asOf", .string(total.asOf.iso8601)),
                                ("running", .bool(total.running))])),
            ("rule", .string(total.rule.rawValue)), ("rules", .array(total.rules.map(JSONText.string))),
            ("centres", .array(centres.map { row($0.agency, $0.name, $0.card) })),
            ("total", row(nil, nil, total)),
        ])
    }

    /// One line per centre (agency code and name as the province's table holds them), then the total.
    public func text() -> String {
        var out = ["CHỈ SỐ TIẾN ĐỘ GIẢI QUYẾT (QĐ 766/QĐ-TTg) CÁC TRUNG TÂM CỦA TỈNH – \(total.period.vietnamese)",
                   "Cách tính tiến độ giải quyết:"]
        out += ReportText.bullets(total.rules)
        out.append("")
        out.append(Scorecard.rowHeader)
        for c in centres { out.append(Scorecard.rowLine(c.agency, c.name, c.card.progress)) }
        out.append(Scorecard.rowLine("", "Toàn tỉnh", total.progress))
        return out.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    public func csv() -> CSVDocument {
        var doc = CSVDocument(header: ["period", "rule", "agency", "name", "totalReceived", "totalOnTime", "totalOverdue",
                                       "avgProcessingDays", "ratio", "score", "maxScore"])
        func line(_ agency: String, _ name: String, _ p: ProgressIndex) {
            doc.append([.text(total.period.text), .text(total.rule.rawValue), .text(agency), .text(name),
                        .int(p.totalReceived), .int(p.totalOnTime), .int(p.totalOverdue),
                        .decimal(p.avgProcessingDays, fractionDigits: 2), .decimal(p.ratio, fractionDigits: 2),
                        .decimal(p.score, fractionDigits: 2), .decimal(ProgressIndex.maxScore, fractionDigits: 0)])
        }
        for c in centres { line(c.agency, c.name, c.card.progress) }
        line("", "Toàn tỉnh", total.progress)
        return doc
    }
}
