import Foundation
import Testing
@testable import MotCuaCore

/// The citizen's rating in the lifecycle, its indices, the period report and the portal's aggregate.
@Suite("Citizen rating")
struct RatingTests {
    static func returned() throws -> Scenario {
        var s = try Scenario("2026-11-30T08:00")
        try s.run(.transfer(department: "VP", official: nil), "2026-11-30T09:00")
        try s.run(.resultReady(note: nil), "2026-12-01T09:00", by: "hoa")
        try s.run(.returnResult(.applicant), "2026-12-01T10:00")
        return s
    }

    @Test func aReturnedDossierIsRatedOnceAndASecondRatingIsRefused() throws {
        var s = try Self.returned()
        let event = try s.run(.rate(Rating(level: .satisfied, indices: [2, 1, 2, 2, 1], channel: .paper)), "2026-12-01T10:05")
        #expect(event.kind == .rated && event.rating?.level == .satisfied && event.rating?.indexTotal == 8)
        #expect(s.summary.flags.contains(.rated) && s.summary.state == .returned)
        #expect(throws: LifecycleError.alreadyRated) {
            try s.run(.rate(Rating(level: .unsatisfied, channel: .desk)), "2026-12-01T10:06")
        }
        #expect(LifecycleError.alreadyRated.description.contains("chỉ đánh giá một lần"))
    }

    @Test func aRatingGivenWithTheReturnIsInTheReturnedEventAndCountsAsTheOne() throws {
        var s = try Scenario("2026-11-30T08:00")
        try s.run(.resultReady(note: nil), "2026-12-01T09:00")
        let event = try s.run(.returnWith(.applicant, form: nil, rating: .given(Rating(level: .verySatisfied, channel: .desk))), "2026-12-01T10:00")
        #expect(event.kind == .returned && event.rating?.level == .verySatisfied && event.returnedTo == "applicant")
        #expect(throws: LifecycleError.alreadyRated) { try s.run(.rate(Rating(level: .satisfied, channel: .desk)), "2026-12-01T10:06") }
    }

    @Test func theDeviceAtACounterIsNamedInTheReturnAndTheDossierStaysUnrated() throws {
        var s = try Scenario("2026-11-30T08:00")
        try s.run(.resultReady(note: nil), "2026-12-01T09:00")
        let event = try s.run(.returnWith(.applicant, form: nil, rating: .onDevice(counter: 2)), "2026-12-01T10:00")
        #expect(event.ratingCounter == 2 && event.rating == nil && !s.summary.flags.contains(.rated))
        try s.run(.rate(Rating(level: .satisfied, channel: .deskDevice)), "2026-12-01T10:01")
    }

    @Test func aDossierNotYetReturnedCannotBeRated() throws {
        var s = try Scenario("2026-11-30T08:00")
        #expect(throws: LifecycleError.illegalTransition(state: .received, action: .rate)) {
            try s.run(.rate(Rating(level: .satisfied, channel: .desk)), "2026-11-30T09:00")
        }
    }

    @Test(arguments: [("2,1,2,2,1", [2, 1, 2, 2, 1]), (" 0, 0,0,0 ,2", [0, 0, 0, 0, 2])])
    func indicesAreFiveNumbersOfTwoOneOrZero(text: String, expected: [Int]) {
        #expect(Rating.parseIndices(text) == .success(expected))
    }

    @Test(arguments: [("2,1,3,2,1", RatingError.badIndices("2,1,3,2,1")), ("2,1", .indexCount(2)), ("2,1,x,1,1", .badIndices("2,1,x,1,1")),
                      ("2,1,2,2,1,1", .indexCount(6)), ("", .badIndices(""))])
    func wrongIndicesAreRefusedWithTheReason(text: String, error: RatingError) {
        #expect(Rating.parseIndices(text) == .failure(error))
    }

    @Test func aDecodedRatedLineWithoutItsRatingIsReported() throws {
        #expect(throws: EventDecodingError.self) { try DossierEvent(kind: .rated).validate() }
        var e = DossierEvent(kind: .rated)
        e.rating = Rating(level: .satisfied, indices: [2, 2, 2, 2, 9], channel: .paper)
        #expect(throws: EventDecodingError.self) { try e.validate() }
    }

    @Test func theSubjectIsWhoReturnedItAndTheDepartmentThatHandledIt() throws {
        let s = try Self.returned()
        let code = s.summary.code, id = s.summary.id
        func rec(_ seq: Int64, _ by: String, _ e: DossierEvent) -> RecordedEvent {
            RecordedEvent(seq: seq, at: at("2026-12-01T10:00"), by: by, dossier: id, code: code, version: Int(seq), event: e)
        }
        var received = try Lifecycle(calendar: WorkCalendar(), catalogue: .sample)
            .receive(Intake(procedureCode: "1.004873", applicant: Person(name: "A", idNumber: "046090001234", phone: "0912345678")),
                     agency: "X", at: at("2026-11-30T08:00"))
        received.due = at("2026-12-03T08:00")
        var transfer = DossierEvent(kind: .transferred)
        transfer.department = "VP"
        var returned = DossierEvent(kind: .returned)
        returned.ratingCounter = 3
        let subject = RatingSubject(history: [rec(1, "lan", received), rec(2, "lan", transfer), rec(3, "hoa", DossierEvent(kind: .resultReady)),
                                              rec(4, "mai", returned)])
        #expect(subject.returnedBy == "mai" && subject.department == "VP" && subject.counter == 3 && subject.procedure == "1.004873")
        let completed = subject.complete(Rating(level: .satisfied, channel: .deskDevice))
        #expect(completed.official == "mai" && completed.department == "VP" && completed.procedure == "1.004873")
    }

    static func rated(_ at: String, _ level: Rating.Level, official: String, department: String = "VP", procedure: String = "1.004873",
                      indices: [Int]? = nil) -> RatedDossier {
        RatedDossier(code: "C-\(at)", at: MotCuaCoreTests.at(at), rating: Rating(level: level, indices: indices, channel: .desk, official: official,
                                                                              department: department, procedure: procedure))
    }

    @Test func thePeriodReportCountsLevelsTheShareNotSatisfiedAndTheArticle15Score() {
        let ratings = [
            Self.rated("2026-11-02T09:00", .verySatisfied, official: "lan", indices: [2, 2, 2, 2, 2]),
            Self.rated("2026-11-03T09:00", .satisfied, official: "lan", indices: [1, 1, 1, 1, 0]),
            Self.rated("2026-11-04T09:00", .unsatisfied, official: "lan"),
            Self.rated("2026-11-05T09:00", .unsatisfied, official: "mai", department: "DC", indices: [0, 1, 1, 1, 0]),
            Self.rated("2026-12-01T09:00", .unsatisfied, official: "lan"),   // outside the period
        ]
        let report = RatingReport(ratings, from: CivilDate(2026, 11, 1), to: CivilDate(2026, 11, 30), by: .official) { _, key in key.uppercased() }
        #expect(report.rows.map(\.key) == ["lan", "mai"])
        let lan = report.rows[0]
        #expect((lan.verySatisfied, lan.satisfied, lan.unsatisfied, lan.total) == (1, 1, 1, 3))
        #expect(abs((lan.unsatisfiedShare ?? 0) - 100.0 / 3) < 0.001)
        #expect(lan.score == 7.0 && lan.officialGrade == "hoàn thành 100% nhiệm vụ")     // (10 + 4) / 2
        #expect(report.rows[1].score == 3.0 && report.rows[1].officialGrade == "hoàn thành dưới 70%")
        #expect(report.total.total == 4 && report.total.unsatisfied == 2)
        let byDepartment = RatingReport(ratings, from: CivilDate(2026, 11, 1), to: CivilDate(2026, 11, 30), by: .department) { _, k in k }
        #expect(byDepartment.rows.map(\.key) == ["DC", "VP"] && byDepartment.rows[1].total == 3)
        #expect(report.text().contains("LAN") && report.text().contains("33.3%"))
        #expect(report.json().compact.contains(#""grade":"hoàn thành 100% nhiệm vụ""#))
    }

    @Test func theMonthlyAggregateHasTheShapeDVCQGReceives() throws {
        let ratings = [
            Self.rated("2026-11-02T09:00", .verySatisfied, official: "lan"),
            Self.rated("2026-11-03T09:00", .satisfied, official: "lan"),
            Self.rated("2026-11-04T09:00", .satisfied, official: "lan"),
            Self.rated("2026-11-05T09:00", .unsatisfied, official: "mai"),
            Self.rated("2026-11-05T10:00", .satisfied, official: "mai", procedure: "1.001193"),
            Self.rated("2026-10-31T09:00", .unsatisfied, official: "lan"),
        ]
        let json = DongBoDanhGia.records(ratings, year: 2026, month: 11, unitCode: "000.00.xx.H57", unitName: "UBND Phường Thử") { "Tên \($0)" }
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.compact.utf8)) as? [[String: Any]])
        #expect(records.count == 2)
        let first = try #require(records.first { $0["MaThuTuc"] as? String == "1.004873" })
        #expect(Set(first.keys) == ["NgayTongHop", "TongSoNguoiDanhGia", "PhanTramDanhGiaRatHaiLong", "PhanTramDanhGiaHaiLong",
                                    "PhanTramDanhGiaChuaHaiLong", "DanhSachNoiDungYKien", "MaThuTuc", "NoiDung",
                                    "PhanTramDanhGiaDichVuRatHaiLong", "PhanTramDanhGiaDichVuHaiLong", "PhanTramDanhGiaDichVuChuaHaiLong",
                                    "Madonvi", "TenDonVi"])
        #expect(first["NgayTongHop"] as? String == "11-2026" && first["TongSoNguoiDanhGia"] as? Int == 4)
        #expect(first["PhanTramDanhGiaRatHaiLong"] as? String == "25%" && first["PhanTramDanhGiaHaiLong"] as? String == "50%")
        #expect(first["PhanTramDanhGiaChuaHaiLong"] as? String == "25%" && first["Madonvi"] as? String == "000.00.xx.H57")
        #expect(first["NoiDung"] as? String == "Tên 1.004873")
    }
}
