import Foundation
import Testing
@testable import MotCuaCore

/// The messages to the citizen: SMS segments, the ASCII fallback, and every template within its
/// segment limit with the longest realistic values.
@Suite("Citizen messages")
struct CitizenMessageTests {
    @Test(arguments: [
        (String(repeating: "a", count: 160), SMSText.Encoding.gsm7, 160, 1),
        (String(repeating: "a", count: 161), .gsm7, 161, 2),
        (String(repeating: "a", count: 306), .gsm7, 306, 2),
        (String(repeating: "a", count: 307), .gsm7, 307, 3),
        (String(repeating: "[", count: 80), .gsm7, 160, 1),          // extension characters count twice
        (String(repeating: "ă", count: 70), .ucs2, 70, 1),
        (String(repeating: "ă", count: 71), .ucs2, 71, 2),
        (String(repeating: "ă", count: 134), .ucs2, 134, 2),
        (String(repeating: "ă", count: 135), .ucs2, 135, 3),
    ])
    func segmentsAreCountedAsGatewaysBillThem(text: String, encoding: SMSText.Encoding, units: Int, segments: Int) {
        #expect(SMSText.count(text) == SMSText.Count(encoding: encoding, units: units, segments: segments))
    }

    @Test func theAsciiFallbackDropsTheMarksAndGoesAsGSM7() {
        #expect(SMSText.ascii("Đặng Thị Ngọc Ánh — hồ sơ “đã” trả…") == "Dang Thi Ngoc Anh - ho so \"da\" tra...")
        #expect(SMSText.ascii("Nguyễn Văn Hoà 🙂 ₫") == "Nguyen Van Hoa ? ?")
        // Decomposed input (as some keyboards send it) strips the same way.
        #expect(SMSText.ascii("Hoa\u{300}") == "Hoa")
        #expect(SMSText.count(SMSText.ascii("Đã tiếp nhận hồ sơ")).encoding == .gsm7)
    }

    static func event(_ kind: DossierEvent.Kind, reason: String? = nil, documents: [String]? = nil, due: Instant? = nil) -> RecordedEvent {
        var e = DossierEvent(kind: kind)
        e.reason = reason
        e.documents = documents
        e.due = due
        return RecordedEvent(seq: 7, at: at("2026-11-30T09:00"), by: "lan", dossier: UUID(), code: "000.00.xx.H57-261130-0001", version: 2, event: e)
    }

    static let reception: Reception = {
        let procedure = Catalogue.sample.procedure("1.004873")!
        return Reception(applicant: Person(name: "Trần Văn Nam", idNumber: "046090001234", phone: "0912345678"), proxy: nil, channel: .direct,
                         documents: [], procedure: ProcedureSnapshot(procedure, catalogueVersion: 1), agency: "000.00.xx.H57",
                         effectiveStart: at("2026-11-30T09:00"))
    }()

    @Test func aReceiptMessageCarriesTheCodeAndTheAppointmentAndNotTheApplicantsDetails() throws {
        let message = try #require(CitizenMessage.make(Self.event(.received, due: at("2026-12-03T09:00")), reception: Self.reception,
                                                       due: nil, centre: "UBND Phường Thử"))
        #expect(message.text.hasPrefix("UBND Phường Thử: Đã tiếp nhận hồ sơ 000.00.xx.H57-261130-0001"))
        #expect(message.text.contains("Hẹn trả kết quả: 09:00 03/12/2026"))
        #expect(message.sms.hasPrefix("UBND Phuong Thu: Da tiep nhan ho so 000.00.xx.H57-261130-0001"))
        #expect(message.phone == "0912345678" && !message.text.contains("0912345678") && !message.text.contains("046090001234"))
        #expect(CitizenMessage.make(Self.event(.transferred), reception: Self.reception, due: nil, centre: "X") == nil)
        #expect(CitizenMessage.make(Self.event(.note), reception: Self.reception, due: nil, centre: "X") == nil)
    }

    @Test func hostileTextInAReasonNeverReachesTheGatewayRaw() throws {
        let message = try #require(CitizenMessage.make(Self.event(.refused, reason: "Sai\u{1B}[2J thẩm quyền\u{7}"), reception: Self.reception,
                                                       due: nil, centre: "X"))
        #expect(!message.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(!message.sms.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    /// Every template with every value at its limit (and beyond: cut), as SMS: within `smsSegments`.
    @Test(arguments: ["received", "supplementRequested", "extended", "resultReady", "refused"])
    func eachTemplateStaysWithinItsSegmentLimitWithTheLongestValues(name: String) throws {
        let templates = NotificationTemplates.shipped
        let long = String(repeating: "Ủy ban nhân dân phường Thượng Đình, quận Thanh Xuân ", count: 5)
        let text = templates.render(try #require(templates.templates[name]), values: [
            "centre": long, "code": "000.00.19.H26-261231-9999", "procedure": long, "due": "17:00 31/12/2026",
            "documents": long, "reason": long,
        ])
        #expect(!text.contains("{"), "\(name): a placeholder left: \(text)")
        let count = SMSText.count(SMSText.ascii(text))
        #expect(count.encoding == .gsm7 && count.segments <= templates.smsSegments, "\(name): \(count) \(SMSText.ascii(text))")
    }

    @Test func theTemplatesAreVersionedAndCoverWhatTheCitizenHearsAbout() {
        let t = NotificationTemplates.shipped
        #expect(t.version == 1)
        for kind: DossierEvent.Kind in [.received, .accepted, .supplementRequested, .extended, .resultReady, .refused, .notAccepted] {
            #expect(t.template(for: kind) != nil, "\(kind)")
        }
        for kind: DossierEvent.Kind in [.transferred, .note, .rated, .returned, .submitted, .suspended] {
            #expect(t.template(for: kind) == nil, "\(kind)")
        }
    }
}
