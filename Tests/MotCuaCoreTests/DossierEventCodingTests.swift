import Foundation
import Testing
@testable import MotCuaCore

/// `DossierEvent`'s Codable is written out (0.5.4: four properties became computed over
/// `Indirect` storage). Journal lines are hash-chained, so it must write exactly what the
/// synthesised conformance wrote: `Synthesised` is the old shape, stored properties and all.
@Suite("Dossier event coding")
struct DossierEventCodingTests {
    struct Synthesised: Codable {
        var kind: DossierEvent.Kind
        var reception: Reception?
        var department, official, reason: String?
        var documents: [String]?
        var due, statsDue, stepDue: Instant?
        var returnedTo, proxyName, waybill, text: String?
        var flags: [DossierFlag]?
        var rating: Rating?
        var ratingCounter, amount: Int?
        var method: PaymentMethod?
        var receipt: String?
        var document: DocumentRecord?
        var result: ResultRecord?

        enum CodingKeys: String, CodingKey {
            case kind = "k", reception, department, official, reason, documents, due, statsDue, stepDue
            case returnedTo, proxyName, waybill, text, flags, rating, ratingCounter
            case amount, method, receipt, document, result
        }

        init(_ e: DossierEvent) {
            kind = e.kind; reception = e.reception; department = e.department; official = e.official; reason = e.reason
            documents = e.documents; due = e.due; statsDue = e.statsDue; stepDue = e.stepDue; returnedTo = e.returnedTo
            proxyName = e.proxyName; waybill = e.waybill; text = e.text; flags = e.flags; rating = e.rating
            ratingCounter = e.ratingCounter; amount = e.amount; method = e.method; receipt = e.receipt
            document = e.document; result = e.result
        }
    }

    /// As the journal encodes events.
    let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    static var everyField: DossierEvent {
        var e = DossierEvent(kind: .returned)
        e.reception = CitizenMessageTests.reception
        e.department = "VP"; e.official = "hung"; e.reason = "Thiếu \"bản sao\""; e.documents = ["Tờ khai", "CCCD"]
        e.due = at("2026-12-03T09:00"); e.statsDue = at("2026-12-04T09:00"); e.stepDue = at("2026-12-02T16:30")
        e.returnedTo = "proxy"; e.proxyName = "Lê Văn B"; e.waybill = "EMS123"; e.text = "ghi chú\nhai dòng"
        e.flags = [.lateApology, .rated]
        e.rating = Rating(level: .satisfied, indices: [5, 4, 5, 5, 4], channel: .deskDevice, official: "lan", department: "MC", procedure: "1.004873")
        e.ratingCounter = 3; e.amount = 50_000; e.method = .transfer; e.receipt = "BL-0001"
        e.document = DocumentRecord(index: 1, status: .digitised, file: "scan/1.pdf", sha256: String(repeating: "ab", count: 32), from: "csdl")
        e.result = ResultRecord(form: .both, code: "KQ-1", file: "kq.pdf", sha256: nil)
        return e
    }

    @Test(arguments: [0, 1, 2])
    func writesWhatSynthesisWroteAndReadsItBack(shape: Int) throws {
        var event = Self.everyField
        if shape == 1 { event = DossierEvent(kind: .note) }
        if shape == 2 { event.reception = nil; event.rating = nil; event.text = nil; event.document = nil }
        let written = try encoder.encode(event)
        #expect(written == (try encoder.encode(Synthesised(event))), "\(String(decoding: written, as: UTF8.self))")
        #expect(try JSONDecoder().decode(DossierEvent.self, from: written) == event)
    }

    @Test func aCopyChangedThroughAComputedPartLeavesTheOriginal() {
        let original = Self.everyField
        var copy = original
        copy.reception?.portalCode = "G22.99-261130-0001"
        copy.rating = nil
        #expect(original.reception?.portalCode == nil && original.rating != nil)
        #expect(copy.reception?.portalCode == "G22.99-261130-0001" && copy != original)
    }
}
