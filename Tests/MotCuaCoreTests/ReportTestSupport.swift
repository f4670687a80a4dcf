import Foundation
import Testing
@testable import MotCuaCore

/// A desk history from `DemoGenerator`, folded into summaries in memory the way
/// `Store.importPlan` does it (same lifecycle decisions, codes per agency and day), with each
/// dossier's events kept for independent checks.
struct GeneratedDesk: Sendable {
    static let agency = "000.00.xx.H57"
    let calendar: WorkCalendar
    let summaries: [DossierSummary]
    let events: [UUID: [RecordedEvent]]
    let start: Instant
    let now: Instant

    /// 2,000 dossiers over the 200 days before 20/11/2026 10:00, seed fixed.
    static let shared = Result { try GeneratedDesk(count: 2_000, days: 200, seed: 20_261_120) }

    init(count: Int, days: Int, seed: UInt64) throws {
        let calendar = WorkCalendar()
        let now = Instant(date: CivilDate(2026, 11, 20), time: TimeOfDay(10, 0))
        let start = Instant(date: now.date.adding(days: -days))
        let options = DemoGenerator.Options(count: count, seed: seed, start: start, end: now)
        let lifecycle = Lifecycle(calendar: calendar, catalogue: .sample)
        var summaries: [DossierSummary] = []
        var events: [UUID: [RecordedEvent]] = [:]
        var open: [Int: Int] = [:]
        var dayCounters: [CivilDate: Int] = [:]
        var seq: Int64 = 0
        for step in DemoGenerator(options: options, catalogue: .sample, calendar: calendar) {
            seq += 1
            switch step.action {
            case .receive(let intake):
                let event = try lifecycle.receive(intake, agency: GeneratedDesk.agency, at: step.at)
                let number = (dayCounters[step.at.date] ?? 0) + 1
                dayCounters[step.at.date] = number
                let id = testUUID(step.dossier + 1)
                let rec = RecordedEvent(seq: seq, at: step.at, by: step.by, dossier: id,
                                        code: dossierCode(GeneratedDesk.agency, step.at.date, number), version: 1, event: event)
                summaries.append(try DossierSummary(received: rec))
                events[id] = [rec]
                open[step.dossier] = summaries.count - 1
            case .command(let command):
                guard let index = open[step.dossier] else { continue }
                let event = try lifecycle.decide(command, for: summaries[index], at: step.at)
                let d = summaries[index]
                let rec = RecordedEvent(seq: seq, at: step.at, by: step.by, dossier: d.id, code: d.code,
                                        version: d.version + 1, event: event)
                summaries[index].apply(rec)
                events[d.id, default: []].append(rec)
                if summaries[index].state.isClosed { open[step.dossier] = nil }
            }
        }
        self.calendar = calendar
        self.summaries = summaries
        self.events = events
        self.start = start
        self.now = now
    }
}

func testUUID(_ n: Int) -> UUID {
    let digits = String(n)
    return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits)!
}

/// `<agency>-<YYMMDD>-<XXXX>`, as the store issues them.
func dossierCode(_ agency: String, _ date: CivilDate, _ number: Int) -> String {
    let yymmdd = [date.year % 100, date.month, date.day].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
    let n = String(number)
    return "\(agency)-\(yymmdd)-\(String(repeating: "0", count: max(0, 4 - n.count)))\(n)"
}

/// A dossier driven through the lifecycle by hand, keeping its events (for forms) and summary (for reports).
struct TestDossier {
    static let lifecycle = Lifecycle(calendar: WorkCalendar(), catalogue: .sample)
    private(set) var events: [RecordedEvent] = []
    private(set) var summary: DossierSummary

    init(_ number: Int, received at: String, procedure: String = "1.004873", by: String = "lan",
         applicant: Person = Person(name: "Nguyễn Văn Ánh", idNumber: "046090001234", phone: "0912345678"),
         proxy: Proxy? = nil, channel: Channel = .direct, documents: [ReceivedDocument]? = nil) throws {
        let instant = MotCuaCoreTests.at(at)
        let intake = Intake(procedureCode: procedure, applicant: applicant, proxy: proxy, channel: channel, documents: documents)
        var event = try TestDossier.lifecycle.receive(intake, agency: GeneratedDesk.agency, at: instant)
        // The lifecycle cleans names; keep hostile text exactly as a hand-edited journal could hold it.
        event.reception?.applicant.name = applicant.name
        let rec = RecordedEvent(seq: Int64(number) * 100, at: instant, by: by, dossier: testUUID(number),
                                code: dossierCode(GeneratedDesk.agency, instant.date, number), version: 1, event: event)
        summary = try DossierSummary(received: rec)
        events = [rec]
    }

    @discardableResult
    mutating func run(_ command: DossierCommand, _ at: String, by: String = "lan") throws -> DossierEvent {
        let instant = MotCuaCoreTests.at(at)
        let event = try TestDossier.lifecycle.decide(command, for: summary, at: instant)
        let rec = RecordedEvent(seq: events[events.count - 1].seq + 1, at: instant, by: by, dossier: summary.id,
                                code: summary.code, version: summary.version + 1, event: event)
        summary.apply(rec)
        events.append(rec)
        return event
    }

    var dossier: Dossier { get throws { try Dossier(events: events) } }
}

/// The officials of the demo store, login → name.
let demoOfficialNames = Dictionary(uniqueKeysWithValues: DemoStaff.members.map { ($0.login, $0.name) })

/// Golden files under Tests/MotCuaCoreTests/Golden; `UPDATE_GOLDEN=1 swift test` rewrites them.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("golden file \(name) is missing: run UPDATE_GOLDEN=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record("""
                \(name) differs from the golden file at line \(line + 1):
                  expected: \(line < e.count ? String(e[line]) : "<end>")
                  actual:   \(line < a.count ? String(a[line]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }
}
