import Foundation
import Testing
@testable import MotCuaCore

/// A dossier driven through the lifecycle in memory, the way the store does it.
struct Scenario {
    let lifecycle = Lifecycle(calendar: WorkCalendar(), catalogue: .sample)
    var summary: DossierSummary
    var seq: Int64 = 1
    /// The event the history starts with, when a test needs it back (an online submission's reception).
    var firstEvent: DossierEvent?

    init(summary: DossierSummary) { self.summary = summary }

    /// Received at `at` for procedure `code` (default: 3 working days, route MC 0.5 / VP 2 / LD 0.5).
    init(_ at: String, procedure code: String = "1.004873") throws {
        let intake = Intake(procedureCode: code, applicant: Person(name: "Nguyễn Văn Ánh", idNumber: "046090001234", phone: "0912345678"))
        let event = try lifecycle.receive(intake, agency: "000.00.xx.H57", at: MotCuaCoreTests.at(at))
        summary = try DossierSummary(received: RecordedEvent(seq: 1, at: MotCuaCoreTests.at(at), by: "lan", dossier: UUID(),
                                                             code: "000.00.xx.H57-261130-0001", version: 1, event: event))
    }

    @discardableResult
    mutating func run(_ command: DossierCommand, _ at: String, by: String = "lan") throws -> DossierEvent {
        let event = try lifecycle.decide(command, for: summary, at: MotCuaCoreTests.at(at))
        seq += 1
        summary.apply(RecordedEvent(seq: seq, at: MotCuaCoreTests.at(at), by: by, dossier: summary.id, code: summary.code,
                                    version: summary.version + 1, event: event))
        return event
    }
}

@Suite("Dossier lifecycle")
struct LifecycleTests {
    /// A dossier brought to each state by legal steps.
    static func dossier(in state: DossierState) throws -> Scenario {
        var s = state.isBeforeReception ? try Scenario(submittedAt: "2026-11-30T08:00") : try Scenario("2026-11-30T08:00")
        switch state {
        case .submitted: break
        case .notAccepted: try s.run(.refuse(reason: "Tệp tờ khai không đọc được"), "2026-11-30T09:00")
        case .received: break
        case .inProgress: try s.run(.transfer(department: "VP", official: nil), "2026-11-30T09:00")
        case .awaitingSupplement: try s.run(.requestSupplement(reason: "Thiếu tờ khai", documents: []), "2026-11-30T09:00")
        case .suspended: try s.run(.suspend(reason: "Chờ xác minh"), "2026-11-30T09:00")
        case .resultReady: try s.run(.resultReady(note: nil), "2026-11-30T09:00")
        case .returned:
            try s.run(.resultReady(note: nil), "2026-11-30T09:00")
            try s.run(.returnResult(.applicant), "2026-11-30T10:00")
        case .refused: try s.run(.refuse(reason: "Không thuộc thẩm quyền"), "2026-11-30T09:00")
        case .withdrawn: try s.run(.withdraw(reason: nil), "2026-11-30T09:00")
        }
        #expect(s.summary.state == state)
        return s
    }

    static func command(for action: DossierAction) -> DossierCommand {
        switch action {
        case .transfer: return .transfer(department: "LD", official: nil)
        case .requestSupplement: return .requestSupplement(reason: "Thiếu giấy", documents: ["Giấy khai sinh"])
        case .supplementReceived: return .supplementReceived
        case .suspend: return .suspend(reason: "Xác minh")
        case .resume: return .resume
        case .resultReady: return .resultReady(note: nil)
        case .returnResult: return .returnResult(.applicant)
        case .refuse: return .refuse(reason: "Sai thẩm quyền")
        case .withdraw: return .withdraw(reason: "Người nộp rút")
        case .extend: return .extend(until: at("2026-12-31T17:00"), reason: "Chờ ý kiến", department: nil)
        case .note: return .note("Đã gọi điện")
        case .rate: return .rate(Rating(level: .satisfied, channel: .desk))
        }
    }

    static let everyCell: [(DossierState, DossierAction)] = DossierState.allCases.flatMap { s in DossierAction.allCases.map { (s, $0) } }

    @Test(arguments: everyCell)
    func transitionTable(state: DossierState, action: DossierAction) throws {
        var s = try Self.dossier(in: state)
        let allowed = DossierAction.allowed[state]!.contains(action)
        do {
            try s.run(Self.command(for: action), "2026-11-30T11:00")
            #expect(allowed, "\(action) should be refused in \(state)")
        } catch let error as LifecycleError {
            #expect(!allowed, "\(action) should be allowed in \(state): \(error)")
            #expect(error == .illegalTransition(state: state, action: action))
            #expect(error.description.contains(state.vietnamese) && error.description.contains(action.vietnamese))
        }
    }

    @Test func theTransitionTableHasTheLifecycleTheRulesDescribe() {
        #expect(DossierAction.allowed[.returned] == [.note, .rate])
        #expect(DossierAction.allowed[.suspended] == [.resume, .withdraw, .note])
        #expect(DossierAction.allowed[.awaitingSupplement]!.contains(.supplementReceived))
        #expect(!DossierAction.allowed[.received]!.contains(.returnResult))
    }

    @Test func supplementStopsTheClockAndRestartsFromZero() throws {
        var s = try Scenario("2026-11-30T08:00")
        #expect(s.summary.due == at("2026-12-03T08:00"))
        try s.run(.requestSupplement(reason: "Thiếu tờ khai", documents: ["Tờ khai"]), "2026-12-01T09:00")
        #expect(s.summary.state == .awaitingSupplement && s.summary.pausedAt == at("2026-12-01T09:00"))
        #expect(s.summary.flags.isEmpty)
        let received = try s.run(.supplementReceived, "2026-12-07T10:00")
        // 3 working days counted again from 10:00 Monday 7/12.
        #expect(received.due == at("2026-12-10T10:00"))
        #expect(s.summary.due == at("2026-12-10T10:00") && s.summary.statsDue == s.summary.due)
        #expect(s.summary.clockStart == at("2026-12-07T10:00") && s.summary.state == .received)
    }

    @Test func aLateOrSecondSupplementRequestIsFlagged() throws {
        var s = try Scenario("2026-11-30T08:00")
        // 3 working days after 08:00 Monday is 08:00 Thursday; asking at 09:00 Thursday is late.
        let late = try s.run(.requestSupplement(reason: "Thiếu", documents: []), "2026-12-03T09:00")
        #expect(late.flags == [.lateSupplementRequest])
        try s.run(.supplementReceived, "2026-12-04T08:00")
        let second = try s.run(.requestSupplement(reason: "Thiếu nữa", documents: []), "2026-12-04T09:00")
        #expect(second.flags == [.repeatedSupplementRequest])
        #expect(s.summary.flags == [.lateSupplementRequest, .repeatedSupplementRequest])
        #expect(s.summary.supplementCount == 2)
    }

    @Test func suspensionContinuesWithTheRemainingTime() throws {
        var s = try Scenario("2026-11-30T08:00")
        try s.run(.suspend(reason: "Xác minh"), "2026-11-30T09:00")
        // Paused for 1 working day and 1 hour (Monday 09:00 → Tuesday 10:00 = 8 h + 1 h... minus nothing).
        let resumed = try s.run(.resume, "2026-12-01T10:00")
        #expect(resumed.due == at("2026-12-04T09:00"))
        #expect(s.summary.pauses == [InstantRange(start: at("2026-11-30T09:00"), end: at("2026-12-01T10:00"))])
        // The explanation reproduces the appointment from the clock start and the pause.
        #expect(s.summary.appointmentExplanation(calendar: WorkCalendar()).last { $0.kind == .due }?.date == CivilDate(2026, 12, 4))
    }

    @Test func extensionIsAllowedOnceKeepsTheOriginalForStatisticsAndFlagsLateApologies() throws {
        var s = try Scenario("2026-11-30T08:00")
        let early = try s.run(.extend(until: at("2026-12-10T17:00"), reason: "Chờ ý kiến", department: "VP"), "2026-12-01T08:00")
        #expect(early.flags == nil)
        #expect(s.summary.due == at("2026-12-10T17:00") && s.summary.statsDue == at("2026-12-03T08:00"))
        #expect(throws: LifecycleError.alreadyExtended) {
            try s.run(.extend(until: at("2026-12-20T17:00"), reason: "Lần hai", department: nil), "2026-12-02T08:00")
        }
        var late = try Scenario("2026-11-30T08:00")
        // Due Thursday 08:00; an apology on Wednesday 10:00 leaves less than one working day.
        let event = try late.run(.extend(until: at("2026-12-10T17:00"), reason: "Chậm", department: nil), "2026-12-02T10:00")
        #expect(event.flags == [.lateApology])
        var notLater = try Scenario("2026-11-30T08:00")
        #expect(throws: LifecycleError.extensionNotLater(current: at("2026-12-03T08:00"))) {
            try notLater.run(.extend(until: at("2026-12-02T17:00"), reason: "x", department: nil), "2026-12-01T08:00")
        }
    }

    @Test func latenessIsAttributedToTheStepWhoseBudgetRanOver() throws {
        var s = try Scenario("2026-11-30T08:00")
        try s.run(.transfer(department: "VP", official: "hoa"), "2026-11-30T09:00")      // desk within 0.5 day
        #expect(s.summary.stepDue == at("2026-12-02T09:00"))                              // VP has 2 days
        #expect(s.summary.responsibleStep(at: at("2026-12-02T08:00")) == nil)
        #expect(s.summary.responsibleStep(at: at("2026-12-02T10:00")) == Holder(department: "VP", official: "hoa"))
        try s.run(.transfer(department: "LD", official: nil), "2026-12-03T09:00")       // VP handed over late
        #expect(s.summary.lateStep == Holder(department: "VP", official: "hoa"))
        #expect(s.summary.responsibleStep(at: at("2026-12-04T09:00")) == Holder(department: "VP", official: "hoa"))
    }

    @Test func unknownDepartmentsAndProceduresAreRefusedClearly() throws {
        var s = try Scenario("2026-11-30T08:00")
        #expect(throws: LifecycleError.unknownDepartment("XYZ")) { try s.run(.transfer(department: "XYZ", official: nil), "2026-11-30T09:00") }
        let lifecycle = Lifecycle(calendar: WorkCalendar(), catalogue: .sample)
        let intake = Intake(procedureCode: "9.999999", applicant: Person(name: "A", idNumber: "046090001234", phone: "0912345678"))
        #expect(throws: LifecycleError.unknownProcedure("9.999999")) { try lifecycle.receive(intake, agency: "x", at: at("2026-11-30T08:00")) }
    }

    @Test func anIntakeIsValidatedAndNormalised() throws {
        let lifecycle = Lifecycle(calendar: WorkCalendar(), catalogue: .sample)
        let nfd = "Nguye\u{0302}\u{0303}n  Va\u{0306}n   A\u{0301}nh"
        let intake = Intake(procedureCode: "1.004873", applicant: Person(name: nfd, idNumber: "046 090 001 234", phone: "+84 912 345 678"))
        let event = try lifecycle.receive(intake, agency: "000.00.xx.H57", at: at("2026-11-30T08:00"))
        #expect(event.reception?.applicant.name == "Nguyễn Văn Ánh")
        #expect(event.reception?.applicant.name.unicodeScalars.count == 14)
        #expect(event.reception?.applicant.idNumber == "046090001234")
        #expect(event.reception?.applicant.phone == "0912345678")
        #expect(event.reception?.documents.count == Catalogue.sample.procedure("1.004873")!.documents.filter(\.required).count)

        let bad = Intake(procedureCode: "1.004873", applicant: Person(name: " ", idNumber: "999090001234", phone: "0112345678"))
        do {
            _ = try lifecycle.receive(bad, agency: "x", at: at("2026-11-30T08:00"))
            Issue.record("an empty name, a bad province code and a bad phone must be refused")
        } catch {
            guard case .invalid(let issues) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(Set(issues.map(\.field)) == [.name, .id, .phone])
        }
        let future = Intake(procedureCode: "1.004873", applicant: Person(name: "A", idNumber: "046090001234", phone: "0912345678"),
                            receivedAt: at("2026-12-01T08:00"))
        #expect(throws: LifecycleError.receivedInFuture(at("2026-12-01T08:00"))) {
            try lifecycle.receive(future, agency: "x", at: at("2026-11-30T08:00"))
        }
        let cmnd = Intake(procedureCode: "1.004873", applicant: Person(name: "A", idNumber: "123456789", phone: "0912345678"))
        #expect(try lifecycle.receive(cmnd, agency: "x", at: at("2026-11-30T08:00")).flags == [.legacyID])
    }
}

@Suite("Deadline status")
struct DeadlineStatusTests {
    let clock = DeadlineClock(now: at("2026-11-30T10:00"), calendar: WorkCalendar())   // Monday

    @Test func runningDossiersAreClassifiedAgainstTheThresholds() {
        #expect(clock.runningStatus(due: at("2026-11-30T16:00")) == .dueToday)
        #expect(clock.runningStatus(due: at("2026-12-01T17:00")) == .dueWithin1)
        #expect(clock.runningStatus(due: at("2026-12-03T09:00")) == .dueWithin3(workingDaysLeft: 3))
        #expect(clock.runningStatus(due: at("2026-12-08T09:00")) == .onTrack(workingDaysLeft: 6))
        #expect(clock.runningStatus(due: at("2026-11-30T09:00")) == .overdue(workingDaysLate: 1))
        // Due Wednesday 25/11 17:00: Thursday, Friday, Monday morning → 3 started working days late.
        #expect(clock.runningStatus(due: at("2026-11-25T17:00")) == .overdue(workingDaysLate: 3))
        #expect(clock.runningStatus(due: at("2026-11-25T17:00")).marker == "!! QUÁ HẠN 3 ngày")
    }

    /// Issue 17 #13: the app showed "còn 4 ngày" for a dossier `motcua list` gave 3, its clock a
    /// couple of seconds behind the process that received it. Days left are counted in whole
    /// minutes with a minute's grace: clocks that differ by seconds give the same count, and a
    /// dossier of 3 working days received this minute has 3 left.
    @Test func clocksAFewSecondsApartAgreeOnTheWorkingDaysLeft() {
        let calendar = WorkCalendar()
        // Received by another process at 08:13:18 (Monday), 3 working days.
        let due = calendar.due(from: at("2026-11-30T08:13:18"), processing: .workingDays(3)).due
        let clocks = ["2026-11-30T08:12:58", "2026-11-30T08:13:16", "2026-11-30T08:13:18", "2026-11-30T08:13:20",
                      "2026-11-30T08:14:01", "2026-11-30T09:30:00"]
        for time in clocks {
            let status = DeadlineClock(now: at(time), calendar: calendar).runningStatus(due: due)
            #expect(status == .dueWithin3(workingDaysLeft: 3), "at \(time): \(status)")
        }
        // Around any instant, a clock two seconds behind and one two seconds ahead agree.
        var t = at("2026-11-30T08:00")
        while t < at("2026-11-30T17:00") {
            let behind = DeadlineClock(now: t.adding(seconds: -2), calendar: calendar).runningStatus(due: due)
            let ahead = DeadlineClock(now: t.adding(seconds: 2), calendar: calendar).runningStatus(due: due)
            if t.secondOfDay % 60 != 0 { #expect(behind == ahead, "at \(t.iso8601): \(behind) vs \(ahead)") }
            t = t.adding(seconds: 37)
        }
    }

    @Test func dueSoonOnAFridaySkipsTheWeekend() {
        let friday = DeadlineClock(now: at("2026-11-27T10:00"), calendar: WorkCalendar())
        #expect(friday.runningStatus(due: at("2026-11-30T17:00")) == .dueWithin1)
        #expect(friday.endOfThirdWorkingDay == at("2026-12-02T23:59:59"))
    }

    @Test func resolvedDossiersAreJudgedAtTheInstantAndByDate() {
        let due = at("2026-12-03T10:00")
        #expect(Resolution.classify(finished: at("2026-12-02T16:00"), due: due) == Resolution(atInstant: .early, atDate: .early))
        #expect(Resolution.classify(finished: at("2026-12-03T09:00"), due: due) == Resolution(atInstant: .onTime, atDate: .onTime))
        #expect(Resolution.classify(finished: at("2026-12-03T16:00"), due: due) == Resolution(atInstant: .late, atDate: .onTime))
        #expect(Resolution.classify(finished: at("2026-12-04T08:00"), due: due) == Resolution(atInstant: .late, atDate: .late))
    }

    @Test func pausedAndClosedDossiersHaveTheirOwnStatus() throws {
        let paused = try LifecycleTests.dossier(in: .awaitingSupplement)
        #expect(clock.status(of: paused.summary) == .paused(.awaitingSupplement))
        let withdrawn = try LifecycleTests.dossier(in: .withdrawn)
        #expect(clock.status(of: withdrawn.summary) == .withdrawn)
        let returned = try LifecycleTests.dossier(in: .returned)
        #expect(clock.status(of: returned.summary) == .resolved(Resolution(atInstant: .early, atDate: .early)))
    }
}
