/// The day's cash book (sổ thu phí, lệ phí): every payment and refund of one day, with totals per
/// clerk and method that add up, to the đồng, to the lines (refunds count negative).
public struct Cashbook: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public let at: Instant
        public let code: String
        public let receipt: String?
        /// Signed: a refund is negative.
        public let amount: Int
        public let method: PaymentMethod
        public let by: String
        public let kind: FeeEntry.Kind
        public let procedure: String
        public let reason: String?
    }

    public struct Total: Hashable, Sendable {
        public let clerk: String
        public let method: PaymentMethod
        public let count: Int
        public let amount: Int
    }

    public let date: CivilDate
    public let lines: [Line]

    /// The lines of `date` from `dossiers` (any order); a refund takes the method of the payment before it.
    public init(date: CivilDate, dossiers: [Dossier]) {
        self.date = date
        var lines: [Line] = []
        for dossier in dossiers {
            var lastMethod = PaymentMethod.cash
            for entry in FeeAccount(dossier).entries {
                if let m = entry.method { lastMethod = m }
                guard entry.at.date == date, entry.kind != .exemption else { continue }
                lines.append(Line(at: entry.at, code: dossier.code, receipt: entry.receipt,
                                  amount: entry.kind == .refund ? -entry.amount : entry.amount,
                                  method: entry.method ?? lastMethod, by: entry.by, kind: entry.kind,
                                  procedure: dossier.reception.procedure.shortName, reason: entry.reason))
            }
        }
        self.lines = lines.sorted { ($0.at, $0.receipt ?? "", $0.code) < ($1.at, $1.receipt ?? "", $1.code) }
    }

    /// `YYMMDD-XXXX`: the code's last two parts, as the screens show it.
    static func short(_ code: String) -> String { code.split(separator: "-").suffix(2).joined(separator: "-") }

    public var total: Int { lines.reduce(0) { $0 + $1.amount } }

    /// Per clerk, then per method, in login and method order.
    public var totals: [Total] {
        var sums: [String: [PaymentMethod: (Int, Int)]] = [:]
        for line in lines {
            let (n, a) = sums[line.by]?[line.method] ?? (0, 0)
            sums[line.by, default: [:]][line.method] = (n + 1, a + line.amount)
        }
        return sums.keys.sorted().flatMap { clerk in
            PaymentMethod.allCases.compactMap { method in
                sums[clerk]?[method].map { Total(clerk: clerk, method: method, count: $0.0, amount: $0.1) }
            }
        }
    }

    public func total(of method: PaymentMethod) -> Int { lines.filter { $0.method == method }.reduce(0) { $0 + $1.amount } }

    // MARK: - Output

    public func csv(name: (String) -> String) -> CSVDocument {
        var doc = CSVDocument(header: ["Thời điểm", "Số biên lai", "Mã hồ sơ", "Thủ tục", "Loại", "Hình thức", "Số tiền", "Người thu", "Lý do"])
        for l in lines {
            doc.append([.instant(l.at), .text(l.receipt ?? ""), .text(l.code), .text(l.procedure),
                        .text(l.kind == .refund ? "Hoàn" : "Thu"), .text(l.method.vietnamese), .int(l.amount),
                        .text(name(l.by)), .text(l.reason ?? "")])
        }
        return doc
    }

    /// A printable text book: lines, then the totals per clerk and method, then the day's total.
    public func text(agencyName: String, name: (String) -> String) -> String {
        func clean(_ s: String) -> String { DisplayText.sanitize(s) }
        var out = "SỔ THU PHÍ, LỆ PHÍ — \(clean(agencyName))\nNgày \(date.vietnamese)\n\n"
        if lines.isEmpty { out += "Không có khoản thu nào trong ngày.\n" }
        for l in lines {
            out += "\(l.at.clockText)  \((l.receipt ?? "-").padded(14)) \(clean(Cashbook.short(l.code)).padded(12)) "
                + "\(l.method.vietnamese.padded(22)) \(Money.digits(l.amount).leftPadded(12))  \(clean(name(l.by)))\n"
        }
        out += "\nTổng theo người thu và hình thức:\n"
        for t in totals {
            out += "  \(clean(name(t.clerk)).padded(24)) \(t.method.vietnamese.padded(22)) \(String(t.count).leftPadded(4)) khoản \(Money.digits(t.amount).leftPadded(12))\n"
        }
        out += "Tổng cộng trong ngày: \(Money.text(total)) (\(lines.count) khoản)\n"
        return out
    }

    public func html(agencyName: String, name: (String) -> String) -> String {
        func e(_ s: String) -> String { FormRenderer.escape(DisplayText.sanitize(s)) }
        var out = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head><meta charset=\"utf-8\"><title>Sổ thu phí, lệ phí \(date.vietnamese)</title></head>\n<body>\n"
        out += "<h1>SỔ THU PHÍ, LỆ PHÍ</h1>\n<p>\(e(agencyName)) — ngày \(date.vietnamese)</p>\n<table border=\"1\">\n"
        out += "<tr><th>Giờ</th><th>Số biên lai</th><th>Mã hồ sơ</th><th>Thủ tục</th><th>Hình thức</th><th>Số tiền</th><th>Người thu</th></tr>\n"
        for l in lines {
            out += "<tr><td>\(l.at.clockText)</td><td>\(e(l.receipt ?? ""))</td><td>\(e(l.code))</td><td>\(e(l.procedure))</td>"
                + "<td>\(l.method.vietnamese)</td><td>\(Money.digits(l.amount))</td><td>\(e(name(l.by)))</td></tr>\n"
        }
        out += "</table>\n<h2>Tổng theo người thu và hình thức</h2>\n<table border=\"1\">\n"
        for t in totals {
            out += "<tr><td>\(e(name(t.clerk)))</td><td>\(t.method.vietnamese)</td><td>\(t.count)</td><td>\(Money.digits(t.amount))</td></tr>\n"
        }
        out += "</table>\n<p><strong>Tổng cộng: \(Money.text(total))</strong></p>\n</body>\n</html>\n"
        return out
    }
}

private extension String {
    func padded(_ width: Int) -> String {
        let w = count
        return w >= width ? self : self + String(repeating: " ", count: width - w)
    }

    func leftPadded(_ width: Int) -> String {
        let w = count
        return w >= width ? self : String(repeating: " ", count: width - w) + self
    }
}
