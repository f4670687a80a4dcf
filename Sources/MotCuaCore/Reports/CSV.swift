import Foundation

/// One cell of a CSV export. Text and numbers are distinct cases so that only text is
/// neutralised against spreadsheet formulas: a negative number stays a number.
public enum CSVCell: Hashable, Sendable {
    case text(String)
    case int(Int)
    /// A decimal with `.` and a fixed number of digits after it; nil is an empty cell.
    case decimal(Double?, fractionDigits: Int)
    /// `dd/MM/yyyy HH:mm`, Vietnam time; nil is an empty cell.
    case instant(Instant?)
    /// `dd/MM/yyyy`; nil is an empty cell.
    case date(CivilDate?)
    case empty
}

/// A CSV document for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Vietnamese
/// correctly), CRLF line ends, RFC 4180 quoting, and text cells made inert (OWASP CSV injection).
public struct CSVDocument: Sendable {
    public let header: [String]
    public private(set) var rows: [[CSVCell]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [CSVCell]) {
        precondition(row.count == header.count, "a CSV row has \(row.count) cells for \(header.count) columns")
        rows.append(row)
    }

    /// The whole document, starting with U+FEFF (EF BB BF once encoded), every line ending in CRLF.
    public var text: String {
        var out = "\u{FEFF}"
        out += header.map { CSVDocument.field(.text($0)) }.joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(CSVDocument.field).joined(separator: ",") + "\r\n" }
        return out
    }

    public var bytes: [UInt8] { Array(text.utf8) }

    /// One cell as it appears between the commas.
    public static func field(_ cell: CSVCell) -> String {
        switch cell {
        case .text(let s): return quoted(neutralised(s))
        case .int(let n): return String(n)
        case .decimal(let value, let digits): return value.map { decimal($0, digits: digits) } ?? ""
        case .instant(let instant): return instant?.dayMonthYearTime ?? ""
        case .date(let date): return date?.vietnamese ?? ""
        case .empty: return ""
        }
    }

    /// Characters that make a spreadsheet read a cell as a formula (OWASP: = + - @ TAB CR).
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A leading formula character gets a `'` in front; then control characters become visible
    /// symbols, so no line break or escape sequence survives inside a cell.
    static func neutralised(_ text: String) -> String {
        let guarded = text.unicodeScalars.first.map { formulaStarts.contains($0) } == true ? "'" + text : text
        return DisplayText.sanitize(guarded)
    }

    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `85.3` for (85.31, 1): integer arithmetic, so no locale or binary-float noise.
    static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "" }
        var scale: Int64 = 1
        for _ in 0..<max(0, digits) { scale *= 10 }
        let scaled = Int64((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(scaled) }
        let fraction = String(scaled % scale)
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

extension OverdueReport {
    /// What the CSV export holds about people; callers print it on stderr or in an HTML header
    /// (a CSV body has no place for it).
    public var personalDataNote: String {
        "Tệp xuất có họ tên người nộp hồ sơ và họ tên, tên đăng nhập của cán bộ (dữ liệu cá nhân theo Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): chỉ dùng cho công việc, không công bố, không chia sẻ ra ngoài cơ quan. Tệp không có số định danh, số điện thoại hay địa chỉ."
    }

    /// One row per dossier: overdue first, then (unless `includeDueSoon` is false) due today and by tomorrow.
    public func csv(includeDueSoon: Bool = true) -> CSVDocument {
        var doc = CSVDocument(header: [
            "Tình trạng", "Mã hồ sơ", "Người nộp", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực",
            "Mã phòng đang giữ", "Phòng đang giữ", "Cán bộ đang giữ", "Tên cán bộ đang giữ",
            "Bước chịu trách nhiệm (phòng)", "Bước chịu trách nhiệm (cán bộ)", "Số ngày làm việc trễ",
            "Hạn trả", "Đã gia hạn", "Tiếp nhận lúc",
        ])
        var sections = [("Quá hạn", overdue)]
        if includeDueSoon { sections += [("Hạn hôm nay", dueToday), ("Còn 1 ngày làm việc", dueWithin1)] }
        for (status, rows) in sections {
            for row in rows {
                doc.append([
                    .text(status), .text(row.code), .text(row.applicant), .text(row.procedureCode),
                    .text(row.procedureShortName), .text(row.field), .text(row.holder.department),
                    .text(row.holderDepartmentName), .text(row.holder.official ?? ""), .text(row.holderOfficialName ?? ""),
                    .text(row.responsibleStep?.department ?? ""), .text(row.responsibleStep?.official ?? ""),
                    .int(row.workingDaysLate), .instant(row.due), .text(row.extended ? "Có" : "Không"),
                    .instant(row.receivedAt),
                ])
            }
        }
        return doc
    }
}

extension PeriodReport {
    /// What the CSV export holds about people (see `OverdueReport.personalDataNote`).
    public var personalDataNote: String {
        grouping == .official
            ? "Tệp thống kê không có dữ liệu của người nộp hồ sơ; có tên đăng nhập và họ tên cán bộ (dữ liệu cá nhân): chỉ dùng cho công việc, không công bố."
            : "Tệp thống kê chỉ có số liệu tổng hợp, không có dữ liệu cá nhân."
    }

    /// One row per group, then the total row.
    public func csv() -> CSVDocument {
        let columns: [(String, KeyPath<PeriodCounts, Int>)] = [
            ("Kỳ trước chuyển sang", \.carriedOver), ("Tiếp nhận trong kỳ", \.received),
            ("Trực tiếp", \.receivedDirect), ("Bưu chính công ích", \.receivedPostal), ("Trực tuyến", \.receivedOnline),
            ("Đã giải quyết", \.resolved), ("Trước hạn", \.early), ("Đúng hạn", \.onTime), ("Quá hạn", \.late),
            ("Trước hạn (theo ngày)", \.earlyByDate), ("Đúng hạn (theo ngày)", \.onTimeByDate), ("Quá hạn (theo ngày)", \.lateByDate),
            ("Từ chối", \.refused), ("Rút/dừng", \.withdrawn),
            ("Còn tồn trong hạn", \.pendingWithinTime), ("Còn tồn quá hạn", \.pendingOverdue),
            ("Chờ bổ sung", \.pausedSupplement), ("Tạm dừng", \.pausedSuspension),
            ("Đã trả trong kỳ", \.returned), ("Quá hạn có xin lỗi", \.lateWithApology), ("Bổ sung lần 2", \.secondSupplement),
        ]
        var doc = CSVDocument(header: ["Từ ngày", "Đến ngày", "Nhóm theo", "Mã nhóm", "Tên nhóm"] + columns.map(\.0)
                              + ["Tỷ lệ đúng hạn (%)", "Tỷ lệ đúng hạn theo ngày (%)"])
        let lines = rows.map { ($0.key, $0.name, $0.counts) } + [("", "Tổng cộng", total)]
        for (key, name, counts) in lines {
            doc.append([.date(from), .date(to), .text(grouping.vietnamese), .text(key), .text(name)]
                       + columns.map { .int(counts[keyPath: $0.1]) }
                       + [.decimal(counts.onTimeRate.map { $0 * 100 }, fractionDigits: 1),
                          .decimal(counts.onTimeRateByDate.map { $0 * 100 }, fractionDigits: 1)])
        }
        return doc
    }
}
