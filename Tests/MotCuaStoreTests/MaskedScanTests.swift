import Foundation
import Testing
@testable import MotCuaCore
@testable import MotCuaStore
import MotCuaTestSupport

/// The masked view's filter (supervisors, admins) against a plain reading of what they see: the
/// key of the masked summary. A row whose ID and phone are plain digits is decided by the masks
/// (`DossierTable.digitsOnly`); any other row must still be read against its masked form, whether
/// the table was filled from summaries or from a rows file.
@Suite("Masked queue scan")
struct MaskedScanTests {
    /// A passport number, a full-width phone, a letter in an old ID: what imports and older
    /// journals may hold, though the desk accepts only digits.
    static let people: [(id: String?, phone: String?)] = [("046090001234", "0912345678"), ("B1234567", "0912000111"),
                                                          ("079185000321", "０９１２３４"), ("07918500032a", nil),
                                                          (nil, "0988777666"), ("ab", "12")]
    static let rows: [DossierSummary] = (0..<240).map { i in
        let name = ["Nguyễn Văn An", "Trần Thị Bảo", "Lê Hồng Hà"][(i / 6) % 3] + " \(i)"
        var s = SampleDossiers.dossier(i + 1, name, received: "2026-11-2\(i % 8 + 1)T09:00")
        let person = people[i % people.count]
        s.idNumber = person.id
        s.phone = person.phone
        s.searchKey = DossierSummary.searchKey(name: s.applicantName, code: s.code, idNumber: s.idNumber, phone: s.phone)
        return s
    }

    static func maskedKey(_ s: DossierSummary) -> String {
        DossierSummary.searchKey(name: s.applicantName, code: s.code, idNumber: PersonalData.mask(s.idNumber), phone: PersonalData.mask(s.phone))
    }

    /// The same rows loaded as a desk opens them: written to a rows file and read back.
    static func tableFromRowsFile() throws -> DossierTable {
        var index = DossierIndex()
        for s in rows { index.insert(s, positions: []) }
        let (header, columns) = try RowsFile.decode(try RowsFile.encode(index, rows: Array(0..<rows.count), seq: 1), seq: 1)
        var loaded = DossierIndex()
        let procedures = header.procedures.map { loaded.procedureNumber($0) }, names = header.names.map { loaded.nameNumber($0) }
        loaded.append(columns, rows: 0..<columns.count, procedures: procedures, names: names)
        return loaded.table
    }

    @Test func theDigitsBitIsTheSameFromSummariesAndFromARowsFile() throws {
        let expected = Self.rows.map { s in [s.idNumber, s.phone].allSatisfy { ($0 ?? "").allSatisfy { "0123456789".contains($0) } } }
        #expect(Array(DossierTable(summaries: Self.rows).digitsOnly) == expected)
        #expect(try Array(Self.tableFromRowsFile().digitsOnly) == expected)
        #expect(expected.contains(false) && expected.contains(true))
    }

    @Test(arguments: ["b", "ab", "b12", "a", "an", "ng", "nguyen", "234", "1234", "０９１", "321", "a 1", "32a", "***", "bao 7", "h57"])
    func theMaskedScanFindsExactlyTheRowsWhoseMaskedKeyHoldsEveryWord(filter: String) throws {
        let clock = DeadlineClock(now: SampleDossiers.now, calendar: SampleDossiers.calendar)
        let terms = SearchFolding.terms(filter)
        for table in [DossierTable(summaries: Self.rows), try Self.tableFromRowsFile()] {
            let order = QueueOrder(table: table)
            let byID = Dictionary(uniqueKeysWithValues: Self.rows.map { ($0.id, $0) })
            let expected = order.rows.filter { row in terms.allSatisfy { Self.maskedKey(byID[table.ids[Int(row)]]!).contains($0) } }
            let scan = QueueScan(table: table, order: order, view: .all, filter: filter, clock: clock, candidates: nil, splitFrom: .max, masked: true)
            #expect(scan.matches == expected, "\(filter)")
            // The probes are in some row's full key only (hidden letters and digits); the rest are seen.
            #expect(expected.isEmpty == ["ab", "1234", "０９１", "b12"].contains(filter), "\(filter)")
        }
    }
}
