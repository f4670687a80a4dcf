/// Decides the event a fee command produces, from the dossier's account. Pure: the receipt book
/// (which numbers are used, the next one) is the store's, passed in.
public enum FeeRules {
    /// The longest receipt number a clerk may type (a paper book's "Ký hiệu/Số").
    public static let maxReceiptLength = 40

    /// motcua's own receipt numbers: the year and a gap-free six-digit sequence per agency.
    public static func receiptNumber(year: Int, number: Int) -> String {
        CivilDate.pad(year, 4) + "-" + CivilDate.pad(number, 6)
    }

    /// The sequence number of one of motcua's own receipt numbers of `year`, or nil for another shape.
    public static func ownNumber(_ receipt: String, year: Int) -> Int? {
        let parts = receipt.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == CivilDate.pad(year, 4), parts[1].count == 6, parts[1].allSatisfy(\.isASCII),
              let n = Int(parts[1]) else { return nil }
        return n
    }

    /// `nextReceipt`: the book's next number; `usedBy`: the dossier a receipt number was used for.
    public static func decide(_ command: FeeCommand, account: FeeAccount, state: DossierState,
                              nextReceipt: String, usedBy: (String) -> String?) throws(FeeError) -> DossierEvent {
        switch command {
        case .pay(let amount, let method, let asked):
            guard ![.refused, .withdrawn, .notAccepted, .submitted].contains(state) else { throw .closed(state) }
            guard amount > 0 else { throw .notPositive(amount) }
            guard account.outstanding > 0 else { throw .nothingDue }
            guard amount <= account.outstanding else { throw .moreThanDue(amount: amount, outstanding: account.outstanding) }
            var e = DossierEvent(kind: .feePaid)
            e.amount = amount
            e.method = method
            if let asked {
                let receipt = Validation.clean(asked)
                guard !receipt.isEmpty, receipt.count <= maxReceiptLength,
                      !receipt.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw .badReceipt("từ 1 đến \(maxReceiptLength) ký tự, không có ký tự điều khiển")
                }
                if let code = usedBy(receipt) { throw .receiptUsed(receipt, by: code) }
                // A number of motcua's own book is only ever the next one: typing one ahead would leave a gap.
                if receipt != nextReceipt, looksOwn(receipt) {
                    throw .badReceipt("\(receipt) có dạng số biên lai motcua tự cấp; số tiếp theo là \(nextReceipt) (bỏ --receipt để motcua cấp)")
                }
                e.receipt = receipt
            } else {
                e.receipt = nextReceipt
            }
            return e
        case .refund(let amount, let reason):
            guard amount > 0 else { throw .notPositive(amount) }
            guard amount <= account.paid else { throw .moreThanPaid(amount: amount, paid: account.paid) }
            var e = DossierEvent(kind: .feeRefunded)
            e.amount = amount
            e.reason = try reasonText(reason)
            return e
        case .exempt(let amount, let reason):
            guard account.outstanding > 0 else { throw .nothingDue }
            let value = amount ?? account.outstanding
            guard value > 0 else { throw .notPositive(value) }
            guard value <= account.outstanding else { throw .moreThanDue(amount: value, outstanding: account.outstanding) }
            var e = DossierEvent(kind: .feeExempted)
            e.amount = value
            e.reason = try reasonText(reason)
            return e
        }
    }

    private static func looksOwn(_ receipt: String) -> Bool {
        let parts = receipt.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].count == 4 && parts[1].count == 6
            && (parts[0] + parts[1]).allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func reasonText(_ raw: String) throws(FeeError) -> String {
        guard Validation.text(raw, field: .reason, label: "Lý do", required: true).isEmpty else { throw .reasonRequired }
        return Validation.nfc(raw).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
