import Foundation
import Testing
@testable import MotCuaCore

/// Fixed dossiers for the printed forms: fixed times, codes and UUIDs, so the output is byte-stable.
enum FormFixtures {
    static let agency = FormAgency(name: "Trung tâm Phục vụ hành chính công phường Kim Long", code: "000.00.xx.H57",
                                   governingBody: "UBND phường Kim Long", place: "Huế", phone: "0234 3520 123")
    static let hostileName = "<script>alert('x')</script> \"Lan\" & \u{1B}[31mĐỏ\u{1B}[0m | # =cmd"

    /// Received, sent to VP, supplement asked and received (clock restarted), extended, approved, returned.
    static func main() throws -> TestDossier {
        var d = try TestDossier(7, received: "2026-11-30T08:15", applicant: Person(
            name: "Nguyễn Thị Ánh Dương", idNumber: "046190012345", phone: "0912345678",
            address: "12 Kim Long, phường Kim Long, thành phố Huế"))
        try d.run(.transfer(department: "VP", official: "hoa"), "2026-11-30T10:00")
        try d.run(.requestSupplement(reason: "Tờ khai chưa ghi nơi cư trú",
                                     documents: ["Tờ khai có xác nhận nơi cư trú", "Bản sao giấy khai sinh"]), "2026-12-01T09:00", by: "hoa")
        try d.run(.supplementReceived, "2026-12-03T08:00")
        try d.run(.extend(until: at("2026-12-10T17:00"), reason: "Cần xác minh thông tin cư trú tại địa phương khác",
                          department: "VP"), "2026-12-07T09:00", by: "hoa")
        try d.run(.transfer(department: "LD", official: "hung"), "2026-12-09T09:00", by: "hoa")
        try d.run(.resultReady(note: nil), "2026-12-10T10:00", by: "hung")
        try d.run(.returnResult(.applicant), "2026-12-11T08:00")
        return d
    }

    /// Submitted by post through a proxy, then refused.
    static func refused() throws -> TestDossier {
        var d = try TestDossier(8, received: "2026-12-01T14:00", by: "minh", applicant: Person(
            name: "Lê Văn Thành", idNumber: "046088004321", phone: "0987654321", address: "34 Nguyễn Phúc Nguyên, phường Kim Long"),
            proxy: Proxy(name: "Trần Văn Bình", idNumber: "046085000111", phone: "0905111222",
                         authorisation: "Giấy ủy quyền số 12/2026 ngày 28/11/2026"), channel: .postal)
        try d.run(.refuse(reason: "Thủ tục không thuộc thẩm quyền của UBND phường; đề nghị nộp tại Sở Tư pháp thành phố Huế"),
                  "2026-12-01T15:00", by: "minh")
        return d
    }

    /// Text that tries to escape: HTML, quotes, ANSI escapes, a table bar, a directive character.
    static func hostile() throws -> TestDossier {
        var d = try TestDossier(9, received: "2026-12-01T09:00", applicant: Person(name: hostileName, idNumber: "046090001234", phone: "0912345678"))
        try d.run(.refuse(reason: "Dòng một\r\nDòng hai <b>đậm</b> \u{1B}]0;pwned\u{07}"), "2026-12-01T09:30")
        return d
    }

    static func context(_ form: String, _ d: TestDossier, lookupSecret: String? = nil) throws -> FormContext {
        try FormContext.forDossier(FormID.named(form), dossier: d.dossier, catalogue: .sample, agency: agency,
                                   officialNames: demoOfficialNames, calendar: WorkCalendar(), lookupSecret: lookupSecret)
    }

    static func render(_ form: String, _ d: TestDossier, _ format: FormRenderer.Format, lookupSecret: String? = nil) throws -> String {
        try FormRenderer.render(FormCatalog.shipped.form(id: form), context(form, d, lookupSecret: lookupSecret), as: format)
    }

    static func register() throws -> FormContext {
        let main = try main(), refused = try refused(), hostile = try hostile()
        return try FormContext.register(summaries: [refused.summary, hostile.summary, main.summary],
                                        from: CivilDate(2026, 11, 30), to: CivilDate(2026, 12, 1), field: "Hộ tịch",
                                        catalogue: .sample, agency: agency, startNumber: 41,
                                        addresses: [main.summary.id: "12 Kim Long, phường Kim Long"], printedOn: CivilDate(2026, 12, 11))
    }
}

/// Text with its wrapping undone, for looking up sentences of a paragraph.
func flat(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: " ") }

@Suite("Printed forms")
struct FormTests {
    static let cases: [(String, String)] = [
        ("receipt", "main"), ("supplement-request", "main"), ("apology", "main"), ("control-slip", "main"),
        ("receipt", "refused"), ("refusal", "refused"), ("receipt", "hostile"), ("refusal", "hostile"),
    ]

    static func fixture(_ name: String) throws -> TestDossier {
        switch name {
        case "main": return try FormFixtures.main()
        case "refused": return try FormFixtures.refused()
        default: return try FormFixtures.hostile()
        }
    }

    @Test(arguments: cases, FormRenderer.Format.allCases)
    func golden(form: (String, String), format: FormRenderer.Format) throws {
        let output = try FormFixtures.render(form.0, Self.fixture(form.1), format)
        try Golden.check(output, "forms/\(form.0)-\(form.1).\(format == .text ? "txt" : "html")")
        if format == .text {
            for line in output.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        }
        #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control character reaches the output")
    }

    @Test(arguments: FormRenderer.Format.allCases)
    func registerGolden(format: FormRenderer.Format) throws {
        let output = try FormRenderer.render(FormCatalog.shipped.form(id: "register"), FormFixtures.register(), as: format)
        try Golden.check(output, "forms/register.\(format == .text ? "txt" : "html")")
        if format == .html { #expect(output.contains("@page { size: A4 landscape; margin: 20mm }")) }
    }

    @Test func anAppointmentIsPrintedAsACitizenReadsIt() throws {
        #expect(try #require(Instant(iso8601: "2027-01-04T15:46")).vietnameseForCitizen == "15 giờ 46 phút, thứ Hai, ngày 04 tháng 01 năm 2027")
        #expect(try #require(Instant(iso8601: "2027-01-10T08:00")).vietnameseForCitizen == "08 giờ 00 phút, chủ nhật, ngày 10 tháng 01 năm 2027")
        let receipt = try flat(FormFixtures.render("receipt", FormFixtures.main(), .text))
        #expect(receipt.contains("5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, thứ Ba, ngày 08 tháng 12 năm 2026"), "\(receipt)")
    }

    /// Each form's HTML asks the browser for the paper its template names, and says no other.
    @Test func theHTMLPageSizeIsTheTemplatesPaper() throws {
        let main = try FormFixtures.main(), refused = try FormFixtures.refused()
        for form in FormCatalog.shipped.forms where form.id != "fee-receipt" {     // needs a payment: FeeTests prints it
            let context = try form.id == "register" ? FormFixtures.register()
                : FormFixtures.context(form.id, form.id == "refusal" ? refused : main)
            let html = try FormRenderer.render(form, context, as: .html)
            let size = form.paper.rawValue + (form.orientation == .landscape ? " landscape" : "")
            #expect(html.contains("@page { size: \(size);"), "\(form.id)")
            let other = form.paper == .a4 ? "A5" : "A4"
            #expect(!html.contains(other), "\(form.id) mentions \(other)")
        }
    }

    @Test func catalogue() throws {
        let forms = FormCatalog.shipped.forms
        #expect(forms.map(\.id) == ["receipt", "supplement-request", "refusal", "apology", "control-slip", "register", "fee-receipt"])
        #expect(forms.map(\.number) == ["01", "02", "03", "04", "06", "07", "BL"])
        #expect(forms.map(\.number2018) == ["01", "02", "03", "04", "05", "06", "BL"])
        #expect(forms.map(\.paper) == [.a5, .a5, .a5, .a4, .a4, .a4, .a5])
        #expect(try FormCatalog.shipped.form(id: "register").orientation == .landscape)
        #expect(try FormCatalog.shipped.form(id: "apology").title == "Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết")
        // The fee receipt is not one of TT 01/2018's forms: its basis is NĐ 61/2018 art. 22.
        for form in forms where form.id != "fee-receipt" {
            #expect(form.version == 1 && form.legalBasis.contains("Thông tư 01/2018/TT-VPCP") && form.legalBasis.contains("03/2025"))
            #expect(form.body.allSatisfy { $0 == $0.precomposedStringWithCanonicalMapping }, "\(form.id) is NFC")
        }
        #expect(throws: FormError.unknownForm("stop-notice", known: forms.map(\.id))) {
            try FormCatalog.shipped.form(id: "stop-notice")
        }
    }

    @Test func receiptValues() throws {
        let restarted = try flat(FormFixtures.render("receipt", FormFixtures.main(), .text))
        #expect(restarted.contains("Đã nhận đủ hồ sơ bổ sung; thời gian giải quyết được tính lại từ đầu."))
        #expect(restarted.contains("4. Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 03 tháng 12 năm 2026"))
        #expect(restarted.contains("5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, thứ Ba, ngày 08 tháng 12 năm 2026"))
        let receipt = try flat(FormFixtures.render("receipt", FormFixtures.refused(), .text))
        #expect(receipt.contains("4. Thời gian nhận hồ sơ: 14 giờ 00 phút, ngày 01 tháng 12 năm 2026"))
        #expect(receipt.contains("5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 00 phút, thứ Sáu, ngày 04 tháng 12 năm 2026"))
        #expect(receipt.contains("Người được ủy quyền nộp hồ sơ: Trần Văn Bình; số định danh: 046085000111"))
        #expect(receipt.contains("Qua dịch vụ bưu chính công ích, tại địa chỉ: 34 Nguyễn Phúc Nguyên"))
        #expect(receipt.contains("Mã hồ sơ: 000.00.xx.H57-261201-0008"))
        #expect(receipt.contains("Huế, ngày 01 tháng 12 năm 2026"))
        #expect(receipt.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && receipt.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(receipt.contains("NGƯỜI NỘP HỒ SƠ") && receipt.contains("NGƯỜI TIẾP NHẬN HỒ SƠ") && receipt.contains("Trần Văn Minh"))
        #expect(!receipt.contains("Đã nhận đủ hồ sơ bổ sung"))
    }

    @Test func eventFormsUseTheirEvents() throws {
        let main = try FormFixtures.main()
        let apology = try flat(FormFixtures.render("apology", main, .text))
        #expect(apology.contains("Thời gian hẹn trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, thứ Ba, ngày 08 tháng 12 năm 2026."))
        #expect(apology.contains("vào 17 giờ 00 phút, thứ Năm, ngày 10 tháng 12 năm 2026"))
        #expect(apology.contains("Lý do: Cần xác minh thông tin cư trú tại địa phương khác"))
        #expect(apology.contains("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"))
        let supplement = try flat(FormFixtures.render("supplement-request", main, .text))
        #expect(supplement.contains("1. Tờ khai có xác nhận nơi cư trú") && supplement.contains("2. Bản sao giấy khai sinh"))
        #expect(supplement.contains("Lý do: Tờ khai chưa ghi nơi cư trú"))
        #expect(supplement.contains("liên hệ với Nguyễn Thị Hoa, số điện thoại 0234 3520 123 để được hướng dẫn"))
        let refusal = try flat(FormFixtures.render("refusal", FormFixtures.refused(), .text))
        #expect(refusal.contains("lý do cụ thể như sau: Thủ tục không thuộc thẩm quyền của UBND phường"))
        let slip = try FormContext.forDossier(.controlSlip, dossier: main.dossier, catalogue: .sample, agency: FormFixtures.agency,
                                              officialNames: demoOfficialNames, calendar: WorkCalendar())
        guard case .list(let rows, _)? = slip.scope["handovers"] else { Issue.record("no hand-overs"); return }
        #expect(rows.map { $0["result"] } == [.text("Đúng hạn"), .text("Quá hạn"), .text("Quá hạn")])
        #expect(rows.map { $0["time"] } == [.text("10 giờ 00 phút, ngày 30/11/2026"), .text("09 giờ 00 phút, ngày 09/12/2026"),
                                            .text("10 giờ 00 phút, ngày 10/12/2026")])
        #expect(rows[1]["from"] == .text("Văn phòng HĐND và UBND phường (Tư pháp – Hộ tịch) – Nguyễn Thị Hoa"))
        #expect(rows[1]["to"] == .text("Lãnh đạo UBND phường – Hoàng Trọng Hùng"))
    }

    @Test func aFormWithoutItsEventIsAnError() throws {
        let main = try FormFixtures.main(), refused = try FormFixtures.refused()
        #expect(throws: FormError.missingEvent("Hồ sơ 000.00.xx.H57-261130-0007 không bị từ chối: không có Phiếu từ chối tiếp nhận giải quyết hồ sơ để in")) {
            try FormFixtures.context("refusal", main)
        }
        #expect(throws: FormError.self) { try FormFixtures.context("apology", refused) }
        #expect(throws: FormError.self) { try FormFixtures.context("supplement-request", refused) }
        do {
            _ = try FormFixtures.context("apology", refused)
        } catch {
            #expect(String(describing: error).contains("chưa có văn bản xin lỗi"))
        }
        #expect(throws: FormError.invalidInput("Sổ theo dõi hồ sơ được in theo kỳ và lĩnh vực, không theo từng hồ sơ")) {
            try FormFixtures.context("register", main)
        }
        // An extension event of another dossier is refused.
        let foreign = try #require(main.dossier.extensionEvent)
        #expect(throws: FormError.self) {
            try FormContext.forDossier(.apology, dossier: refused.dossier, catalogue: .sample, agency: FormFixtures.agency,
                                       officialNames: [:], calendar: WorkCalendar(), extensionEvent: foreign)
        }
    }

    @Test func hostileTextStaysInert() throws {
        let hostile = try FormFixtures.hostile()
        let html = try FormFixtures.render("receipt", hostile, .html)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Lan&quot; &amp;"))
        #expect(!html.contains("\u{1B}") && html.contains("␛[31mĐỏ␛[0m | # =cmd"))
        // The bar in the name did not open a column: the signature row keeps two cells.
        let signatureRow = try #require(html.split(separator: "\n").first { $0.contains("␛[31mĐỏ") && $0.hasPrefix("<tr>") })
        #expect(signatureRow.components(separatedBy: "<td").count - 1 == 2)
        let text = try FormFixtures.render("refusal", hostile, .text)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}") && !text.contains("\r"))
        #expect(text.contains("Dòng một\nDòng hai <b>đậm</b> ␛]0;pwned␇"))
        let refusalHTML = try FormFixtures.render("refusal", hostile, .html)
        #expect(refusalHTML.contains("Dòng một<br>Dòng hai &lt;b&gt;đậm&lt;/b&gt; ␛]0;pwned␇"))
    }

    @Test func htmlDocument() throws {
        let html = try FormFixtures.render("receipt", FormFixtures.refused(), .html)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.contains("@page { size: A5; margin: 12mm }"))
        #expect(html.contains(#"font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif"#))
        #expect(html.contains("<h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>"))
        #expect(html.contains("<table class=\"grid\">") && html.contains("<th>Tên giấy tờ</th>"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        let apology = try FormFixtures.render("apology", FormFixtures.main(), .html)
        #expect(apology.contains("@page { size: A4; margin: 20mm }"))
    }

    @Test func aMisspeltPlaceholderInAFormIsReported() throws {
        let json = #"{"schema": 1, "id": "test", "number": "99", "title": "Thử", "version": 1, "legalBasis": "-", "paper": "A4", "body": ["Ông (Bà): {{applicant.nmae}}", "{{#documents}}{{nmae}}{{/documents}}"]}"#
        let form = try FormTemplate(json: Data(json.utf8))
        let context = try FormFixtures.context("receipt", FormFixtures.main())
        #expect(throws: FormError.template(id: "test", .unknownPlaceholders(["applicant.nmae", "nmae"]))) {
            try FormRenderer.text(form, context)
        }
        let broken = #"{"schema": 1, "id": "bad", "number": "99", "title": "Thử", "version": 1, "legalBasis": "-", "paper": "A4", "body": ["{{#proxy}}"]}"#
        #expect(throws: FormError.invalidTemplate(id: "bad", reason: TemplateError.syntax("thiếu thẻ đóng {{/proxy}}").description)) {
            try FormTemplate(json: Data(broken.utf8))
        }
    }
}
