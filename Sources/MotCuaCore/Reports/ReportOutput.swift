/// The reports as text for an 80-column terminal. Stored text (names, fields) goes through
/// `DisplayText.sanitize` before it reaches the screen.
extension OverdueReport {
    /// How the list is drawn up, printed in every output.
    public static let rules = [
        "Quá hạn: hồ sơ đang giải quyết (mới tiếp nhận hoặc đang ở phòng ban) đã qua giờ hẹn hiện tại với người dân (hạn mới nếu đã có văn bản xin lỗi, hẹn lại).",
        "Hồ sơ chờ bổ sung hoặc tạm dừng không có trong danh sách: thời gian giải quyết đang dừng.",
        "Số ngày trễ: số ngày làm việc đã bắt đầu kể từ giờ hẹn (làm tròn lên, ít nhất 1).",
        "Bước chịu trách nhiệm: bước đầu tiên vượt thời hạn của bước; nếu chưa có, bước đang giữ hồ sơ khi đã quá thời hạn của bước.",
        "Hạn hôm nay / còn 1 ngày: hồ sơ chưa quá hạn, hẹn trong ngày hôm nay / đến hết ngày làm việc tiếp theo.",
    ]

    /// The list as text: overdue rows (in groups when `grouping` is given), then what is due soon.
    public func text(groupedBy grouping: Grouping? = nil) -> String {
        var out: [String] = []
        out.append("DANH SÁCH HỒ SƠ QUÁ HẠN – lúc \(now.vietnameseShort)")
        out.append("Quá hạn: \(overdue.count) · Hạn hôm nay: \(dueToday.count) · Còn 1 ngày làm việc: \(dueWithin1.count)")
        out.append("")
        let layout = OverdueLayout(rows: overdue + dueToday + dueWithin1)
        if overdue.isEmpty {
            out.append("Không có hồ sơ quá hạn.")
        } else if let grouping {
            out.append("Nhóm theo: \(grouping.vietnamese)")
            for group in groups(by: grouping) {
                out.append("")
                out.append(TextLayout.truncate("■ \(DisplayText.sanitize(heading(group, grouping))): \(group.count) hồ sơ",
                                               to: TextLayout.pageWidth))
                out.append(layout.header)
                for row in group.rows { out += layout.lines(row, overdue: true) }
            }
        } else {
            out.append(layout.header)
            for row in overdue { out += layout.lines(row, overdue: true) }
        }
        for (title, rows) in [("HẠN HÔM NAY", dueToday), ("CÒN 1 NGÀY LÀM VIỆC", dueWithin1)] where !rows.isEmpty {
            out.append("")
            out.append("\(title): \(rows.count) hồ sơ")
            out.append(layout.header)
            for row in rows { out += layout.lines(row, overdue: false) }
        }
        out.append("")
        out.append("* đã gia hạn (có văn bản xin lỗi, hẹn lại). Trễ: số ngày làm việc quá hạn.")
        out.append("Cách tính:")
        out += ReportText.bullets(OverdueReport.rules)
        return out.joined(separator: "\n") + "\n"
    }

    /// A group's heading in the text output. An official's keeps the login beside the name: the
    /// rows below name holders by login ("VP/hoa") and the commands a supervisor runs next take it.
    private func heading(_ group: Group, _ grouping: Grouping) -> String {
        guard grouping == .official, !group.key.isEmpty, group.key != group.name else { return group.name }
        return "\(group.name) (\(group.key))"
    }
}

/// Column widths of the overdue table, fitted to 80 columns around the longest dossier code.
struct OverdueLayout {
    let code: Int, applicant: Int, procedure: Int, holder: Int
    static let late = 3, due = 12

    init(rows: [OverdueRow]) {
        code = min(30, max(8, rows.map(\.code.count).max() ?? 8))
        // Three flexible columns share what is left after the fixed ones and five separators.
        let flexible = max(21, TextLayout.pageWidth - code - OverdueLayout.late - OverdueLayout.due - 5)
        applicant = flexible * 43 / 100
        procedure = flexible * 31 / 100
        holder = flexible - applicant - procedure
    }

    var header: String {
        [TextLayout.fit("Mã hồ sơ", code), TextLayout.fit("Người nộp", applicant), TextLayout.fit("Thủ tục", procedure),
         TextLayout.fit("Đang giữ", holder), TextLayout.fit("Trễ", OverdueLayout.late, right: true),
         TextLayout.fit("Hạn trả", OverdueLayout.due)].joined(separator: " ").trimmingTrailingSpaces
    }

    func lines(_ row: OverdueRow, overdue: Bool) -> [String] {
        let holderText = row.holder.official.map { "\(row.holder.department)/\($0)" } ?? row.holder.department
        let first = [
            TextLayout.fit(DisplayText.sanitize(row.code), code),
            TextLayout.fit(DisplayText.sanitize(row.applicant), applicant),
            TextLayout.fit(DisplayText.sanitize(row.procedureShortName), procedure),
            TextLayout.fit(DisplayText.sanitize(holderText), holder),
            TextLayout.fit(overdue ? String(row.workingDaysLate) : "", OverdueLayout.late, right: true),
            TextLayout.fit(row.due.dayMonthTime + (row.extended ? "*" : ""), OverdueLayout.due),
        ].joined(separator: " ").trimmingTrailingSpaces
        guard let step = row.responsibleStep, step != row.holder else { return [first] }
        let stepText = step.official.map { "\(step.department)/\($0)" } ?? step.department
        return [first, TextLayout.truncate("    ↳ chậm ở bước: \(DisplayText.sanitize(stepText))", to: TextLayout.pageWidth)]
    }
}

extension PeriodReport {
    /// `██████████░░░░ 85,3%`: the on-time rate as a bar of `width` cells, for the TUI and text output.
    public static func bar(_ rate: Double?, width: Int = 30) -> String {
        guard let rate else { return String(repeating: "░", count: width) + "   –  " }
        return TextLayout.bar(rate, width: width) + " " + TextLayout.fit(TextLayout.percent(rate), 6, right: true)
    }

    /// The report as text: the rules, three tables of counts and the on-time bars.
    public func text() -> String {
        var out: [String] = []
        out.append("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ")
        out.append("Kỳ: \(from.vietnamese) – \(to.vietnamese) (\(workingDays) ngày làm việc) · Nhóm theo: \(grouping.vietnamese)")
        out.append("Cách tính:")
        out += ReportText.bullets(rules)
        out.append("")
        out += tableLines().map(\.text)
        if !reconciles { out.append("CẢNH BÁO: số liệu không cân đối, hãy báo cho quản trị.") }
        return out.map(\.trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// A line of the report's tables and what it is: the text report prints the text, the
    /// terminal chooses a look from the kind (the "Tổng cộng" rows stand out).
    public struct ReportLine: Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case heading, columns, rule, row, total, blank }
        public let text: String
        public let kind: Kind

        public init(_ text: String, _ kind: Kind = .blank) {
            self.text = text
            self.kind = kind
        }
    }

    /// Tables 1–4 of the report (received, resolved, refused/withdrawn/pending, on-time rates),
    /// one line each, as `text()` prints them and F9 shows them.
    public func tableLines() -> [ReportLine] {
        var out: [ReportLine] = []
        let lines = rows.map { (DisplayText.sanitize($0.name), $0.counts) } + [("Tổng cộng", total)]
        out += ReportText.table(title: "1. TIẾP NHẬN", columns: [
            ("Kỳ", "trước", \.carriedOver), ("Trong", "kỳ", \.received), ("Trực", "tiếp", \.receivedDirect),
            ("Bưu", "chính", \.receivedPostal), ("Trực", "tuyến", \.receivedOnline), ("Tổng", "số", \.ofPeriod),
        ], rows: lines)
        out.append(ReportLine(""))
        out += ReportText.table(title: "2. ĐÃ GIẢI QUYẾT (theo thời điểm | theo ngày)", columns: [
            ("Tổng", "số", \.resolved), ("Trước", "hạn", \.early), ("Đúng", "hạn", \.onTime), ("Quá", "hạn", \.late),
            ("Trước", "(ngày)", \.earlyByDate), ("Đúng", "(ngày)", \.onTimeByDate), ("Quá", "(ngày)", \.lateByDate),
            ("Có xin", "lỗi", \.lateWithApology), ("BS", "lần 2", \.secondSupplement),
        ], rows: lines)
        out.append(ReportLine(""))
        out += ReportText.table(title: "3. TỪ CHỐI, RÚT VÀ CÒN TỒN CUỐI KỲ", columns: [
            ("Từ", "chối", \.refused), ("Rút/", "dừng", \.withdrawn), ("Tồn", "t.hạn", \.pendingWithinTime),
            ("Tồn", "q.hạn", \.pendingOverdue), ("Chờ", "bổ sung", \.pausedSupplement), ("Tạm", "dừng", \.pausedSuspension),
            ("Đã trả", "trong kỳ", \.returned),
        ], rows: lines)
        out.append(ReportLine(""))
        out.append(ReportLine("4. TỶ LỆ ĐÚNG HẠN (theo thời điểm; theo ngày)", .heading))
        for (index, (name, counts)) in lines.enumerated() {
            let byDate = counts.onTimeRateByDate.map(TextLayout.percent) ?? "–"
            out.append(ReportLine("\(TextLayout.fit(name, 28)) \(PeriodReport.bar(counts.onTimeRate)) \(TextLayout.fit(byDate, 6, right: true))",
                                  index == lines.count - 1 ? .total : .row))
        }
        return out
    }
}

extension PeriodCounts {
    /// Every dossier of the period: carried over plus received.
    public var ofPeriod: Int { carriedOver + received }
}

enum ReportText {
    /// Rules as wrapped bullet lines with a hanging indent.
    static func bullets(_ items: [String]) -> [String] {
        items.flatMap { item -> [String] in
            let wrapped = TextLayout.wrap(item, width: TextLayout.pageWidth - 4)
            return wrapped.enumerated().map { ($0.offset == 0 ? "  - " : "    ") + $0.element }
        }
    }

    /// A table of counts: a name column, then numeric columns with two-line headings, fitted to 80 columns.
    static func table(title: String, columns: [(String, String, KeyPath<PeriodCounts, Int>)],
                      rows: [(String, PeriodCounts)]) -> [PeriodReport.ReportLine] {
        let widths = columns.map { column in
            max(column.0.count, column.1.count, rows.map { String($0.1[keyPath: column.2]).count }.max() ?? 1) + 1
        }
        let nameWidth = max(10, TextLayout.pageWidth - widths.reduce(0, +))
        let rule = PeriodReport.ReportLine(String(repeating: "─", count: nameWidth + widths.reduce(0, +)), .rule)
        var out = [PeriodReport.ReportLine(title, .heading)]
        out.append(.init(TextLayout.fit("", nameWidth) + zip(columns, widths).map { TextLayout.fit($0.0, $1, right: true) }.joined(), .columns))
        out.append(.init(TextLayout.fit("Nhóm", nameWidth) + zip(columns, widths).map { TextLayout.fit($0.1, $1, right: true) }.joined(), .columns))
        out.append(rule)
        for (index, (name, counts)) in rows.enumerated() {
            let last = index == rows.count - 1
            if last && rows.count > 1 { out.append(rule) }
            out.append(.init(TextLayout.fit(name, nameWidth - 1) + " "
                             + zip(columns, widths).map { TextLayout.fit(String(counts[keyPath: $0.2]), $1, right: true) }.joined(),
                             last ? .total : .row))
        }
        return out
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
