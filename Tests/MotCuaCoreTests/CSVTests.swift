import Foundation
import Testing
@testable import MotCuaCore

@Suite("CSV export")
struct CSVTests {
    static func lines(_ doc: CSVDocument) -> [String] {
        var text = doc.text
        #expect(text.hasPrefix("\u{FEFF}"))
        text.removeFirst()
        #expect(text.hasSuffix("\r\n"))
        return text.components(separatedBy: "\r\n").dropLast()
    }

    @Test func byteOrderMarkAndCRLF() {
        var doc = CSVDocument(header: ["Mã", "Tên"])
        doc.append([.text("A"), .text("Ánh")])
        #expect(Array(doc.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(doc.bytes.count(where: { $0 == 0x0A }) == 2 && doc.bytes.count(where: { $0 == 0x0D }) == 2)
        #expect(doc.text == "\u{FEFF}Mã,Tên\r\nA,Ánh\r\n")
    }

    @Test func quotingAndNeutralisation() {
        let cases: [(CSVCell, String)] = [
            (.text("Nguyễn, Văn \"Ánh\""), "\"Nguyễn, Văn \"\"Ánh\"\"\""),
            (.text("=HYPERLINK(\"http://x\",\"bấm\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\""),
            (.text("+1"), "'+1"),
            (.text("-2"), "'-2"),
            (.text("@SUM(A1:A2)"), "'@SUM(A1:A2)"),
            (.text("\t=1+2"), "'␉=1+2"),
            (.text("\r=1+2"), "'↵=1+2"),
            (.text("dòng 1\ndòng 2"), "dòng 1↵dòng 2"),
            (.text("a\u{1B}[31mđỏ"), "a␛[31mđỏ"),
            (.text("Kết quả = tốt"), "Kết quả = tốt"),
            (.int(-2), "-2"),
            (.int(1234567), "1234567"),
            (.decimal(85.333, fractionDigits: 1), "85.3"),
            (.decimal(-0.04, fractionDigits: 1), "0.0"),
            (.decimal(-2.25, fractionDigits: 2), "-2.25"),
            (.decimal(nil, fractionDigits: 1), ""),
            (.instant(at("2026-12-03T07:05:59")), "03/12/2026 07:05"),
            (.instant(nil), ""),
            (.date(CivilDate(2026, 1, 9)), "09/01/2026"),
            (.empty, ""),
        ]
        for (cell, expected) in cases { #expect(CSVDocument.field(cell) == expected, "\(cell)") }
    }

    @Test func overdueExport() throws {
        let hostile = "=HYPERLINK(\"http://evil\",\"x\")"
        var d = try TestDossier(1, received: "2026-11-25T09:00", applicant: Person(name: hostile, idNumber: "046090001234", phone: "0912345678"))
        try d.run(.transfer(department: "VP", official: "hoa"), "2026-11-25T10:00")
        let minus = try TestDossier(2, received: "2026-11-30T14:00", applicant: Person(name: "-2+3", idNumber: "046090001234", phone: "0912345678"))
        let report = OverdueReport.make(summaries: [d.summary, minus.summary], clock: DeadlineClock(now: at("2026-12-03T10:00"), calendar: WorkCalendar()),
                                        catalogue: .sample, officialNames: demoOfficialNames)
        let lines = Self.lines(report.csv())
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("Tình trạng,Mã hồ sơ,Người nộp,Mã thủ tục,Tên thủ tục,Lĩnh vực,"))
        #expect(lines[1] == "Quá hạn,000.00.xx.H57-261125-0001,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",1.004873,XN tình trạng HN,Hộ tịch,VP,Văn phòng HĐND và UBND phường (Tư pháp – Hộ tịch),hoa,Nguyễn Thị Hoa,VP,hoa,4,30/11/2026 09:00,Không,25/11/2026 09:00")
        #expect(lines[2].hasPrefix("Hạn hôm nay,000.00.xx.H57-261130-0002,'-2+3,"))
        #expect(lines[2].hasSuffix(",0,03/12/2026 14:00,Không,30/11/2026 14:00"))
        #expect(Self.lines(report.csv(includeDueSoon: false)).count == 2)
        #expect(report.personalDataNote.contains("họ tên người nộp hồ sơ") && report.personalDataNote.contains("91/2025/QH15"))
    }

    @Test func periodExport() throws {
        let report = try PeriodCaseTests.report(.channel)
        let lines = Self.lines(report.csv())
        #expect(lines.count == 5)
        let header = lines[0].components(separatedBy: ",")
        #expect(header.prefix(6) == ["Từ ngày", "Đến ngày", "Nhóm theo", "Mã nhóm", "Tên nhóm", "Kỳ trước chuyển sang"])
        #expect(header.last == "Tỷ lệ đúng hạn theo ngày (%)")
        let total = lines[4].components(separatedBy: ",")
        #expect(total.count == header.count)
        #expect(total.prefix(5) == ["01/12/2026", "04/12/2026", "Kênh tiếp nhận", "", "Tổng cộng"])
        let column = { (name: String) in total[header.firstIndex(of: name)!] }
        #expect(column("Kỳ trước chuyển sang") == "11" && column("Đã giải quyết") == "6" && column("Quá hạn") == "4")
        #expect(column("Tỷ lệ đúng hạn (%)") == "33.3" && column("Tỷ lệ đúng hạn theo ngày (%)") == "50.0")
        #expect(lines[1].hasPrefix("01/12/2026,04/12/2026,Kênh tiếp nhận,direct,Trực tiếp,"))
        #expect(report.personalDataNote == "Tệp thống kê chỉ có số liệu tổng hợp, không có dữ liệu cá nhân.")
    }
}
