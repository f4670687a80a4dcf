import Testing
@testable import MotCuaCore

/// Vietnam time, written the way a clerk reads it.
func at(_ text: String) -> Instant {
    guard let instant = Instant(iso8601: text) else { preconditionFailure("bad instant \(text)") }
    return instant
}

struct DueCase: CustomTestStringConvertible, Sendable {
    let label: String
    let received: String
    let processing: ProcessingTime
    let due: String
    var pauses: [(String, String)] = []
    var model: DeadlineModel = .workingHours
    var testDescription: String { label }
}

@Suite("Deadline arithmetic (working-hours model unless stated)")
struct DeadlineTests {
    static let cases: [DueCase] = [
        DueCase(label: "1 day from the opening of a Monday ends at its closing", received: "2026-11-30T07:00",
                processing: .workingDays(1), due: "2026-11-30T17:00"),
        DueCase(label: "1 day from 09:00 ends at 09:00 next working day", received: "2026-11-30T09:00",
                processing: .workingDays(1), due: "2026-12-01T09:00"),
        DueCase(label: "the lunch break does not count", received: "2026-11-30T11:00",
                processing: .workingHours(1), due: "2026-11-30T14:00"),
        DueCase(label: "received in the lunch break starts at 13:30", received: "2026-11-30T12:10",
                processing: .workingHours(2), due: "2026-11-30T15:30"),
        DueCase(label: "landing exactly on a session end stays there", received: "2026-11-30T07:00",
                processing: .workingHours(4.5), due: "2026-11-30T11:30"),
        DueCase(label: "after hours on Friday starts Monday 07:00", received: "2026-11-27T17:30",
                processing: .workingDays(1), due: "2026-11-30T17:00"),
        DueCase(label: "received on a Sunday starts Monday", received: "2026-11-29T10:00",
                processing: .workingHours(8), due: "2026-11-30T17:00"),
        DueCase(label: "24/11/2026 (Ngày Văn hóa, shipped unconfirmed) is not applied until confirmed", received: "2026-11-23T09:00",
                processing: .workingDays(1), due: "2026-11-24T09:00"),
        DueCase(label: "the 2/1/2026 ↔ 10/1/2026 swap (Công văn 12729/VPCP-KGVX) is applied", received: "2025-12-31T09:00",
                processing: .workingDays(1), due: "2026-01-05T09:00"),
        DueCase(label: "Tết 2026: 14/2–22/2 skipped", received: "2026-02-13T09:00",
                processing: .workingDays(3), due: "2026-02-25T09:00"),
        DueCase(label: "Tết 2025 official: 27/1 is off, 3/2 is worked", received: "2025-01-27T09:00",
                processing: .workingDays(1), due: "2025-02-03T17:00"),
        DueCase(label: "Tết 2025 across the whole block", received: "2025-01-24T14:00",
                processing: .workingDays(2), due: "2025-02-04T14:00"),
        DueCase(label: "30/4–1/5/2026 skipped", received: "2026-04-29T09:00",
                processing: .workingDays(2), due: "2026-05-05T09:00"),
        DueCase(label: "Giỗ Tổ 2026 on Sunday: Monday 27/4 compensatory", received: "2026-04-24T09:00",
                processing: .workingDays(1), due: "2026-04-28T09:00"),
        DueCase(label: "2/9/2026: 31/8 swapped, 1/9–2/9 off", received: "2026-08-28T09:00",
                processing: .workingDays(1), due: "2026-09-03T09:00"),
        DueCase(label: "make-up Saturday 22/8/2026 is a working day", received: "2026-08-21T09:00",
                processing: .workingDays(1), due: "2026-08-22T09:00"),
        DueCase(label: "make-up Saturday 4/5/2024 after the 29/4–1/5 block", received: "2024-04-26T09:00",
                processing: .workingDays(3), due: "2024-05-04T09:00"),
        DueCase(label: "2/9/2024 Monday: 3/9 off too", received: "2024-08-30T09:00",
                processing: .workingDays(1), due: "2024-09-04T09:00"),
        DueCase(label: "a pause over Monday afternoon and Tuesday", received: "2026-11-30T07:00",
                processing: .workingDays(2), due: "2026-12-03T10:30",
                pauses: [("2026-11-30T13:30", "2026-12-01T17:00")]),
        DueCase(label: "a pause outside working hours changes nothing", received: "2026-11-30T07:00",
                processing: .workingDays(1), due: "2026-11-30T17:00",
                pauses: [("2026-11-30T17:30", "2026-12-01T06:00")]),
        DueCase(label: "same day, received before the cut-off", received: "2026-11-30T10:00",
                processing: .sameDay(cutoff: TimeOfDay(15, 0)), due: "2026-11-30T17:00"),
        DueCase(label: "same day, received after the cut-off: next working day", received: "2026-11-30T15:30",
                processing: .sameDay(cutoff: TimeOfDay(15, 0)), due: "2026-12-01T17:00"),
        DueCase(label: "same day, received Friday 16:00: Monday", received: "2026-11-27T16:00",
                processing: .sameDay(cutoff: TimeOfDay(15, 0)), due: "2026-11-30T17:00"),
        DueCase(label: "same day, received Saturday: Monday before the cut-off", received: "2026-11-28T09:00",
                processing: .sameDay(cutoff: TimeOfDay(15, 0)), due: "2026-11-30T17:00"),
        DueCase(label: "day-end model: closing of the 3rd working day after", received: "2026-11-30T09:00",
                processing: .workingDays(3), due: "2026-12-03T17:00", model: .dayEnd),
        DueCase(label: "day-end model across Tết 2026", received: "2026-02-13T09:00",
                processing: .workingDays(1), due: "2026-02-23T17:00", model: .dayEnd),
        DueCase(label: "day-end model with a pause spills into the next day's closing", received: "2026-11-30T09:00",
                processing: .workingDays(1), due: "2026-12-02T17:00",
                pauses: [("2026-12-01T07:00", "2026-12-01T09:00")], model: .dayEnd),
    ]

    @Test(arguments: cases)
    func due(_ c: DueCase) {
        let calendar = WorkCalendar(model: c.model)
        let pauses = c.pauses.map { InstantRange(start: at($0.0), end: at($0.1)) }
        let result = calendar.due(from: at(c.received), processing: c.processing, pauses: pauses)
        #expect(result.due == at(c.due), "\(c.label): got \(result.due.iso8601)")
    }

    @Test func effectiveStartOfAfterHoursReceipt() {
        let calendar = WorkCalendar()
        #expect(calendar.effectiveStart(at("2026-11-30T11:30")) == at("2026-11-30T13:30"))
        #expect(calendar.effectiveStart(at("2026-11-30T17:00")) == at("2026-12-01T07:00"))
        #expect(calendar.effectiveStart(at("2026-11-30T06:59")) == at("2026-11-30T07:00"))
        #expect(calendar.effectiveStart(at("2026-11-30T16:59:59")) == at("2026-11-30T16:59:59"))
    }

    @Test func explainListsEverySkippedDayWithItsReason() {
        let result = WorkCalendar().due(from: at("2026-02-13T09:00"), processing: .workingDays(3))
        let skipped = result.explanation.filter { $0.kind == .skipped }
        #expect(skipped.map(\.date) == (14...22).map { CivilDate(2026, 2, $0) })
        #expect(skipped.first { $0.date == CivilDate(2026, 2, 16) }?.name == "Tết Nguyên đán (ngày cuối năm Âm lịch)")
        #expect(skipped.first { $0.date == CivilDate(2026, 2, 14) }?.reason == "weekend")
        let counted = result.explanation.filter { $0.kind == .counted }
        let expectedHours: [Int64] = [6, 8, 8, 2]
        #expect(counted.map(\.seconds) == expectedHours.map { $0 * 3600 })
        #expect(result.explanation.last?.text == "Hẹn trả kết quả: 09:00 25/02/2026 (Thứ Tư)")
    }

    @Test func explainOfAfterHoursReceiptSkipsTheWeekendBeforeTheStart() {
        let result = WorkCalendar().due(from: at("2026-11-27T17:30"), processing: .workingDays(1))
        #expect(result.explanation.first?.reason == "after-hours")
        #expect(result.explanation.filter { $0.kind == .skipped }.map(\.date) == [CivilDate(2026, 11, 28), CivilDate(2026, 11, 29)])
    }

    @Test func explainShowsPausedTimeAndMakeupDays() {
        let paused = WorkCalendar().due(from: at("2026-11-30T07:00"), processing: .workingDays(2),
                                        pauses: [InstantRange(start: at("2026-11-30T13:30"), end: at("2026-12-01T17:00"))])
        let expectedPaused: [Int64] = [12_600, 28_800]
        #expect(paused.explanation.filter { $0.kind == .paused }.map(\.seconds) == expectedPaused)
        let makeup = WorkCalendar().due(from: at("2026-08-21T09:00"), processing: .workingDays(1))
        #expect(makeup.explanation.contains { $0.kind == .counted && $0.reason == "makeup" && $0.date == CivilDate(2026, 8, 22) })
    }

    @Test func workingSecondsBetweenInstantsSkipsLunchNightsAndPauses() {
        let calendar = WorkCalendar()
        #expect(calendar.workingSeconds(from: at("2026-11-30T11:00"), to: at("2026-11-30T14:00")) == 3600)
        #expect(calendar.workingSeconds(from: at("2026-11-27T16:00"), to: at("2026-11-30T08:00")) == 2 * 3600)
        #expect(calendar.workingSeconds(from: at("2026-11-30T07:00"), to: at("2026-11-30T17:00"),
                                        pauses: [InstantRange(start: at("2026-11-30T08:00"), end: at("2026-11-30T09:00"))]) == 7 * 3600)
    }

    /// Issue 17 #11: received at 08:13:18 with 1 day, the explanation said 6 h 47 min + 1 h 14 min
    /// (8 h 01 min) for a due at 08:13:18 the next day. The received instant is rounded up once, to
    /// the next whole minute, before counting: every day's minutes are whole and add up exactly.
    @Test func secondsOfTheReceiptAreRoundedUpOnceSoTheDaysAddUpToTheProcessingTime() {
        let calendar = WorkCalendar()
        for processing in [ProcessingTime.workingDays(1), .workingDays(3), .workingHours(2.5)] {
            let result = calendar.due(from: at("2026-11-30T08:13:18"), processing: processing)
            #expect(result.effectiveStart == at("2026-11-30T08:14"))
            #expect(result.due.secondOfDay % 60 == 0, "due \(result.due.iso8601)")
            let counted = result.explanation.filter { $0.kind == .counted }.map(\.seconds)
            #expect(counted.allSatisfy { $0 % 60 == 0 }, "\(counted)")
            // The minutes each line shows (a partial minute shows as a whole one) sum to the processing time.
            let shownMinutes = counted.map { ($0 + 59) / 60 }.reduce(0, +)
            #expect(shownMinutes * 60 == calendar.workingSeconds(of: processing))
            #expect(result.explanation.first?.text.contains("08:14") == true, "\(result.explanation.first?.text ?? "")")
        }
        let oneDay = calendar.due(from: at("2026-11-30T08:13:18"), processing: .workingDays(1))
        #expect(oneDay.due == at("2026-12-01T08:14"))
        #expect(oneDay.explanation.filter { $0.kind == .counted }.map(\.text)
                == ["Thứ Hai 30/11/2026: tính 6 giờ 46 phút", "Thứ Ba 01/12/2026: tính 1 giờ 14 phút"])
        // A step due counted from a command at hh:mm:ss is a whole minute too.
        #expect(calendar.adding(workingSeconds: 3600, to: at("2026-11-30T08:13:18")).due == at("2026-11-30T09:14"))
        // The receive decides the appointment with the same rounding: no seconds on the receipt.
        let event = try? Lifecycle(calendar: calendar, catalogue: .sample).receive(
            Intake(procedureCode: "1.004873", applicant: Person(name: "Nguyễn Văn Ánh", idNumber: "046090001234", phone: "0912345678")),
            agency: "000.00.xx.H57", at: at("2026-11-30T08:13:18"))
        #expect(event?.due.map { $0.secondOfDay % 60 == 0 } == true)
        #expect(event?.stepDue.map { $0.secondOfDay % 60 == 0 } == true)
        #expect(event?.reception?.effectiveStart == at("2026-11-30T08:14"))
    }

    @Test func theEdgeYears1900And2100HaveWorkingDaysAndTet() throws {
        let calendar = WorkCalendar()
        for year in [1900, 2100] {
            let tet = try #require(LunarCalendar.newYear(ofLunarYear: year))
            guard case .dayOff(let off) = calendar.status(of: tet) else {
                if tet.isWeekend { continue }
                Issue.record("Tết \(year) (\(tet.iso)) should be a day off")
                continue
            }
            #expect(off.name == "Tết Nguyên đán (mùng 1)")
        }
        // Tết 2100 is Tuesday 9/2: 8/2–12/2 off, then the weekend.
        let due = calendar.due(from: at("2100-02-05T09:00"), processing: .workingDays(1))
        #expect(due.due == at("2100-02-15T09:00"))
        // Tết 1900 is Wednesday 31/1: 30/1–3/2 off (3/2 a Saturday, compensated on Monday 5/2).
        let due1900 = calendar.due(from: at("1900-01-29T09:00"), processing: .workingDays(1))
        #expect(due1900.due == at("1900-02-06T09:00"))
    }
}
