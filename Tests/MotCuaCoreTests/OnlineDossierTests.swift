import Foundation
import Testing
@testable import MotCuaCore

extension Scenario {
    /// An online dossier submitted on the portal at `submittedAt` and imported then.
    init(submittedAt: String, procedure code: String = "1.004873", files: [String?] = ["https://dvc.example.vn/f/1.pdf"]) throws {
        let submission = OnlineSubmission(
            portalCode: "H57.99-261130-0001", procedureCode: code,
            applicant: Person(name: "Trần Thị Mai", idNumber: "046190001234", phone: "0905123456"),
            submittedAt: MotCuaCoreTests.at(submittedAt),
            documents: files.enumerated().map { ReceivedDocument(name: "Tệp \($0.offset + 1).pdf", originals: 1, copies: 0, file: $0.element) })
        let event = try Lifecycle(calendar: WorkCalendar(), catalogue: .sample).submit(submission, agency: "000.00.xx.H57", acceptanceHours: 8, at: MotCuaCoreTests.at(submittedAt))
        self.init(summary: try DossierSummary(received: RecordedEvent(seq: 1, at: MotCuaCoreTests.at(submittedAt), by: "feed", dossier: UUID(),
                                                                      code: "000.00.xx.H57-261130-0001", version: 1, event: event)))
        firstEvent = event
    }

    /// Accepts it the way the store does: from the reception the submission recorded.
    mutating func accept(_ at: String, by: String = "lan") throws -> DossierEvent {
        let event = try lifecycle.accept(summary, submitted: firstEvent!.reception!, at: MotCuaCoreTests.at(at))
        seq += 1
        summary.apply(RecordedEvent(seq: seq, at: MotCuaCoreTests.at(at), by: by, dossier: summary.id, code: summary.code,
                                    version: summary.version + 1, event: event))
        return event
    }
}

@Suite("Online dossiers: portal records and acceptance")
struct OnlineDossierTests {
    static func record(_ changes: [String: Any] = [:], removing: [String] = []) -> Data {
        var o: [String: Any] = [
            "MaHoSo": "000.00.xx.H57-261130-0101", "MaTTHC": "1.004873", "KenhThucHien": "2", "TrangThaiHoSo": "1",
            "ChuHoSo": "Trần Thị Mai", "SoGiayToChuHoSo": "046190001234", "SoDienThoai": "0905123456",
            "NgayNopHoSo": "20261130160500",
            "TaiLieuNop": [["TenTepDinhKem": "To khai.pdf", "IsDeleted": "False", "DuongDanTaiTepTin": "https://dvc.example.vn/a.pdf"]],
        ]
        for (k, v) in changes { o[k] = v }
        for k in removing { o.removeValue(forKey: k) }
        return try! JSONSerialization.data(withJSONObject: [o])
    }

    static func parsed(_ data: Data) throws -> Result<OnlineSubmission, PortalDossierRecord.RecordRefusal> {
        try #require(try PortalDossierRecord.parse(data).first)
    }

    @Test func aPortalRecordBecomesASubmission() throws {
        let s = try Self.parsed(Self.record()).get()
        #expect(s.portalCode == "000.00.xx.H57-261130-0101" && s.procedureCode == "1.004873")
        #expect(s.applicant == Person(name: "Trần Thị Mai", idNumber: "046190001234", phone: "0905123456"))
        #expect(s.submittedAt == at("2026-11-30T16:05"))           // yyyyMMddHHmmss is Vietnam time
        #expect(s.documents == [ReceivedDocument(name: "To khai.pdf", originals: 1, copies: 0, file: "https://dvc.example.vn/a.pdf")])
        // Codes as numbers, the ID from DinhDanhCHS, deleted files left out.
        let numbers = try Self.parsed(Self.record(["KenhThucHien": 2, "TrangThaiHoSo": 1,
                                                   "DinhDanhCHS": [["LoaiDinhDanh": "1", "SoDinhDanh": "046190009999"]],
                                                   "TaiLieuNop": [["TenTepDinhKem": "x.pdf", "IsDeleted": "True", "DuongDanTaiTepTin": "https://h/x"]]],
                                                  removing: ["SoGiayToChuHoSo"])).get()
        #expect(numbers.applicant.idNumber == "046190009999" && numbers.documents.isEmpty)
    }

    nonisolated(unsafe) static let refusals: [([String: Any], [String], String)] = [
        ([:], ["MaHoSo"], "thiếu MaHoSo"),
        (["MaHoSo": "H57\u{1B}[2J"], [], "MaHoSo có ký tự không hợp lệ"),
        (["TrangThaiHoSo": "4"], [], "TrangThaiHoSo là \"4\", cần \"1\""),
        (["KenhThucHien": "1"], [], "KenhThucHien là \"1\", cần \"2\""),
        ([:], ["MaTTHC"], "thiếu MaTTHC"),
        ([:], ["ChuHoSo"], "thiếu ChuHoSo"),
        (["NgayNopHoSo": "2026-11-30"], [], "NgayNopHoSo không đúng dạng yyyyMMddHHmmss"),
        (["NgayNopHoSo": "20261131160500"], [], "NgayNopHoSo không đúng dạng"),
        (["TaiLieuNop": [["TenTepDinhKem": "a.pdf"]]], [], "TaiLieuNop[0] thiếu DuongDanTaiTepTin"),
        (["TaiLieuNop": [["DuongDanTaiTepTin": "https://h/a"]]], [], "TaiLieuNop[0] thiếu TenTepDinhKem"),
        (["TaiLieuNop": [["TenTepDinhKem": "a.pdf", "DuongDanTaiTepTin": "file:///etc/passwd"]]], [], "không phải địa chỉ http(s)"),
        (["TaiLieuNop": [["TenTepDinhKem": "a.pdf", "DuongDanTaiTepTin": "https://h/a\u{1B}]0;x"]]], [], "không phải địa chỉ http(s)"),
    ]

    @Test(arguments: refusals.indices)
    func aBadRecordIsRefusedWithItsReason(_ i: Int) throws {
        let (changes, removing, reason) = Self.refusals[i]
        guard case .failure(let refusal) = try Self.parsed(Self.record(changes, removing: removing)) else {
            Issue.record("record \(i) was not refused"); return
        }
        #expect(refusal.reason.contains(reason), "\(refusal.reason)")
        #expect(!refusal.reason.unicodeScalars.contains { $0.value == 0x1B }, "hostile text is not repeated raw")
    }

    @Test func aFileThatIsNotAnArrayIsAFileError() {
        #expect(throws: PortalDossierRecord.FileError.self) { try PortalDossierRecord.parse(Data("{\"a\":1}".utf8)) }
        #expect(throws: PortalDossierRecord.FileError.self) { try PortalDossierRecord.parse(Data("[".utf8)) }
        #expect((try? PortalDossierRecord.parse(Data("{\"data\":[1]}".utf8)))?.count == 1, "the portal's envelope is read too")
    }

    @Test func aSubmissionWaitsWithAnAcceptanceDeadlineOfEightWorkingHours() throws {
        let s = try Scenario(submittedAt: "2026-11-30T16:05")             // Monday, 55 minutes before closing
        #expect(s.summary.state == .submitted && s.summary.channel == .online)
        #expect(s.summary.due == at("2026-12-01T16:05"), "8 working hours later: \(s.summary.due)")
        #expect(s.summary.receivedAt == at("2026-11-30T16:05"))
        #expect(s.summary.searchKey.hasSuffix(" | h57.99-261130-0001"), "found by the portal's code: \(s.summary.searchKey)")
        let clock = DeadlineClock(now: at("2026-12-02T08:00"), calendar: WorkCalendar())
        #expect(clock.status(of: s.summary).bucket == .overdue, "a late acceptance is marked like any deadline")
    }

    @Test func acceptanceCountsTheAppointmentFromAcceptance() throws {
        var s = try Scenario(submittedAt: "2026-11-30T16:05")
        let event = try s.accept("2026-12-01T09:00")
        #expect(event.kind == .accepted && s.summary.state == .received && s.summary.holder == Holder(department: "MC", official: "lan"))
        #expect(s.summary.receivedAt == at("2026-12-01T09:00"))
        #expect(s.summary.due == at("2026-12-04T09:00"), "3 working days from acceptance, not from submission: \(s.summary.due)")
        #expect(s.summary.statsDue == s.summary.due && s.summary.originalDue == s.summary.due)
        #expect(s.summary.flags.isEmpty, "accepted within its 8 working hours")
        #expect(throws: LifecycleError.notAwaitingAcceptance(.received)) { try s.accept("2026-12-01T10:00") }
        // From here it is an ordinary dossier.
        try s.run(.transfer(department: "VP", official: nil), "2026-12-01T10:00")
        #expect(s.summary.state == .inProgress)
    }

    @Test func theOnlineProcessingTimeAppliesWhereTheProcedureHasOne() throws {
        var catalogue = Catalogue.sample
        var procedures = catalogue.procedures
        let index = try #require(procedures.firstIndex { $0.code == "1.004873" })
        procedures[index].onlineProcessing = .workingDays(2)
        catalogue = try Catalogue(copying: catalogue, procedures: procedures, version: 2)
        let lifecycle = Lifecycle(calendar: WorkCalendar(), catalogue: catalogue)
        let s = try Scenario(submittedAt: "2026-11-30T16:05")
        let event = try lifecycle.accept(s.summary, submitted: s.firstEvent!.reception!, at: at("2026-12-01T09:00"))
        #expect(event.due == at("2026-12-03T09:00"), "\(String(describing: event.due))")
        #expect(event.reception?.procedure.processing == .workingDays(2) && event.reception?.procedure.catalogueVersion == 2)
    }

    @Test func aSubmissionWithoutItsFilesCannotBeAccepted() throws {
        for files in [[], ["https://h/1", nil]] as [[String?]] {
            var s = try Scenario(submittedAt: "2026-11-30T16:05", files: files)
            #expect(throws: LifecycleError.self) { try s.accept("2026-12-01T09:00") }
            #expect(s.summary.state == .submitted)
        }
    }

    @Test func aRefusalAtAcceptanceIsOnceWithReasonAndGuidance() throws {
        var s = try Scenario(submittedAt: "2026-11-30T16:05")
        let event = try s.run(.refuse(reason: "Tờ khai không có chữ ký"), "2026-12-01T09:00")
        #expect(event.kind == .notAccepted && event.reason == "Tờ khai không có chữ ký" && event.text == defaultAcceptanceGuidance)
        #expect(s.summary.state == .notAccepted && s.summary.state.isClosed)
        #expect(throws: LifecycleError.illegalTransition(state: .notAccepted, action: .refuse)) {
            try s.run(.refuse(reason: "lần hai"), "2026-12-01T10:00")
        }
        var t = try Scenario(submittedAt: "2026-11-30T16:05")
        let guided = try t.run(.refuseWithGuidance(reason: "Thiếu tờ khai", guidance: "Nộp lại kèm tờ khai có chữ ký"), "2026-12-01T09:00")
        #expect(guided.kind == .notAccepted && guided.text == "Nộp lại kèm tờ khai có chữ ký")
        var blank = try Scenario(submittedAt: "2026-11-30T16:05")
        #expect(throws: LifecycleError.self) { try blank.run(.refuse(reason: " "), "2026-12-01T09:00") }
    }

    @Test func periodStatisticsCountOnlineDossiersFromAcceptance() throws {
        var accepted = try Scenario(submittedAt: "2026-11-30T16:05")
        _ = try accepted.accept("2026-12-01T09:00")
        let waiting = try Scenario(submittedAt: "2026-11-30T16:05")
        var refused = try Scenario(submittedAt: "2026-11-30T16:05")
        try refused.run(.refuse(reason: "Sai thủ tục"), "2026-12-01T09:00")
        let direct = try Scenario("2026-12-01T08:00")
        let report = try PeriodReport.make(summaries: [accepted.summary, waiting.summary, refused.summary, direct.summary],
                                       from: CivilDate(2026, 12, 1), to: CivilDate(2026, 12, 31), by: .none,
                                       calendar: WorkCalendar(), catalogue: .sample)
        #expect(report.total.received == 2 && report.total.receivedOnline == 1 && report.total.receivedDirect == 1)
        #expect(report.total.refused == 0, "a refusal at acceptance is not a refused dossier")
        #expect(report.total.reconciles)
    }

    @Test func theControlSlipStartsAtAcceptance() throws {
        let lifecycle = Lifecycle(calendar: WorkCalendar(), catalogue: .sample)
        var s = try Scenario(submittedAt: "2026-11-27T09:00")                 // waited over the weekend
        let accepted = try s.accept("2026-11-30T09:05", by: "lan")
        let transfer = try lifecycle.decide(.transfer(department: "VP", official: nil), for: s.summary, at: at("2026-11-30T11:00"))
        let id = s.summary.id, code = s.summary.code
        let events = [(s.firstEvent!, "feed", "2026-11-27T09:00"), (accepted, "lan", "2026-11-30T09:05"), (transfer, "lan", "2026-11-30T11:00")]
            .enumerated().map { i, e in
                RecordedEvent(seq: Int64(i + 1), at: at(e.2), by: e.1, dossier: id, code: code, version: i + 1, event: e.0)
            }
        let dossier = try Dossier(events: events)
        let handOvers = dossier.handOvers(calendar: WorkCalendar())
        #expect(handOvers.count == 1 && handOvers[0].from == Holder(department: "MC", official: "lan"))
        #expect(dossier.summary.flags == [.lateAcceptance], "accepted after Monday 09:00: late")
        #expect(handOvers[0].stepTimeliness == .onTime, "the desk's half day counted from acceptance, not from submission")
        #expect(dossier.reception.procedure.catalogueVersion == Catalogue.sample.version && dossier.summary.state == .inProgress)
    }
}

@Suite("Online dossiers in the portal outbox")
struct OnlineDossierOutboxTests {
    static let names = PortalMessage.Names(unit: "UBND phường", department: { _ in nil }, official: { _ in nil })

    /// The dossier's record and progress rows after each of its events, as the outbox sends them.
    static func messages(_ events: [RecordedEvent]) throws -> [(record: String, row: String?)] {
        try events.indices.map { i in
            let dossier = try Dossier(events: Array(events[...i]))
            return (PortalMessage.dossierRecord(dossier, names: names).compact,
                    PortalMessage.progressRow(dossier, names: names)?.compact)
        }
    }

    @Test func anOnlineDossierIsSentUnderThePortalsCodeAndItsRefusalEndsIt() throws {
        var s = try Scenario(submittedAt: "2026-11-30T16:05")
        var events = [RecordedEvent(seq: 1, at: at("2026-11-30T16:05"), by: "feed", dossier: s.summary.id, code: s.summary.code,
                                    version: 1, event: s.firstEvent!)]
        let refusal = try s.run(.refuse(reason: "Tờ khai không có chữ ký"), "2026-12-01T09:00")
        events.append(RecordedEvent(seq: 2, at: at("2026-12-01T09:00"), by: "lan", dossier: s.summary.id, code: s.summary.code,
                                    version: 2, event: refusal))
        let sent = try Self.messages(events)
        for message in sent {
            #expect(message.record.contains("\"MaHoSo\":\"H57.99-261130-0001\""), "\(message.record)")
            #expect(!message.record.contains(s.summary.code))
            if let row = message.row { #expect(row.contains("\"MaHoSo\":\"H57.99-261130-0001\"")) }
        }
        let last = try #require(sent.last)
        #expect(last.record.contains("\"TrangThaiHoSo\":\"3\"") && last.record.contains("\"NgayKetThucXuLy\":\"20261201090000\""), "\(last.record)")
        #expect(last.record.contains("\"NgayNopHoSo\":\"20261130160500\""))
        #expect(last.row?.contains("\"TrangThai\":\"3\"") == true, "\(last.row ?? "")")
    }
}
