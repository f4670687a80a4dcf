import Foundation
import Testing
@testable import MotCuaCore


/// Fee lines, the account, the rules of a payment, and the portal's fields for them.
@Suite("Fees and documents, core")
struct FeeTests {
    let lifecycle = Lifecycle(calendar: WorkCalendar(schedule: .shipped), catalogue: .sample)

    func dossier(_ procedure: String, channel: Channel = .direct, _ later: [(DossierEvent, String)] = []) throws -> Dossier {
        var intake = Intake(procedureCode: procedure, applicant: Person(name: "Nguyễn Văn Ánh", idNumber: "046090001234", phone: "0912345678"))
        intake.channel = channel
        let received = try lifecycle.receive(intake, agency: "000.00.xx.H57", at: at("2026-11-30T08:00"))
        let id = UUID()
        var events = [RecordedEvent(seq: 1, at: at("2026-11-30T08:00"), by: "lan", dossier: id, code: "000.00.xx.H57-261130-0001", version: 1, event: received)]
        for (i, (e, time)) in later.enumerated() {
            events.append(RecordedEvent(seq: Int64(i + 2), at: at(time), by: "lan", dossier: id, code: events[0].code, version: i + 2, event: e))
        }
        return try Dossier(events: events)
    }

    func payment(_ amount: Int, _ method: PaymentMethod = .cash, _ receipt: String = "2026-000001") -> DossierEvent {
        var e = DossierEvent(kind: .feePaid)
        e.amount = amount
        e.method = method
        e.receipt = receipt
        return e
    }

    @Test func anOnlineSubmissionPaysTheCataloguesLowerFeeAndADirectOneTheFullFee() throws {
        let online = FeeAccount(try dossier("1.004222", channel: .online))
        #expect(online.lines.map(\.amount) == [10_000] && online.lines[0].fullAmount == 20_000)
        let direct = FeeAccount(try dossier("1.004222"))
        #expect(direct.lines.map(\.amount) == [20_000] && direct.lines[0].fullAmount == nil && direct.due == 20_000)
        let land = FeeAccount(try dossier("1.012787"))
        #expect(land.due == 600_000 && land.lines.count == 2)
        #expect(FeeAccount(try dossier("1.001193")).due == 0, "birth registration on time is free")
    }

    @Test func theFeeLinesAreTheCataloguesAtReceptionNotAfterALaterEdit() throws {
        let d = try dossier("1.004873")
        let json = try JSONEncoder().encode(d.reception)
        let decoded = try JSONDecoder().decode(Reception.self, from: json)
        #expect(decoded.fees == [FeeLine(name: "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", amount: 15_000,
                                         basis: "Nghị quyết của HĐND thành phố Huế về phí, lệ phí", note: "Theo Nghị quyết HĐND thành phố Huế")])
        // A reception line written before fees were kept decodes with no fee lines (nothing owed).
        var old = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        old["fees"] = nil
        let legacy = try JSONDecoder().decode(Reception.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(legacy.fees == nil)
    }

    @Test func anExemptionLowersWhatIsDueAndPaymentsAndRefundsMoveWhatIsPaid() throws {
        var exempt = DossierEvent(kind: .feeExempted)
        exempt.amount = 100_000
        exempt.reason = "Hộ nghèo"
        var refund = DossierEvent(kind: .feeRefunded)
        refund.amount = 50_000
        refund.reason = "Thu thừa"
        let d = try dossier("1.012787", [(exempt, "2026-11-30T08:01"), (payment(450_000), "2026-11-30T08:02"), (refund, "2026-11-30T08:03")])
        let a = FeeAccount(d)
        #expect(a.gross == 600_000 && a.exempted == 100_000 && a.due == 500_000 && a.paid == 400_000 && a.outstanding == 100_000)
        let book = Cashbook(date: CivilDate(2026, 11, 30), dossiers: [d])
        #expect(book.lines.map(\.amount) == [450_000, -50_000] && book.total == 400_000, "exemptions are not cash")
        #expect(book.totals == [Cashbook.Total(clerk: "lan", method: .cash, count: 2, amount: 400_000)])
    }

    @Test func aPaymentIsRefusedWhenZeroNegativeMoreThanDueOrWithAReceiptUsedOrSkipped() throws {
        let a = FeeAccount(try dossier("1.004873"))
        func decide(_ c: FeeCommand, used: [String: String] = [:]) throws(FeeError) -> DossierEvent {
            try FeeRules.decide(c, account: a, state: .received, nextReceipt: "2026-000004", usedBy: { used[$0] })
        }
        #expect(throws: FeeError.notPositive(0)) { try decide(.pay(amount: 0, method: .cash, receipt: nil)) }
        #expect(throws: FeeError.notPositive(-5)) { try decide(.pay(amount: -5, method: .cash, receipt: nil)) }
        #expect(throws: FeeError.moreThanDue(amount: 15_001, outstanding: 15_000)) { try decide(.pay(amount: 15_001, method: .cash, receipt: nil)) }
        #expect(throws: FeeError.receiptUsed("BL-1", by: "X")) { try decide(.pay(amount: 1, method: .cash, receipt: "BL-1"), used: ["BL-1": "X"]) }
        #expect(throws: FeeError.self) { try decide(.pay(amount: 1, method: .cash, receipt: "2026-000009")) }
        #expect(throws: FeeError.self) { try decide(.pay(amount: 1, method: .cash, receipt: "a\u{1B}[31m")) }
        #expect(throws: FeeError.moreThanPaid(amount: 1, paid: 0)) { try decide(.refund(amount: 1, reason: "x")) }
        #expect(throws: FeeError.reasonRequired) { try decide(.exempt(amount: nil, reason: " ")) }
        #expect(try decide(.pay(amount: 15_000, method: .cash, receipt: nil)).receipt == "2026-000004")
        #expect(try decide(.pay(amount: 15_000, method: .cash, receipt: "2026-000004")).receipt == "2026-000004")
        #expect(FeeError.moreThanDue(amount: 20_000, outstanding: 15_000).description.contains("20.000 đồng"))
        #expect(throws: FeeError.closed(.withdrawn)) {
            try FeeRules.decide(.pay(amount: 1, method: .cash, receipt: nil), account: a, state: .withdrawn, nextReceipt: "x", usedBy: { _ in nil })
        }
    }

    @Test func thePortalRecordCarriesPaidFeesDigitisationAndOnlinePayment() throws {
        var scanned = DossierEvent(kind: .documentRecorded)
        scanned.document = DocumentRecord(index: 1, status: .reused)
        let d = try dossier("1.012787", [(scanned, "2026-11-30T08:01"), (payment(120_000, .online, "DVC-1"), "2026-11-30T08:02")])
        let names = PortalMessage.Names(unit: "UBND", department: { _ in nil }, official: { _ in nil })
        let json = try JSONSerialization.jsonObject(with: Data(PortalMessage.dossierRecord(d, names: names).compact.utf8)) as! [String: Any]
        #expect(json["DuocThanhToanTrucTuyen"] as? String == "1")
        let fees = json["DanhSachLePhi"] as! [[String: String]]
        #expect(fees.map { $0["Gia"]! } == ["100000", "20000"], "the paid 120.000 covers the first line and part of the second")
        let papers = json["TaiLieuNop"] as! [[String: String]]
        #expect(papers.first?["DuocSoHoa"] == "1" && papers.first?["DuocTaiSuDung"] == "1" && papers.first?["DuocLayTuKhoDMQG"] == "1")
        #expect(papers.dropFirst().allSatisfy { $0["DuocSoHoa"] == "0" })
        let unpaid = try JSONSerialization.jsonObject(with: Data(PortalMessage.dossierRecord(try dossier("1.012787"), names: names).compact.utf8)) as! [String: Any]
        #expect((unpaid["DanhSachLePhi"] as! [Any]).isEmpty && unpaid["DuocThanhToanTrucTuyen"] as? String == "0")
    }

    @Test func everyNewEventKindIsValidatedNamedAndMappedToNoStatusChange() throws {
        for kind in [DossierEvent.Kind.feePaid, .feeRefunded, .feeExempted, .documentRecorded] {
            #expect(throws: EventDecodingError.self) { try DossierEvent(kind: kind).validate() }
            #expect(!EventText.kindName(kind).isEmpty)
            #expect(PortalStatus.mapping(for: kind)?.status == nil && PortalStatus.mapping(for: kind) != nil)
        }
        try payment(1).validate()
    }
}

/// The printed fee receipt (biên lai) of the latest payment, as text and HTML.
@Suite("Fees and documents, the printed receipt")
struct FeeReceiptFormTests {
    @Test func theFeeReceiptNamesTheNumberTheLinesAndTheBalanceAndNeedsAPayment() throws {
        let core = FeeTests()
        var pay = DossierEvent(kind: .feePaid)
        pay.amount = 100_000
        pay.method = .transfer
        pay.receipt = "2026-000042"
        let paid = try core.dossier("1.012787", [(pay, "2026-11-30T08:05")])
        let agency = FormAgency(name: "UBND phường Thử", code: "000.00.xx.H57", governingBody: "UBND thành phố Huế", place: "Huế")
        let context = try FormContext.forDossier(.feeReceipt, dossier: paid, catalogue: .sample, agency: agency,
                                                 officialNames: ["lan": "Lê Thị Lan"], calendar: WorkCalendar(schedule: .shipped))
        let text = try FormRenderer.render(FormCatalog.shipped.form(.feeReceipt), context, as: .text)
        #expect(text.contains("BIÊN LAI THU PHÍ, LỆ PHÍ") && text.contains("Số biên lai: 2026-000042"))
        #expect(text.contains("Số tiền đã thu lần này: 100.000 đồng (Chuyển khoản)"))
        #expect(text.contains("còn phải nộp: 500.000 đồng") && text.contains("Lê Thị Lan"))
        #expect(!text.contains("046090001234") && !text.contains("0912345678"), "no ID number or phone on a fee receipt")
        let html = try FormRenderer.render(FormCatalog.shipped.form(.feeReceipt), context, as: .html)
        #expect(html.contains("@page { size: A5;") && html.contains("2026-000042"))
        #expect(throws: FormError.self) {
            _ = try FormContext.forDossier(.feeReceipt, dossier: try core.dossier("1.012787"), catalogue: .sample, agency: agency,
                                           officialNames: [:], calendar: WorkCalendar(schedule: .shipped))
        }
    }
}
