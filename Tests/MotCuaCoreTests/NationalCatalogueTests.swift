import Foundation
import Testing
@testable import MotCuaCore

@Suite("National catalogue (LayThuTuc) import")
struct NationalCatalogueTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/interop/national-catalogue.json")

    static func imported() throws -> NationalImport {
        let records = try NationalCatalogue.procedures(in: try Data(contentsOf: fixture))
        return try NationalCatalogue.merge(records, into: .sample, effective: CivilDate(2026, 12, 1))
    }

    @Test func theShippedProceduresMapOntoTheNextCatalogueVersion() throws {
        let result = try Self.imported()
        #expect(result.imported == ["1.004873", "2.000815", "1.001193", "2.000942"])
        #expect(result.catalogue.version == Catalogue.sample.version + 1)
        #expect(result.catalogue.procedures.count == Catalogue.sample.procedures.count + 1, "three updated, one added")

        let marriage = try #require(result.catalogue.procedure("1.004873"))
        let before = try #require(Catalogue.sample.procedure("1.004873"))
        #expect(marriage.processing == .workingDays(3) && marriage.onlineProcessing == nil, "the same time online is not repeated")
        #expect(marriage.result == "Giấy xác nhận tình trạng hôn nhân")
        #expect(marriage.documents.map(\.required) == [true, false], "a 'Trường hợp …' paper is not required")
        #expect(marriage.shortName == before.shortName && marriage.route == before.route, "the desk's own short name and route stay")
        #expect(marriage.fees == before.fees, "a fee without an amount does not wipe the catalogue's")
        #expect(marriage.legalBasis?.contains("Luật Hộ tịch 60/2014/QH13") == true && marriage.level == "Cấp xã")

        let copy = try #require(result.catalogue.procedure("2.000815"))
        #expect(copy.processing == .sameDay(cutoff: TimeOfDay(15, 0)), "trong ngày, sau 15 giờ: \(copy.processing)")
        #expect(copy.fees.map(\.amount) == [2000] && copy.fees.first?.note == "Đồng/trang")
        #expect(copy.documents.map(\.copies) == [0, 1])
        #expect(try #require(result.catalogue.procedure("1.001193")).processing == .sameDay(cutoff: TimeOfDay(15, 0)))

        let new = try #require(result.catalogue.procedure("2.000942"))
        #expect(new.processing == .workingDays(2) && new.fees.map(\.amount) == [2000], "'2.000' is two thousand đồng")
        #expect(new.route == [RouteStep(department: "VP", budget: .workingDays(2))], "the field's lead department: \(new.route)")
        #expect(new.level == "Cấp huyện, Cấp xã" && new.codeUnverified == false)
        #expect(new.shortName.count <= 24 && new.shortName.hasSuffix("…"), "\(new.shortName)")
    }

    @Test func whatCouldNotBeMappedIsReported() throws {
        let unmapped = try Self.imported().unmapped.map { "\($0.code) \($0.field)" }
        #expect(unmapped == ["1.004873 PHILEPHI.SOTIEN", "2.000942 THANHPHANHOSO.TRUONGHOP", "2.000942 route"])
    }

    static let times: [(String, String, String, ProcessingTime?)] = [
        ("5", "Ngày làm việc", "", .workingDays(5)),
        ("0,5", "Ngày làm việc", "", .workingDays(0.5)),
        ("4", "Giờ làm việc", "", .workingHours(4)),
        ("0", "Ngày", "Trong ngày; nhận sau 11 giờ thì trả trong ngày làm việc tiếp theo", .sameDay(cutoff: TimeOfDay(11, 0))),
        ("15", "Ngày", "15 ngày", nil),                           // calendar days: not counted by motcua
        ("", "Ngày làm việc", "", nil),
    ]

    @Test(arguments: times.indices)
    func processingTimes(_ i: Int) throws {
        let (amount, unit, text, expected) = Self.times[i]
        let record: [String: Any] = [
            "MATTHC": "9.000001", "TENTTHC": "Thủ tục thử", "LINHVUCTHUCHIEN": [["TENLINHVUC": "Hộ tịch"]],
            "CACHTHUCTHUCHIEN": [["KENH": "1", "THOIGIAN": [["THOIGIANGIAIQUYET": amount, "DONVITINH": unit, "MOTA": text]]]],
        ]
        let merged = try NationalCatalogue.merge([record], into: .sample, effective: CivilDate(2026, 12, 1))
        #expect(merged.catalogue.procedure("9.000001")?.processing == expected)
        if expected == nil { #expect(merged.unmapped.first?.field.hasPrefix("CACHTHUCTHUCHIEN.THOIGIAN") == true, "\(merged.unmapped)") }
    }

    @Test func anOnlineTimeOfItsOwnIsKeptAndAcceptanceUsesIt() throws {
        let record: [String: Any] = [
            "MATTHC": "1.004873", "TENTTHC": "Cấp Giấy xác nhận tình trạng hôn nhân",
            "CACHTHUCTHUCHIEN": [["KENH": "1", "THOIGIAN": [["THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc"]]],
                                 ["KENH": "2", "THOIGIAN": [["THOIGIANGIAIQUYET": 2, "DONVITINH": "Ngày làm việc"]]]],
        ]
        let merged = try NationalCatalogue.merge([record], into: .sample, effective: CivilDate(2026, 12, 1))
        let p = try #require(merged.catalogue.procedure("1.004873"))
        #expect(p.processing == .workingDays(3) && p.onlineProcessing == .workingDays(2))
        #expect(ProcedureSnapshot(p, catalogueVersion: 2, channel: .online).processing == .workingDays(2))
        #expect(ProcedureSnapshot(p, catalogueVersion: 2).processing == .workingDays(3))
    }

    @Test func recordsWithoutCodeOrNameOrNotPublicAreLeftOut() throws {
        let records: [[String: Any]] = [["TENTTHC": "Không mã"], ["MATTHC": "9.1"], ["MATTHC": "9.2", "TENTTHC": "Ẩn", "TRANGTHAI": 0]]
        let merged = try NationalCatalogue.merge(records, into: .sample, effective: CivilDate(2026, 12, 1))
        #expect(merged.imported.isEmpty)
        #expect(merged.unmapped.map(\.field) == ["MATTHC", "TENTTHC", "TRANGTHAI"])
        #expect(throws: NationalCatalogue.FileError.self) { try NationalCatalogue.procedures(in: Data("{\"x\":1}".utf8)) }
        let wrapped = try JSONSerialization.data(withJSONObject: ["error_code": "0", "message": "{\"result\":[{\"MATTHC\":\"1.0\"}]}"])
        #expect(try NationalCatalogue.procedures(in: wrapped).count == 1, "the provincial proxy's reply in 'message'")
    }
}
