import Foundation
import MotCuaCore

/// An instant written as the tests read it (Vietnam time when no offset is given).
public func at(_ text: String) -> Instant {
    guard let instant = Instant(iso8601: text) else { preconditionFailure("bad instant \(text)") }
    return instant
}

/// A fixed set of dossiers in every deadline state, at a fixed "now" (Monday 30/11/2026 10:00),
/// shared by the store's, the desk's and the terminal app's tests.
public enum SampleDossiers {
    public static let now = at("2026-11-30T10:00")
    /// The shipped calendar with 24/11/2026 confirmed, as a centre's admin would have done by
    /// then (`motcua calendar confirm`): the samples' deadlines and the screens' golden files were
    /// drawn with that day off. The shipped file alone does not apply it (issue 17 #6).
    public static let calendar = WorkCalendar(schedule: HolidaySchedule.shipped.confirming(
        CivilDate(2026, 11, 24), legalBasis: "xác nhận giả định cho dữ liệu kiểm thử") ?? .shipped)
    static let lifecycle = Lifecycle(calendar: calendar, catalogue: .sample)

    /// A dossier received at `received`, driven through `steps`.
    public static func dossier(_ number: Int, _ name: String, procedure: String = "1.004873", received: String,
                               _ steps: [(DossierCommand, String)] = []) -> DossierSummary {
        let intake = Intake(procedureCode: procedure, applicant: Person(name: name, idNumber: "046090001234", phone: "0912345678"))
        let event = try! lifecycle.receive(intake, agency: "000.00.xx.H57", at: at(received))
        let stamp = "000.00.xx.H57-" + String(String(at(received).date.iso.dropFirst(2)).filter { $0 != "-" }) + "-" + String(format: "%04d", number)
        let id = UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", number))!
        var summary = try! DossierSummary(received: RecordedEvent(seq: 1, at: at(received), by: "lan", dossier: id,
                                                                  code: stamp, version: 1, event: event))
        for (i, (command, time)) in steps.enumerated() {
            let e = try! lifecycle.decide(command, for: summary, at: at(time))
            summary.apply(RecordedEvent(seq: Int64(i + 2), at: at(time), by: "hoa", dossier: id, code: stamp,
                                        version: summary.version + 1, event: e))
        }
        return summary
    }

    public static let summaries: [DossierSummary] = [
        dossier(1, "Nguyễn Văn Ánh", received: "2026-11-20T08:00", [(.transfer(department: "VP", official: "hoa"), "2026-11-20T09:00")]),
        dossier(2, "Trần Thị Bé", procedure: "2.000815", received: "2026-11-30T08:30"),                   // due today
        dossier(3, "Nguye\u{0302}\u{0303}n Thi\u{0323} Hoa\u{0300}", received: "2026-11-26T11:00"),       // NFD name, due tomorrow
        dossier(4, "Tôn Nữ Thị Hoàng Trọng Diệu Thu Phương Thảo Ngọc", received: "2026-11-27T09:00"),    // long name, ≤3 days
        dossier(5, "Lê Văn Chờ", received: "2026-11-25T09:00", [(.requestSupplement(reason: "Thiếu tờ khai", documents: []), "2026-11-25T10:00")]),
        dossier(6, "Phạm Văn Xong", received: "2026-11-24T09:00", [(.resultReady(note: nil), "2026-11-25T09:00")]),
        dossier(7, "Hồ Thị Trả", received: "2026-11-23T09:00",
                [(.resultReady(note: nil), "2026-11-24T09:00"), (.returnResult(.applicant), "2026-11-30T08:00")]),
        dossier(8, "Đỗ Văn Rút", received: "2026-11-23T09:00", [(.withdraw(reason: nil), "2026-11-24T09:00")]),
        dossier(9, "Vũ Thị Thong Thả", procedure: "1.012787", received: "2026-11-27T09:00"),               // on track (23 days)
        dossier(10, "Bùi Văn Tạm", received: "2026-11-26T09:00", [(.suspend(reason: "Xác minh"), "2026-11-26T10:00")]),
    ]
}
