import Foundation

/// One rating as the journal recorded it: the dossier, when, and what the citizen said.
public struct RatedDossier: Hashable, Sendable {
    public let code: String
    public let at: Instant
    public let rating: Rating

    public init(code: String, at: Instant, rating: Rating) {
        self.code = code
        self.at = at
        self.rating = rating
    }
}

/// Ratings of a period, per official or per department: counts by level, the share not
/// satisfied, and where the indices were collected, TT 01/2018 art. 15's score (the mean over
/// dossiers of indices 1, 2, 3, 4, 7; an official with 5 or more has done 100 % of the task).
public struct RatingReport: Sendable {
    public enum Grouping: String, Sendable, CaseIterable { case none, official, department, procedure }

    public struct Row: Sendable, Equatable {
        public let key: String
        public var name: String
        public var verySatisfied = 0, satisfied = 0, unsatisfied = 0
        /// Dossiers rated with the indices, and the sum of their totals.
        public var withIndices = 0, indexPoints = 0

        public var total: Int { verySatisfied + satisfied + unsatisfied }
        /// Percent of ratings "Không hài lòng"; nil without ratings.
        public var unsatisfiedShare: Double? { total == 0 ? nil : Double(unsatisfied) * 100 / Double(total) }
        /// Art. 14–15: the mean index total per dossier, rounded to one decimal; nil when no indices.
        public var score: Double? { withIndices == 0 ? nil : (Double(indexPoints) / Double(withIndices) * 10).rounded() / 10 }

        /// Art. 15(1) for an official: ≥ 5 → 100 % of the task; 3.5 to < 5 → 70 to < 100 %; < 3.5 → < 70 %.
        public var officialGrade: String? {
            guard let score else { return nil }
            return score >= 5 ? "hoàn thành 100% nhiệm vụ" : score >= 3.5 ? "hoàn thành 70% đến dưới 100%" : "hoàn thành dưới 70%"
        }

        mutating func add(_ r: Rating) {
            switch r.level {
            case .verySatisfied: verySatisfied += 1
            case .satisfied: satisfied += 1
            case .unsatisfied: unsatisfied += 1
            }
            if let points = r.indexTotal { withIndices += 1; indexPoints += points }
        }
    }

    public let from: CivilDate
    public let to: CivilDate
    public let grouping: Grouping
    public let rows: [Row]
    public let total: Row

    /// `name`: the official's or department's or procedure's name for a key.
    public init(_ ratings: [RatedDossier], from: CivilDate, to: CivilDate, by grouping: Grouping, name: (Grouping, String) -> String) {
        self.from = from
        self.to = to
        self.grouping = grouping
        var total = Row(key: "", name: "Tổng cộng")
        var byKey: [String: Row] = [:]
        for rated in ratings where rated.at.date >= from && rated.at.date <= to {
            total.add(rated.rating)
            guard grouping != .none else { continue }
            let key = Self.key(rated.rating, grouping)
            byKey[key, default: Row(key: key, name: name(grouping, key))].add(rated.rating)
        }
        rows = byKey.values.sorted { ($0.name, $0.key) < ($1.name, $1.key) }
        self.total = total
    }

    static func key(_ r: Rating, _ grouping: Grouping) -> String {
        switch grouping {
        case .none: return ""
        case .official: return r.official ?? "?"
        case .department: return r.department ?? "?"
        case .procedure: return r.procedure ?? "?"
        }
    }

    public static let rules = [
        "Mỗi hồ sơ được đánh giá một lần (khi trả kết quả hoặc sau đó); tính theo ngày đánh giá, giờ Việt Nam.",
        "Cán bộ được đánh giá: người trả kết quả cho người dân; phòng ban: nơi giải quyết (bước cuối ngoài bộ phận một cửa).",
        "Điểm (Điều 14–15 Thông tư 01/2018/TT-VPCP): trung bình tổng tiêu chí 1, 2, 3, 4, 7 trên các hồ sơ có chỉ số; từ 5 điểm: hoàn thành 100% nhiệm vụ.",
    ]

    public func text() -> String {
        var out = "ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG từ \(from.vietnamese) đến \(to.vietnamese)\n"
        out += Self.rules.map { "• \($0)\n" }.joined()
        out += "\n"
        let header = ["", "Rất HL", "Hài lòng", "Không HL", "Tổng", "% không HL", "Điểm"]
        func line(_ cells: [String], name: String) -> String {
            DisplayText.sanitize(name).padded(28) + zip(cells, [8, 9, 9, 6, 11, 6]).map { $0.leftPadded($1) }.joined(separator: " ") + "\n"
        }
        out += line(Array(header.dropFirst()), name: header[0])
        for row in rows + [total] {
            out += line(["\(row.verySatisfied)", "\(row.satisfied)", "\(row.unsatisfied)", "\(row.total)",
                         row.unsatisfiedShare.map { String(format: "%.1f%%", $0) } ?? "-",
                         row.score.map { String(format: "%.1f", $0) } ?? "-"], name: row.name)
        }
        return out
    }

    public func json() -> JSONText {
        func row(_ r: Row) -> JSONText {
            .object([("key", .string(r.key)), ("name", .string(r.name)), ("verySatisfied", .int(Int64(r.verySatisfied))),
                     ("satisfied", .int(Int64(r.satisfied))), ("unsatisfied", .int(Int64(r.unsatisfied))), ("total", .int(Int64(r.total))),
                     ("unsatisfiedPercent", r.unsatisfiedShare.map { .double(($0 * 10).rounded() / 10) } ?? .null),
                     ("withIndices", .int(Int64(r.withIndices))), ("score", r.score.map { .double($0) } ?? .null)]
                    + (grouping == .official ? [("grade", r.officialGrade.map { .string($0) } ?? .null)] : []))
        }
        return .object([("schema", .int(1)), ("from", .string(from.iso)), ("to", .string(to.iso)), ("by", .string(grouping.rawValue)),
                        ("rules", .array(Self.rules.map { .string($0) })), ("rows", .array(rows.map(row))), ("total", row(total))])
    }

    public func csv() -> CSVDocument {
        var doc = CSVDocument(header: ["key", "name", "very_satisfied", "satisfied", "unsatisfied", "total", "unsatisfied_percent", "with_indices", "score"])
        for r in rows + [total] {
            doc.append([.text(r.key), .text(r.name), .int(r.verySatisfied), .int(r.satisfied), .int(r.unsatisfied), .int(r.total),
                        .decimal(r.unsatisfiedShare, fractionDigits: 1), .int(r.withIndices), .decimal(r.score, fractionDigits: 1)])
        }
        return doc
    }
}

private extension String {
    func padded(_ width: Int) -> String {
        let w = count
        return w >= width ? String(prefix(width - 1)) + " " : self + String(repeating: " ", count: width - w)
    }
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
