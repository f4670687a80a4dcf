/// How a fee was paid (NĐ 61/2018 art. 22: at the desk, by transfer, through the post, online).
public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case cash, transfer, online, postal

    public var vietnamese: String {
        switch self {
        case .cash: return "Tiền mặt"
        case .transfer: return "Chuyển khoản"
        case .online: return "Trực tuyến (Cổng DVC)"
        case .postal: return "Qua bưu chính"
        }
    }
}

/// One fee line as it stood in the catalogue version a dossier was received under, with the
/// reduction its channel earned: later catalogue edits never change what a dossier owes.
public struct FeeLine: Codable, Hashable, Sendable {
    public var name: String
    /// VND due for this line (after the online reduction, when one applied).
    public var amount: Int
    /// The catalogue's amount before a reduction; nil when none applied.
    public var fullAmount: Int?
    /// The legal basis (căn cứ: the HĐND resolution, the circular).
    public var basis: String?
    public var note: String?

    public init(name: String, amount: Int, fullAmount: Int? = nil, basis: String? = nil, note: String? = nil) {
        self.name = name
        self.amount = amount
        self.fullAmount = fullAmount
        self.basis = basis
        self.note = note
    }

    /// The lines a dossier owes for `procedure` submitted through `channel`: an online dossier
    /// pays the catalogue's online amount where it gives one (lệ phí giảm khi nộp trực tuyến).
    public static func lines(for procedure: Procedure, channel: Channel) -> [FeeLine] {
        procedure.fees.map { fee in
            if channel == .online, let online = fee.onlineAmount, online < fee.amount {
                return FeeLine(name: fee.name, amount: max(0, online), fullAmount: fee.amount, basis: fee.basis, note: fee.note)
            }
            return FeeLine(name: fee.name, amount: max(0, fee.amount), basis: fee.basis, note: fee.note)
        }
    }
}

/// A payment, refund or exemption as the journal recorded it.
public struct FeeEntry: Hashable, Sendable {
    public enum Kind: String, Sendable { case payment, refund, exemption }
    public let kind: Kind
    public let amount: Int
    public let method: PaymentMethod?
    public let receipt: String?
    public let reason: String?
    public let by: String
    public let at: Instant
    public let seq: Int64
}

/// What a dossier owes and has paid, folded from its reception and history.
public struct FeeAccount: Hashable, Sendable {
    public let lines: [FeeLine]
    public let entries: [FeeEntry]

    public init(_ dossier: Dossier) {
        lines = dossier.reception.fees ?? []
        entries = dossier.history.compactMap { rec -> FeeEntry? in
            let e = rec.event
            let kind: FeeEntry.Kind
            switch e.kind {
            case .feePaid: kind = .payment
            case .feeRefunded: kind = .refund
            case .feeExempted: kind = .exemption
            default: return nil
            }
            return FeeEntry(kind: kind, amount: e.amount ?? 0, method: e.method, receipt: e.receipt, reason: e.reason,
                            by: rec.by, at: rec.at, seq: rec.seq)
        }
    }

    /// The lines' total before exemptions.
    public var gross: Int { lines.reduce(0) { $0 + $1.amount } }
    public var exempted: Int { total(.exemption) }
    /// What the applicant owes: the lines less exemptions.
    public var due: Int { max(0, gross - exempted) }
    /// Payments less refunds.
    public var paid: Int { total(.payment) - total(.refund) }
    public var outstanding: Int { max(0, due - paid) }
    public var payments: [FeeEntry] { entries.filter { $0.kind == .payment } }
    /// Any line was paid through the portal (DuocThanhToanTrucTuyen).
    public var paidOnline: Bool { payments.contains { $0.method == .online } }

    private func total(_ kind: FeeEntry.Kind) -> Int { entries.filter { $0.kind == kind }.reduce(0) { $0 + $1.amount } }
}

/// A change to a dossier's fees.
public enum FeeCommand: Hashable, Sendable {
    /// `receipt` nil: the next number of the agency's receipt book is allocated under the writer lock.
    case pay(amount: Int, method: PaymentMethod, receipt: String?)
    case refund(amount: Int, reason: String)
    /// `amount` nil: whatever is still owed.
    case exempt(amount: Int?, reason: String)
}

public enum FeeError: Error, Equatable, CustomStringConvertible {
    case notPositive(Int)
    case moreThanDue(amount: Int, outstanding: Int)
    case nothingDue
    case moreThanPaid(amount: Int, paid: Int)
    case reasonRequired
    case badReceipt(String)
    case receiptUsed(String, by: String)
    case closed(DossierState)

    public var description: String {
        switch self {
        case .notPositive(let n):
            return "Số tiền \(Money.text(n)) không hợp lệ: phải lớn hơn 0 đồng"
        case .moreThanDue(let amount, let outstanding):
            return "Số tiền \(Money.text(amount)) lớn hơn số còn phải nộp (\(Money.text(outstanding))); chưa ghi gì"
        case .nothingDue:
            return "Hồ sơ không còn khoản phí, lệ phí nào phải nộp; chưa ghi gì"
        case .moreThanPaid(let amount, let paid):
            return "Số tiền hoàn \(Money.text(amount)) lớn hơn số đã nộp (\(Money.text(paid))); chưa ghi gì"
        case .reasonRequired:
            return "Cần ghi lý do (hoàn phí, miễn giảm)"
        case .badReceipt(let why):
            return "Số biên lai không hợp lệ: \(why)"
        case .receiptUsed(let receipt, let code):
            return "Số biên lai \(receipt) đã dùng cho hồ sơ \(code); mỗi biên lai chỉ dùng một lần, chưa ghi gì"
        case .closed(let state):
            return "Không thể thu phí: hồ sơ đang ở trạng thái \"\(state.vietnamese)\""
        }
    }
}

/// Amounts as Vietnamese write them: 1.000.000 đồng.
public enum Money {
    public static func digits(_ amount: Int) -> String {
        let raw = String(amount.magnitude)
        var out = ""
        for (i, c) in raw.enumerated() {
            if i > 0 && (raw.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (amount < 0 ? "-" : "") + out
    }

    public static func text(_ amount: Int) -> String { digits(amount) + " đồng" }
}

extension EventText {
    /// The history line of a fee or document event (shared by `show` and the detail pane); nil for other kinds.
    public static func feeOrDocument(_ e: DossierEvent) -> String? {
        switch e.kind {
        case .feePaid:
            return "Thu \(Money.text(e.amount ?? 0)) (\(e.method?.vietnamese ?? "?")), biên lai \(e.receipt ?? "?")"
        case .feeRefunded: return "Hoàn \(Money.text(e.amount ?? 0)): \(e.reason ?? "")"
        case .feeExempted: return "Miễn, giảm \(Money.text(e.amount ?? 0)): \(e.reason ?? "")"
        case .documentRecorded:
            guard let d = e.document else { return "Số hóa giấy tờ" }
            return "Giấy tờ số \(d.index): \(d.status.vietnamese)" + (d.from.map { " (từ hồ sơ \($0))" } ?? "")
        default: return nil
        }
    }
}
